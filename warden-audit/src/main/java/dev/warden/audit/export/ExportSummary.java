package dev.warden.audit.export;

/**
 * What an export wrote.
 *
 * @param from        first index written
 * @param to          end index (exclusive)
 * @param entries     entries written
 * @param checkpoints checkpoints written
 */
public record ExportSummary(long from, long to, long entries, long checkpoints) {
}
