package dev.warden.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A search of the audit log, newest first, for people paging back through it (the console's audit
 * explorer): entries with a sequence number in {@code (afterSeq, beforeSeq)} that match every given
 * filter. A store answers from an index on one filter (agent, else decision, else kind, else the
 * sequence number) and checks the others on the entries it reads; it reads at most {@code budget}
 * index entries per page, so a page of a rare combination may hold fewer than {@code limit} entries
 * and say where to go on ({@link Page#resumeBefore}).
 *
 * @param agent     only entries of this agent
 * @param kind      only entries of this kind
 * @param decision  only entries with this decision value ({@code allow}, {@code deny}, ...)
 * @param from      only entries at or after this time
 * @param to        only entries at or before this time
 * @param afterSeq  only entries with a sequence number greater than this (0: no bound)
 * @param beforeSeq only entries with a sequence number less than this ({@link AuditQuery#NO_UPPER_BOUND}: no bound)
 * @param limit     at most this many entries (1..1000)
 * @param budget    at most this many index entries read (at least {@code limit})
 */
public record AuditSearch(Optional<String> agent, Optional<String> kind, Optional<String> decision,
                          Optional<Instant> from, Optional<Instant> to, long afterSeq, long beforeSeq,
                          int limit, int budget) {
    /** Checks the bounds. */
    public AuditSearch {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq must be >= 0");
        }
        if (beforeSeq < 1) {
            throw new IllegalArgumentException("beforeSeq must be >= 1");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        if (budget < limit) {
            throw new IllegalArgumentException("budget must be at least limit");
        }
    }

    /** Whether a record passes every filter (the time bounds included). */
    public boolean matches(AuditRecord r) {
        return r.seq() > afterSeq && r.seq() < beforeSeq
                && agent.map(a -> a.equals(r.agent())).orElse(true)
                && kind.map(k -> k.equals(r.kind())).orElse(true)
                && decision.map(d -> d.equals(r.decision())).orElse(true)
                && from.map(f -> !r.time().isBefore(f)).orElse(true)
                && to.map(t -> !r.time().isAfter(t)).orElse(true);
    }

    /**
     * One page of a search.
     *
     * @param records      the matching entries, newest first
     * @param resumeBefore where the next (older) page starts: search again with this as {@code beforeSeq};
     *                     empty when no older entry can match
     * @param exhausted    true when the page is short because the read budget ran out, not because no
     *                     older entry matches
     */
    public record Page(List<AuditRecord> records, Optional<Long> resumeBefore, boolean exhausted) {
        /** Copies the list. */
        public Page {
            records = List.copyOf(records);
            Objects.requireNonNull(resumeBefore, "resumeBefore");
        }
    }
}
