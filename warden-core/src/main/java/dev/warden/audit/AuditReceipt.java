package dev.warden.audit;

/**
 * Proof that an event was durably appended.
 *
 * @param seq      its sequence number
 * @param leafHash its hex leaf hash
 */
public record AuditReceipt(long seq, String leafHash) {
}
