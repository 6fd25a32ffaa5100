package dev.warden.audit;

import java.util.Optional;

/**
 * A page request over the audit log.
 *
 * @param afterSeq    return entries with a sequence number greater than this
 * @param limit       at most this many (1..1000)
 * @param agent       only entries of this agent
 * @param kind        only entries of this kind
 * @param beforeSeq   return entries with a sequence number less than this ({@link #NO_UPPER_BOUND}: no bound)
 * @param newestFirst the page holds the newest matching entries, newest first; else the oldest, oldest first
 */
public record AuditQuery(long afterSeq, int limit, Optional<String> agent, Optional<String> kind, long beforeSeq,
                         boolean newestFirst) {
    /** The {@link #beforeSeq} that bounds nothing. */
    public static final long NO_UPPER_BOUND = Long.MAX_VALUE;

    /** Checks the bounds. */
    public AuditQuery {
        if (afterSeq < 0) {
            throw new IllegalArgumentException("after must be >= 0");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        if (beforeSeq < 1) {
            throw new IllegalArgumentException("before must be >= 1");
        }
    }

    /** The oldest matching entries after {@code afterSeq}, oldest first. */
    public AuditQuery(long afterSeq, int limit, Optional<String> agent, Optional<String> kind) {
        this(afterSeq, limit, agent, kind, NO_UPPER_BOUND, false);
    }
}
