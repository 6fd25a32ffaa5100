package dev.warden.audit;

/**
 * The last appended position of the log.
 *
 * @param seq       sequence number of the last entry (0 for an empty log)
 * @param chainHash hex chain hash after that entry (64 zeros for an empty log)
 */
public record AuditHead(long seq, String chainHash) {
    /** The head of an empty log. */
    public static final AuditHead EMPTY = new AuditHead(0, "0".repeat(64));
}
