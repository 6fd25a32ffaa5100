package dev.warden.audit;

import java.time.Instant;

/**
 * One stored entry of the audit log.
 *
 * <p>{@code entry} holds the exact canonical JSON bytes (UTF-8) that are hashed: the leaf hash is
 * {@code SHA-256(0x00 || entry)} (RFC 9162 leaf hashing) and the chain hash is
 * {@code SHA-256(previous chain hash || leaf hash)}, starting from 32 zero bytes. The other fields
 * are copies of entry fields kept for indexing.
 *
 * @param seq        1-based sequence number, gap-free
 * @param time       event time
 * @param kind       event kind, e.g. {@code decision}
 * @param agent      agent name, or null for events without one
 * @param session    session id, or null
 * @param decisionId decision id, or null
 * @param decision   decision value ({@code allow}, {@code deny}, {@code approval_required}), or null
 * @param entry      canonical JSON of the entry
 * @param leafHash   hex leaf hash
 * @param chainHash  hex chain hash
 */
public record AuditRecord(long seq, Instant time, String kind, String agent, String session, String decisionId,
                          String decision, String entry, String leafHash, String chainHash) {
}
