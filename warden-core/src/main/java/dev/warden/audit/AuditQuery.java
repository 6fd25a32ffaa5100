package dev.warden.audit;

import java.util.Optional;

/**
 * A page request over the audit log.
 *
 * @param afterSeq return entries with a sequence number greater than this
 * @param limit    at most this many (1..1000)
 * @param agent    only entries of this agent
 * @param kind     only entries of this kind
 */
public record AuditQuery(long afterSeq, int limit, Optional<String> agent, Optional<String> kind) {
    /** Checks the bounds. */
    public AuditQuery {
        if (afterSeq < 0) {
            throw new IllegalArgumentException("after must be >= 0");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
    }
}
