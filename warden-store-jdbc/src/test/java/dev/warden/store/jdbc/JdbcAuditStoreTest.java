package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalState;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcAuditStoreTest {
    @TempDir
    Path dir;
    JdbcStores stores;
    AuditStore audit;

    @BeforeEach
    void open() {
        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        audit = stores.audit();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    /** Appends {@code batches} batches of {@code size} chained records and returns all of them. */
    private List<AuditRecord> appendBatches(int batches, int size) {
        List<AuditRecord> all = new ArrayList<>();
        AuditHead head = audit.head();
        for (int b = 0; b < batches; b++) {
            List<AuditRecord> batch = Fixtures.records(head.seq(), head.chainHash(), size, 120);
            audit.append(batch);
            all.addAll(batch);
            head = new AuditHead(batch.getLast().seq(), batch.getLast().chainHash());
        }
        return all;
    }

    private static Optional<String> none() {
        return Optional.empty();
    }

    @Test
    void headOfEmptyLogIsEmpty() {
        assertThat(audit.head()).isEqualTo(AuditHead.EMPTY);
        assertThat(audit.read(new AuditQuery(0, 10, none(), none()))).isEmpty();
        assertThat(audit.findDecision("dec_1")).isEmpty();
        assertThat(audit.hasOutcome("dec_1")).isFalse();
    }

    @Test
    void headIsTheLastAppendedRecord() {
        List<AuditRecord> all = appendBatches(3, 7);

        AuditRecord last = all.getLast();
        assertThat(audit.head()).isEqualTo(new AuditHead(21, last.chainHash()));
        audit.append(List.of());
        assertThat(audit.head().seq()).isEqualTo(21);
    }

    @Test
    void readNewestFirstBelowABound() {
        appendBatches(4, 10); // seq 1..40; every third an outcome; agents alternate

        assertThat(audit.read(new AuditQuery(0, 3, none(), none(), AuditQuery.NO_UPPER_BOUND, true)))
                .extracting(AuditRecord::seq).containsExactly(40L, 39L, 38L);
        assertThat(audit.read(new AuditQuery(0, 3, none(), none(), 38, true)))
                .extracting(AuditRecord::seq).containsExactly(37L, 36L, 35L);
        assertThat(audit.read(new AuditQuery(0, 2, none(), Optional.of("outcome"), 30, true)))
                .extracting(AuditRecord::seq).containsExactly(27L, 24L);
        assertThat(audit.read(new AuditQuery(33, 10, none(), none(), 36, true)))
                .extracting(AuditRecord::seq).containsExactly(35L, 34L);
        assertThat(audit.read(new AuditQuery(5, 3, none(), none(), 8, false)))
                .extracting(AuditRecord::seq).containsExactly(6L, 7L);
        assertThat(audit.read(new AuditQuery(0, 10, none(), none(), 1, true))).isEmpty();
    }

    @Test
    void decisionCounts_inSql_equalTheDefaultPagingCount_forTheWindowAndTheCap() {
        List<AuditRecord> all = appendBatches(5, 30);
        AuditStore paging = new AuditStore() { // the interface's default over the same records
            @Override
            public dev.warden.audit.AuditHead head() {
                return audit.head();
            }

            @Override
            public void append(List<AuditRecord> batch) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<AuditRecord> read(AuditQuery query) {
                return audit.read(query);
            }

            @Override
            public Optional<AuditRecord> findDecision(String decisionId) {
                return audit.findDecision(decisionId);
            }

            @Override
            public boolean hasOutcome(String decisionId) {
                return audit.hasOutcome(decisionId);
            }
        };
        java.time.Instant since = Fixtures.T0.plusNanos(40);
        int expected = (int) all.stream().filter(r -> "agent-even".equals(r.agent()) && r.kind().equals("decision")
                && !r.time().isBefore(since)).count();
        assertThat(expected).isGreaterThan(10);

        assertThat(audit.decisionCounts("agent-even", since, 1000)).isEqualTo(java.util.Map.of("allow", expected))
                .isEqualTo(paging.decisionCounts("agent-even", since, 1000));
        assertThat(audit.decisionCounts("agent-even", since, 7)).isEqualTo(java.util.Map.of("allow", 7))
                .isEqualTo(paging.decisionCounts("agent-even", since, 7));
        assertThat(audit.decisionCounts("nobody", since, 1000)).isEmpty();
        assertThat(audit.decisionCounts("agent-even", Fixtures.T0.plusSeconds(1), 1000)).isEmpty();
    }

    @Test
    void hourlyDecisionCounts_inSql_countTheWindowByHour_upToTheCap() {
        List<AuditRecord> all = appendBatches(5, 30);
        java.time.Instant since = Fixtures.T0.plusNanos(40);
        int expected = (int) all.stream().filter(r -> "agent-even".equals(r.agent()) && r.kind().equals("decision")
                && !r.time().isBefore(since)).count();
        assertThat(expected).isGreaterThan(10);
        java.time.Instant hour = Fixtures.T0.truncatedTo(java.time.temporal.ChronoUnit.HOURS);

        assertThat(audit.hourlyDecisionCounts("agent-even", since, 1000))
                .isEqualTo(java.util.Map.of(hour, java.util.Map.of("allow", expected)));
        assertThat(audit.hourlyDecisionCounts("agent-even", since, 7)).isEqualTo(java.util.Map.of(hour, java.util.Map.of("allow", 7)));
        assertThat(audit.hourlyDecisionCounts("nobody", since, 1000)).isEmpty();
        assertThat(audit.hourlyDecisionCounts("agent-even", Fixtures.T0.plusSeconds(1), 1000)).isEmpty();
    }

    @Test
    void readPagesInSequenceOrderWithFilters() {
        List<AuditRecord> all = appendBatches(4, 10);

        assertThat(audit.read(new AuditQuery(0, 1000, none(), none()))).isEqualTo(all);
        assertThat(audit.read(new AuditQuery(5, 3, none(), none()))).extracting(AuditRecord::seq).containsExactly(6L, 7L, 8L);
        assertThat(audit.read(new AuditQuery(40, 10, none(), none()))).isEmpty();

        assertThat(audit.read(new AuditQuery(0, 1000, Optional.of("agent-even"), none())))
                .isEqualTo(all.stream().filter(r -> r.agent().equals("agent-even")).toList());
        assertThat(audit.read(new AuditQuery(10, 4, Optional.of("agent-odd"), none()))).extracting(AuditRecord::seq)
                .containsExactly(11L, 13L, 15L, 17L);
        assertThat(audit.read(new AuditQuery(0, 1000, none(), Optional.of("outcome")))).extracting(AuditRecord::seq)
                .containsExactly(3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L, 27L, 30L, 33L, 36L, 39L);
        assertThat(audit.read(new AuditQuery(0, 1000, Optional.of("agent-even"), Optional.of("outcome"))))
                .extracting(AuditRecord::seq).containsExactly(6L, 12L, 18L, 24L, 30L, 36L);
        assertThat(audit.read(new AuditQuery(0, 10, Optional.of("nobody"), none()))).isEmpty();
    }

    @Test
    void findDecisionAndHasOutcome() {
        List<AuditRecord> all = appendBatches(1, 6);
        // seq 1 decision dec_1, 2 decision dec_2, 3 outcome of dec_2, 4 decision dec_4, 5 decision dec_5, 6 outcome of dec_5

        assertThat(audit.findDecision("dec_2")).contains(all.get(1));
        assertThat(audit.findDecision("dec_3")).isEmpty();
        assertThat(audit.findDecision("dec_5")).get().extracting(AuditRecord::kind).isEqualTo("decision");
        assertThat(audit.hasOutcome("dec_2")).isTrue();
        assertThat(audit.hasOutcome("dec_5")).isTrue();
        assertThat(audit.hasOutcome("dec_1")).isFalse();
        assertThat(audit.hasOutcome("dec_4")).isFalse();
        assertThat(audit.hasOutcome("dec_999")).isFalse();
    }

    @Test
    void appendWithChanges_writesOfTheSameDatabaseJoinTheBatch_unseenUntilItCommits_andRolledBackWithIt() {
        JdbcStores other = JdbcStores.openSqlite(dir.resolve("other.db"));
        other.close(); // its stores still tell which database they are on
        assertThat(List.<Object>of(stores.agents(), stores.approvals(), stores.toolPins()))
                .allMatch(stores.audit()::sharesTransactionWith);
        assertThat(List.<Object>of(other.agents(), other.approvals(), other.toolPins(), new Object()))
                .noneMatch(stores.audit()::sharesTransactionWith);
        Approval a = Fixtures.approval(1, ApprovalState.PENDING, Fixtures.T0);
        Approval b = Fixtures.approval(2, ApprovalState.PENDING, Fixtures.T0);
        List<Optional<Approval>> seen = new ArrayList<>();

        stores.audit().appendWithChanges(() -> {
            stores.approvals().insert(a);
            seen.add(stores.approvals().find(a.id())); // this thread: in the batch's transaction
            seen.add(CompletableFuture.supplyAsync(() -> stores.approvals().find(a.id())).join()); // any other connection
            return Fixtures.records(0, Fixtures.ZERO_HASH, 1, 100);
        });

        assertThat(seen).containsExactly(Optional.of(a), Optional.empty());
        assertThat(stores.approvals().find(a.id())).contains(a);
        AuditHead head = stores.audit().head();
        List<AuditRecord> stored = Fixtures.records(0, Fixtures.ZERO_HASH, 1, 100); // seq 1 is taken: the append fails
        assertThatThrownBy(() -> stores.audit().appendWithChanges(() -> {
            stores.approvals().insert(b);
            return stored;
        })).isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThat(stores.approvals().find(b.id())).isEmpty();
        stores.audit().appendWithChanges(() -> {
            stores.approvals().insert(b);
            return List.of(); // nothing recorded, so nothing changed
        });
        stores.audit().append(Fixtures.records(head.seq(), head.chainHash(), 1, 100)); // commits only its own record
        assertThat(stores.approvals().find(b.id())).isEmpty();
        assertThat(stores.audit().head().seq()).isEqualTo(2);
    }

    @Test
    void batchWithAnExistingSeqFailsAsAWhole() {
        List<AuditRecord> first = appendBatches(1, 10);
        AuditHead head = audit.head();
        List<AuditRecord> bad = new ArrayList<>(Fixtures.records(head.seq(), head.chainHash(), 5, 100));
        bad.add(Fixtures.record(3, Fixtures.T0, "decision", "x", "dec_x", "{}", Fixtures.ZERO_HASH));

        assertThatThrownBy(() -> audit.append(bad))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));

        assertThat(audit.head()).isEqualTo(head);
        assertThat(audit.read(new AuditQuery(0, 1000, none(), none()))).isEqualTo(first);

        // the writer recovers: the good part alone appends fine
        List<AuditRecord> good = bad.subList(0, 5);
        audit.append(good);
        assertThat(audit.head().seq()).isEqualTo(15);
        assertThat(audit.read(new AuditQuery(10, 1000, none(), none()))).isEqualTo(good);
    }

    @Test
    void entryTextComesBackByteIdentical() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("text", "quote \" backslash \\ newline \n tab \t nul \u0000 ctl \u001f");
        entry.put("unicode", "Zürich 東京 😀 \u2028 \u00e9 e\u0301 \uFEFF");
        entry.put("nested", Map.of("k", List.of(1L, "ü")));
        String canonical = CanonicalJson.write(entry);
        String hand = "{ \"spaced\" : \"\\u00e9\\n\\\"\" , \"raw\":\"😀\" }";
        AuditRecord a = Fixtures.record(1, Fixtures.T0, "decision", "ä-agent", "dec_1", canonical, Fixtures.ZERO_HASH);
        AuditRecord b = Fixtures.record(2, Fixtures.T0.plusNanos(1), "outcome", null, null, hand, a.chainHash());

        audit.append(List.of(a, b));

        List<AuditRecord> read = audit.read(new AuditQuery(0, 10, none(), none()));
        assertThat(read).containsExactly(a, b);
        assertThat(read.get(0).entry().getBytes(StandardCharsets.UTF_8)).isEqualTo(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(read.get(1).entry()).isEqualTo(hand);
        assertThat(Fixtures.leafHash(read.get(0).entry())).isEqualTo(a.leafHash());
        assertThat(read.get(1).agent()).isNull();
        assertThat(read.get(1).decision()).isNull();
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        List<AuditRecord> all = appendBatches(5, 20);
        stores.close();

        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        audit = stores.audit();

        assertThat(audit.head()).isEqualTo(new AuditHead(100, all.getLast().chainHash()));
        assertThat(audit.read(new AuditQuery(0, 1000, none(), none()))).isEqualTo(all);
        List<AuditRecord> more = Fixtures.records(100, all.getLast().chainHash(), 3, 50);
        audit.append(more);
        assertThat(audit.head().seq()).isEqualTo(103);
    }

    @Test
    void readersRunConcurrentlyWithTheWriter() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Thread t = new Thread(() -> {
                long last = 0;
                try {
                    while (!done.get()) {
                        AuditHead head = audit.head();
                        if (head.seq() < last || head.seq() % 16 != 0) {
                            throw new AssertionError("head went from " + last + " to " + head.seq());
                        }
                        last = head.seq();
                        List<AuditRecord> page = audit.read(new AuditQuery(Math.max(0, last - 16), 16, none(), none()));
                        if (last > 0 && page.size() != 16) {
                            throw new AssertionError("partial batch visible: " + page.size());
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            t.start();
            readers.add(t);
        }
        appendBatches(100, 16);
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }

        assertThat(failure.get()).isNull();
        assertThat(audit.head().seq()).isEqualTo(1600);
    }
}
