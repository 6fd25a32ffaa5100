package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditSearch;
import dev.warden.audit.AuditStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store's {@link AuditStore#search} (index reads, V19) finds what the SPI's default over
 * {@link AuditStore#read} finds, page for page when one filter leads, and every entry once when the
 * others are checked within the read budget.
 */
class JdbcAuditSearchTest {
    @TempDir
    Path dir;
    JdbcStores stores;
    AuditStore plain;

    @BeforeEach
    void open() {
        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        stores.audit().append(Fixtures.records(0, Fixtures.ZERO_HASH, 300, 60));
        AuditStore jdbc = stores.audit();
        plain = new AuditStore() { // only the SPI's required methods: search is the default
            @Override
            public AuditHead head() {
                return jdbc.head();
            }

            @Override
            public void append(List<AuditRecord> batch) {
                jdbc.append(batch);
            }

            @Override
            public List<AuditRecord> read(AuditQuery query) {
                return jdbc.read(query);
            }

            @Override
            public Optional<AuditRecord> findDecision(String decisionId) {
                return jdbc.findDecision(decisionId);
            }

            @Override
            public boolean hasOutcome(String decisionId) {
                return jdbc.hasOutcome(decisionId);
            }
        };
    }

    @AfterEach
    void close() {
        stores.close();
    }

    /** Every page of the search, as (sequence numbers, cursor, exhausted) lines. */
    static List<String> pages(AuditStore store, AuditSearch first) {
        List<String> out = new ArrayList<>();
        AuditSearch s = first;
        for (int i = 0; i < 100; i++) {
            AuditSearch.Page p = store.search(s);
            out.add(p.records().stream().map(AuditRecord::seq).toList() + " " + p.resumeBefore() + " " + p.exhausted());
            assertThat(p.records()).allMatch(first::matches);
            if (p.resumeBefore().isEmpty()) {
                return out;
            }
            s = new AuditSearch(s.agent(), s.kind(), s.decision(), s.from(), s.to(), s.afterSeq(), p.resumeBefore().get(),
                    s.limit(), s.budget());
        }
        throw new AssertionError("the search did not end");
    }

    /** The sequence numbers of every page of the search, in order. */
    static List<Long> all(AuditStore store, AuditSearch first) {
        List<Long> out = new ArrayList<>();
        AuditSearch s = first;
        while (true) {
            AuditSearch.Page p = store.search(s);
            p.records().forEach(r -> out.add(r.seq()));
            if (p.resumeBefore().isEmpty()) {
                return out;
            }
            s = new AuditSearch(s.agent(), s.kind(), s.decision(), s.from(), s.to(), s.afterSeq(), p.resumeBefore().get(),
                    s.limit(), s.budget());
        }
    }

    @Test
    void indexSearches_findWhatTheDefaultFinds() {
        Instant t0 = Fixtures.T0;
        List<AuditSearch> searches = List.of(
                new AuditSearch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                        AuditQuery.NO_UPPER_BOUND, 50, 5_000),
                new AuditSearch(Optional.of("agent-even"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                        AuditQuery.NO_UPPER_BOUND, 20, 5_000),
                new AuditSearch(Optional.empty(), Optional.of("outcome"), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                        AuditQuery.NO_UPPER_BOUND, 30, 5_000),
                new AuditSearch(Optional.empty(), Optional.empty(), Optional.of("allow"), Optional.empty(), Optional.empty(), 0,
                        AuditQuery.NO_UPPER_BOUND, 40, 5_000),
                new AuditSearch(Optional.of("agent-odd"), Optional.of("outcome"), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                        AuditQuery.NO_UPPER_BOUND, 7, 20),
                new AuditSearch(Optional.of("agent-even"), Optional.empty(), Optional.of("allow"),
                        Optional.of(t0.plusNanos(100)), Optional.of(t0.plusNanos(200)), 0, AuditQuery.NO_UPPER_BOUND, 9, 30));
        for (int i = 0; i < searches.size(); i++) {
            AuditSearch s = searches.get(i);
            List<String> jdbc = pages(stores.audit(), s);
            List<String> dflt = pages(plain, s);
            if (i < 4) {
                // one filter: both read the same index range, page for page
                assertThat(jdbc).as(s.toString()).isEqualTo(dflt);
            }
            // more filters: the default asks read() for agent and kind together, the store reads one index
            // and checks the rest within its budget, so pages may split differently; the entries are the same
            assertThat(all(stores.audit(), s)).as(s.toString()).isNotEmpty().doesNotHaveDuplicates()
                    .isEqualTo(all(plain, s)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        }
        // a time range yields exactly the agent's allows in range (entries 100..200 have times T0 + 100..200 ns)
        List<Long> expected = new ArrayList<>();
        for (long seq = 200; seq >= 100; seq--) {
            if (seq % 2 == 0 && seq % 3 != 0) {
                expected.add(seq);
            }
        }
        assertThat(all(stores.audit(), searches.getLast())).isEqualTo(expected);
    }
}
