package dev.warden.audit;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Persistence SPI of the audit log. Append-only: no method changes or removes an entry.
 *
 * <p>Implementations MUST make {@link #append} atomic and durable before returning (the caller
 * acknowledges allows only after it returns), MUST be safe for one appending thread concurrent
 * with many readers, and MUST report failures as {@link dev.warden.WardenException} with
 * {@link dev.warden.ErrorCode#STORE_UNAVAILABLE}.
 */
public interface AuditStore {

    /** The last appended position, read from the store. */
    AuditHead head();

    /** Appends a batch of consecutive records in one transaction. */
    void append(List<AuditRecord> batch);

    /**
     * Appends the records {@code batch} returns, after running it on the calling thread: it applies
     * the {@link AuditedChange}s its records describe. Writes of stores this store
     * {@linkplain #sharesTransactionWith shares its transaction with} join the batch's transaction,
     * so they commit with the records or not at all; when nothing is returned nothing is committed.
     * The default runs {@code batch} and then {@link #append(List)}: no store shares its transaction.
     */
    default void appendWithChanges(Supplier<List<AuditRecord>> batch) {
        List<AuditRecord> records = batch.get();
        if (!records.isEmpty()) {
            append(records);
        }
    }

    /**
     * Whether writes of {@code store} made inside {@link #appendWithChanges} commit and roll back
     * with the batch's records. The default: no store does.
     */
    default boolean sharesTransactionWith(Object store) {
        return false;
    }

    /** A page of records within the query's bounds, oldest first or (when it asks) newest first. */
    List<AuditRecord> read(AuditQuery query);

    /**
     * The sequence number after which records of {@code since} and later start: reading from it
     * ({@link AuditQuery#afterSeq}) skips the records before. A binary search over {@link #read} by
     * sequence number, which assumes record times grow with it (they do, up to the few milliseconds
     * records of concurrent decisions may overtake each other: look back a little further). With
     * records pruned away, the search works over the ones left.
     *
     * @return 0 when the first record is already at or after {@code since}
     */
    default long lastSeqBefore(java.time.Instant since) {
        long lo = 0;
        long hi = head().seq();
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            List<AuditRecord> page = read(new AuditQuery(mid - 1, 1, Optional.empty(), Optional.empty()));
            if (page.isEmpty() || !page.getFirst().time().isBefore(since)) {
                hi = mid - 1;
            } else {
                lo = Math.max(mid, Math.min(page.getFirst().seq(), hi));
            }
        }
        return lo;
    }

    /**
     * Counts an agent's {@code decision} records at or after {@code since} by their decision value
     * ({@code allow}, {@code deny}, {@code approval_required}), reading at most the newest
     * {@code max} of them. The default pages through {@link #read} newest first; a store with an
     * index on agent and sequence number can count without reading the entries.
     */
    default java.util.Map<String, Integer> decisionCounts(String agent, java.time.Instant since, int max) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        int seen = 0;
        long before = AuditQuery.NO_UPPER_BOUND;
        while (seen < max) {
            List<AuditRecord> page = read(new AuditQuery(0, 1000, Optional.of(agent), Optional.of("decision"), before, true));
            for (AuditRecord r : page) {
                if (r.time().isBefore(since) || seen == max) {
                    return counts;
                }
                seen++;
                counts.merge(String.valueOf(r.decision()), 1, Integer::sum);
            }
            if (page.size() < 1000) {
                break;
            }
            before = page.getLast().seq();
        }
        return counts;
    }

    /**
     * Entries before {@code seq} that records of concurrent decisions may have overtaken (their times
     * grow with the sequence number only up to a few milliseconds): time bounds turned into sequence
     * bounds look this much further.
     */
    long TIME_SLACK = 1_000;

    /**
     * The search with its time bounds also applied as sequence bounds ({@link #lastSeqBefore}, a
     * binary search), widened by {@link #TIME_SLACK}; the time bounds stay for the exact check.
     */
    default AuditSearch bySeq(AuditSearch s) {
        long after = s.afterSeq();
        long before = s.beforeSeq();
        if (s.from().isPresent()) {
            after = Math.max(after, lastSeqBefore(s.from().get()) - TIME_SLACK);
        }
        if (s.to().isPresent()) {
            long last = lastSeqBefore(s.to().get().plusNanos(1));
            before = Math.min(before, last + 1 + TIME_SLACK);
        }
        return new AuditSearch(s.agent(), s.kind(), s.decision(), s.from(), s.to(), Math.max(0, after),
                Math.max(1, before), s.limit(), s.budget());
    }

    /**
     * A page of a search, newest first (see {@link AuditSearch}). The default pages through
     * {@link #read} newest first with the agent and kind filters and checks the others; a store
     * with indexes answers from them.
     */
    default AuditSearch.Page search(AuditSearch search) {
        AuditSearch s = bySeq(search);
        List<AuditRecord> out = new java.util.ArrayList<>();
        long before = s.beforeSeq();
        int examined = 0;
        while (examined < s.budget() && before > s.afterSeq() + 1) {
            int n = Math.min(1000, s.budget() - examined);
            List<AuditRecord> page = read(new AuditQuery(s.afterSeq(), n, s.agent(), s.kind(), before, true));
            for (AuditRecord r : page) {
                if (s.matches(r)) {
                    if (out.size() == s.limit()) {
                        return new AuditSearch.Page(out, Optional.of(out.getLast().seq()), false);
                    }
                    out.add(r);
                }
                examined++;
                before = r.seq();
            }
            if (page.size() < n) {
                return new AuditSearch.Page(out, Optional.empty(), false);
            }
        }
        boolean more = before > s.afterSeq() + 1;
        return new AuditSearch.Page(out, more ? Optional.of(before) : Optional.empty(), more && out.size() < s.limit());
    }

    /**
     * Counts an agent's {@code decision} records at or after {@code since} per hour (UTC, the
     * hour's start) and decision value, reading at most the newest {@code max} of them: the
     * console's activity chart. The default pages through {@link #read} newest first; a store with
     * an index on agent and sequence number counts without reading the entries.
     */
    default java.util.SortedMap<java.time.Instant, java.util.Map<String, Integer>> hourlyDecisionCounts(String agent,
            java.time.Instant since, int max) {
        java.util.SortedMap<java.time.Instant, java.util.Map<String, Integer>> counts = new java.util.TreeMap<>();
        int seen = 0;
        long before = AuditQuery.NO_UPPER_BOUND;
        while (seen < max) {
            List<AuditRecord> page = read(new AuditQuery(0, 1000, Optional.of(agent), Optional.of("decision"), before, true));
            for (AuditRecord r : page) {
                if (r.time().isBefore(since) || seen == max) {
                    return counts;
                }
                seen++;
                counts.computeIfAbsent(r.time().truncatedTo(java.time.temporal.ChronoUnit.HOURS), h -> new java.util.TreeMap<>())
                        .merge(String.valueOf(r.decision()), 1, Integer::sum);
            }
            if (page.size() < 1000) {
                break;
            }
            before = page.getLast().seq();
        }
        return counts;
    }

    /** The {@code decision} record with this decision id. */
    Optional<AuditRecord> findDecision(String decisionId);

    /** True when an {@code outcome} record exists for this decision id. */
    boolean hasOutcome(String decisionId);

    /**
     * Called by the single writer after it has acknowledged a batch, on the writer's thread: a
     * moment for housekeeping that must not overlap the writer's own appends. The default does
     * nothing; the SQLite store starts its write-ahead log over here when it has grown too large.
     */
    default void afterBatch() {
    }
}
