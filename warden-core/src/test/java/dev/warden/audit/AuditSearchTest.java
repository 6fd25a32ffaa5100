package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.store.memory.InMemoryAuditStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link AuditStore#search}'s default: filters, newest-first paging with a cursor, the read budget, time bounds. */
class AuditSearchTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    final InMemoryAuditStore store = new InMemoryAuditStore();

    /** Appends one record per call: even sequence numbers are bot-a's allows, odd ones bot-b's denies, a minute apart. */
    void fill(int n) {
        List<AuditRecord> batch = new ArrayList<>();
        for (long seq = 1; seq <= n; seq++) {
            boolean a = seq % 2 == 0;
            batch.add(new AuditRecord(seq, T0.plus(Duration.ofMinutes(seq)), "decision", a ? "bot-a" : "bot-b", null,
                    "dec_" + seq, a ? "allow" : "deny", "{}", "00", "00"));
        }
        store.append(batch);
    }

    static AuditSearch search(Optional<String> agent, Optional<String> decision, Optional<Instant> from,
                              Optional<Instant> to, long before, int limit, int budget) {
        return new AuditSearch(agent, Optional.empty(), decision, from, to, 0, before, limit, budget);
    }

    @Test
    void pagesNewestFirst_withoutGapsOrRepeats() {
        fill(25);
        List<Long> seen = new ArrayList<>();
        long before = AuditQuery.NO_UPPER_BOUND;
        for (int pages = 0; pages < 10; pages++) {
            AuditSearch.Page p = store.search(search(Optional.of("bot-a"), Optional.empty(), Optional.empty(), Optional.empty(),
                    before, 5, 100));
            p.records().forEach(r -> seen.add(r.seq()));
            assertThat(p.records()).allMatch(r -> r.agent().equals("bot-a"));
            if (p.resumeBefore().isEmpty()) {
                break;
            }
            before = p.resumeBefore().get();
        }
        assertThat(seen).containsExactly(24L, 22L, 20L, 18L, 16L, 14L, 12L, 10L, 8L, 6L, 4L, 2L);
    }

    @Test
    void aFilterTheIndexDoesNotCover_isCheckedWithinTheBudget_andTheCursorGoesOn() {
        fill(40);
        AuditSearch.Page none = store.search(search(Optional.of("bot-a"), Optional.of("deny"), Optional.empty(),
                Optional.empty(), AuditQuery.NO_UPPER_BOUND, 5, 8));
        assertThat(none.records()).isEmpty();
        assertThat(none.exhausted()).isTrue();
        assertThat(none.resumeBefore()).hasValue(26L);
        AuditSearch.Page rest = store.search(search(Optional.of("bot-a"), Optional.of("deny"), Optional.empty(),
                Optional.empty(), 26, 5, 100));
        assertThat(rest.records()).isEmpty();
        assertThat(rest.resumeBefore()).isEmpty();
        assertThat(rest.exhausted()).isFalse();
    }

    @Test
    void timeBounds_areInclusive_andNarrowTheSequenceRange() {
        fill(30);
        AuditSearch s = search(Optional.empty(), Optional.of("deny"), Optional.of(T0.plus(Duration.ofMinutes(11))),
                Optional.of(T0.plus(Duration.ofMinutes(17))), AuditQuery.NO_UPPER_BOUND, 50, 1000);
        assertThat(store.search(s).records()).extracting(AuditRecord::seq).containsExactly(17L, 15L, 13L, 11L);
        assertThat(store.bySeq(s).beforeSeq()).isLessThan(AuditQuery.NO_UPPER_BOUND);
    }
}
