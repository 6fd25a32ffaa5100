package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.json.JsonReader;
import dev.warden.testing.ControllableAuditStore;
import dev.warden.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitAuditLogTest {
    private final ControllableAuditStore store = new ControllableAuditStore();
    private final List<GroupCommitAuditLog> opened = new ArrayList<>();

    @AfterEach
    void close() {
        store.release();
        opened.forEach(GroupCommitAuditLog::close);
    }

    private GroupCommitAuditLog log(Duration ackTimeout) {
        GroupCommitAuditLog log = new GroupCommitAuditLog(store, ackTimeout, 1024);
        opened.add(log);
        return log;
    }

    private GroupCommitAuditLog log(Duration ackTimeout, Duration flushInterval) {
        GroupCommitAuditLog log = new GroupCommitAuditLog(store, ackTimeout, 1024, flushInterval);
        opened.add(log);
        return log;
    }

    private static AuditEvent event(String name) {
        return AuditEvent.of("test.event", MutableClock.START, Map.of("name", name));
    }

    private List<AuditRecord> stored() {
        return store.read(new AuditQuery(0, 1000, java.util.Optional.empty(), java.util.Optional.empty()));
    }

    private static ChainVerification verify(List<AuditRecord> records) {
        ChainVerifier v = new ChainVerifier(AuditHead.EMPTY);
        records.forEach(v::accept);
        return v.result();
    }

    private static String name(AuditRecord r) {
        return (String) JsonReader.parseObject(r.entry()).get("name");
    }

    private static WardenException failure(CompletableFuture<AuditReceipt> f) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> f.get(5, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(WardenException.class);
        return (WardenException) e.getCause();
    }

    @Test
    void appendDurably_returnsReceiptMatchingTheStoredRecord() {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));

        AuditReceipt first = log.appendDurably(event("a"));
        AuditReceipt second = log.appendDurably(event("b"));

        List<AuditRecord> records = stored();
        assertThat(first).isEqualTo(new AuditReceipt(1, records.get(0).leafHash()));
        assertThat(second).isEqualTo(new AuditReceipt(2, records.get(1).leafHash()));
        assertThat(JsonReader.parseObject(records.get(0).entry())).isEqualTo(Map.of("name", "a", "schema",
                "warden.audit/v1", "seq", 1L, "time", "2025-03-01T10:00:00Z", "kind", "test.event"));
    }

    @Test
    void append_concurrentEvents_groupedIntoFewerBatches() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        store.holdNextAppend();
        CompletableFuture<AuditReceipt> first = log.append(event("first"));
        store.awaitHeld(); // the writer is inside the store with a batch of one

        List<CompletableFuture<AuditReceipt>> waiting = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "e" + i;
            CompletableFuture<AuditReceipt> receipt = new CompletableFuture<>();
            waiting.add(receipt);
            threads.add(Thread.ofPlatform().start(() -> log.append(event(name)).whenComplete((r, t) -> {
                if (t != null) {
                    receipt.completeExceptionally(t);
                } else {
                    receipt.complete(r);
                }
            })));
        }
        for (Thread t : threads) {
            t.join();
        }
        store.release();

        assertThat(first.get(5, TimeUnit.SECONDS).seq()).isEqualTo(1);
        List<Long> seqs = new ArrayList<>();
        for (CompletableFuture<AuditReceipt> r : waiting) {
            seqs.add(r.get(5, TimeUnit.SECONDS).seq());
        }
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, 51).boxed().toList());
        assertThat(store.batchSizes()).containsExactly(1, 50);
        assertThat(stored()).hasSize(51);
        assertThat(verify(stored())).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void appendDurably_manyThreads_fewerBatchesThanAppendsAndGapFree() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        int n = 64;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        store.holdNextAppend();
        log.append(event("warm-up"));
        store.awaitHeld();
        List<CompletableFuture<AuditReceipt>> receipts = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "t" + i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                receipts.add(log.append(event(name)));
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        store.release();
        for (CompletableFuture<AuditReceipt> r : receipts) {
            r.get(5, TimeUnit.SECONDS);
        }

        assertThat(store.batchSizes().size()).isLessThan(n + 1);
        assertThat(store.batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(n + 1);
        assertThat(stored()).extracting(AuditRecord::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, n + 1).boxed().toList());
        assertThat(verify(stored())).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void appendDurably_failedBatchThenSuccess_seqsStayGapFree() {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        assertThat(log.appendDurably(event("a")).seq()).isEqualTo(1);

        store.failNext(1);
        assertThatThrownBy(() -> log.appendDurably(event("lost")))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        AuditReceipt c = log.appendDurably(event("c"));

        assertThat(c.seq()).isEqualTo(2);
        assertThat(stored()).extracting(AuditRecord::seq).containsExactly(1L, 2L);
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("a", "c");
        assertThat(verify(stored())).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void appendDurably_storeCommittedButReportedFailure_nextAppendContinuesFromTheStoredHead() {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        log.appendDurably(event("a"));

        store.failAfterCommitNext(1);
        assertThatThrownBy(() -> log.appendDurably(event("ghost")))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        AuditReceipt c = log.appendDurably(event("c"));

        assertThat(c.seq()).isEqualTo(3);
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("a", "ghost", "c");
        assertThat(verify(stored())).isEqualTo(new ChainVerification.Intact(3, store.head()));
    }

    @Test
    void append_failedBatchOfMany_failsEveryEventInItThenContinuesAtNextSeq() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        store.holdNextAppend();
        CompletableFuture<AuditReceipt> first = log.append(event("first"));
        store.awaitHeld();
        List<CompletableFuture<AuditReceipt>> doomed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            doomed.add(log.append(event("doomed" + i)));
        }
        store.failNext(1); // the held batch has already decided to succeed: this fails the five queued events
        store.release();

        assertThat(first.get(5, TimeUnit.SECONDS).seq()).isEqualTo(1);
        for (CompletableFuture<AuditReceipt> d : doomed) {
            assertThat(failure(d).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        }
        AuditReceipt next = log.appendDurably(event("after"));

        assertThat(next.seq()).isEqualTo(2);
        assertThat(store.batchSizes()).containsExactly(1, 5, 1);
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("first", "after");
        assertThat(verify(stored())).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void appendDurably_storeThrowsUnexpectedException_wrappedAsStoreUnavailable() {
        AuditStore broken = new AuditStore() {
            @Override
            public AuditHead head() {
                return AuditHead.EMPTY;
            }

            @Override
            public void append(List<AuditRecord> batch) {
                throw new IllegalStateException("disk on fire");
            }

            @Override
            public List<AuditRecord> read(AuditQuery query) {
                return List.of();
            }

            @Override
            public java.util.Optional<AuditRecord> findDecision(String decisionId) {
                return java.util.Optional.empty();
            }

            @Override
            public boolean hasOutcome(String decisionId) {
                return false;
            }
        };
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(broken, Duration.ofSeconds(5), 16)) {
            assertThatThrownBy(() -> log.appendDurably(event("x")))
                    .isInstanceOfSatisfying(WardenException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE))
                    .hasRootCauseMessage("disk on fire");
        }
    }

    /** A change that counts how often it was applied and reverted. */
    private static final class CountingChange implements AuditedChange {
        final java.util.concurrent.atomic.AtomicInteger applied = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger reverted = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.function.BooleanSupplier outcome;

        CountingChange(java.util.function.BooleanSupplier outcome) {
            this.outcome = outcome;
        }

        @Override
        public Object store() {
            return this;
        }

        @Override
        public boolean apply() {
            boolean done = outcome.getAsBoolean();
            if (done) {
                applied.incrementAndGet();
            }
            return done;
        }

        @Override
        public void revert() {
            reverted.incrementAndGet();
        }
    }

    @Test
    void appendDurably_withAChange_revertsItWhenItsBatchFails_andKeepsItWithItsRecord() {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        CountingChange change = new CountingChange(() -> true);
        store.failNext(1);

        assertThatThrownBy(() -> log.appendDurably(event("lost"), change))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThat(change.applied).hasValue(1);
        assertThat(change.reverted).hasValue(1);

        assertThat(log.appendDurably(event("kept"), change)).hasValueSatisfying(r -> assertThat(r.seq()).isEqualTo(1));
        assertThat(change.applied).hasValue(2);
        assertThat(change.reverted).hasValue(1);
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("kept");
    }

    @Test
    void appendDurably_withAChangeThatNoLongerApplies_writesNoRecordAndAnswersEmpty() {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));

        assertThat(log.appendDurably(event("refused"), new CountingChange(() -> false))).isEmpty();
        AuditReceipt next = log.appendDurably(event("next"));

        assertThat(next.seq()).isEqualTo(1);
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("next");
    }

    @Test
    void appendDurably_withAChangeThatThrows_failsStoreUnavailableWithoutARecord() {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        CountingChange broken = new CountingChange(() -> {
            throw new IllegalStateException("store is gone");
        });

        assertThatThrownBy(() -> log.appendDurably(event("x"), broken))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));

        assertThat(broken.reverted).hasValue(0);
        assertThat(log.appendDurably(event("next")).seq()).isEqualTo(1);
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("next");
    }

    @Test
    void appendDurably_withNoBatchBeingWritten_commitsOnTheCallersOwnThread() {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        String me = Thread.currentThread().getName();

        assertThat(log.appendDurably(event("a")).seq()).isEqualTo(1);
        assertThat(log.appendDurably(event("b")).seq()).isEqualTo(2);

        assertThat(store.appendThreads()).containsExactly(me, me);
        assertThat(verify(stored())).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void appendDurably_whileACallersCommitHangs_othersAreDeniedInTime_thenTheWriterTakesOverUntilCommitsArePrompt()
            throws Exception {
        GroupCommitAuditLog log = log(Duration.ofSeconds(1)); // a commit over 100 ms counts as slow
        store.holdNextAppend();
        CompletableFuture<AuditReceipt> stuck = CompletableFuture.supplyAsync(() -> log.appendDurably(event("stuck")));
        store.awaitHeld(); // a caller is inside the store with its own event

        long started = System.nanoTime();
        assertThatThrownBy(() -> log.appendDurably(event("meanwhile")))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE))
                .hasMessageContaining("timed out");
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the denial").isLessThan(3_000);
        store.release();
        assertThat(stuck.get(5, TimeUnit.SECONDS).seq()).isEqualTo(1);

        // after a slow commit the writer thread commits (with its timeouts) until it commits promptly
        assertThat(log.appendDurably(event("via-writer")).seq()).isEqualTo(2);
        assertThat(log.appendDurably(event("own-again")).seq()).isEqualTo(3);
        List<String> threads = store.appendThreads();
        assertThat(threads.get(1)).isEqualTo("warden-audit-writer");
        assertThat(threads.get(2)).isEqualTo(Thread.currentThread().getName());
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("stuck", "via-writer", "own-again");
    }

    @Test
    void appendDurably_storeSlowerThanAckTimeoutOnTheWriter_failsStoreUnavailable() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofMillis(200));
        store.holdNextAppend();
        CompletableFuture<AuditReceipt> first = log.append(event("first")); // the writer thread takes it
        store.awaitHeld();

        assertThatThrownBy(() -> log.appendDurably(event("slow")))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE))
                .hasMessageContaining("timed out");
        store.release();
        assertThat(first.get(5, TimeUnit.SECONDS).seq()).isEqualTo(1);
    }

    @Test
    void appendDurably_failedOwnCommit_failsTheCaller_andTheNextGoesThroughTheWriter() {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        store.failNext(1);

        assertThatThrownBy(() -> log.appendDurably(event("lost")))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThat(log.appendDurably(event("next")).seq()).isEqualTo(1);

        assertThat(store.appendThreads()).containsExactly(Thread.currentThread().getName(), "warden-audit-writer");
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("next");
    }

    @Test
    void appendDurably_afterQueuedAppends_isNumberedAfterEveryEventAppendedBeforeIt() throws Exception {
        // a caller that commits its own event takes the queued events along: they were appended
        // first, so they must come first; so must an event the writer thread has just taken
        GroupCommitAuditLog log = new GroupCommitAuditLog(store, Duration.ofSeconds(5), 65_536);
        opened.add(log);
        long expected = 0;
        for (int round = 0; round < 300; round++) {
            List<CompletableFuture<AuditReceipt>> earlier = new ArrayList<>();
            int n = 1 + round % 40;
            for (int i = 0; i < n; i++) {
                earlier.add(log.append(event("r" + round + "-" + i)));
            }
            AuditReceipt durable = log.appendDurably(event("r" + round + "-durable"));
            expected += n + 1;
            assertThat(durable.seq()).as("round %d", round).isEqualTo(expected);
            for (CompletableFuture<AuditReceipt> e : earlier) {
                assertThat(e.get(5, TimeUnit.SECONDS).seq()).as("round %d", round).isLessThan(durable.seq());
            }
        }
        assertThat(store.appendThreads()).anyMatch(n -> !n.equals("warden-audit-writer"));
    }

    @Test
    void appendDurably_withMoreQueuedThanOneBatch_stillComesAfterAllOfThem() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        store.holdNextAppend();
        CompletableFuture<AuditReceipt> first = log.append(event("first")); // the writer is stuck in the store
        store.awaitHeld();
        for (int i = 0; i < 1000; i++) {
            log.append(event("queued-" + i)); // more than one batch (512) waits
        }
        store.release();
        first.get(5, TimeUnit.SECONDS);

        AuditReceipt durable = log.appendDurably(event("durable"));

        assertThat(durable.seq()).isEqualTo(1002);
        log.close();
        assertThat(stored()).hasSize(1000); // stored() reads the first 1,000
        assertThat(store.read(new AuditQuery(999, 10, java.util.Optional.empty(), java.util.Optional.empty())))
                .extracting(GroupCommitAuditLogTest::name).containsExactly("queued-998", "queued-999", "durable");
    }

    @Test
    void appendDurably_manyCallersAtOnce_gapFreeAndIntact() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        int threads = 8;
        int each = 100; // with the deferred ones, within the 1,000 records stored() reads
        List<CompletableFuture<List<AuditReceipt>>> runs = new ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + "-";
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                List<AuditReceipt> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(log.appendDurably(event(prefix + i)));
                    if (i % 50 == 0) {
                        log.appendDeferred(event(prefix + "deferred-" + i));
                    }
                }
                return mine;
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }
        go.countDown();
        List<AuditReceipt> receipts = new ArrayList<>();
        for (CompletableFuture<List<AuditReceipt>> r : runs) {
            receipts.addAll(r.get(30, TimeUnit.SECONDS));
        }
        log.close();

        int deferred = threads * (each / 50);
        assertThat(stored()).extracting(AuditRecord::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, threads * each + deferred).boxed().toList());
        assertThat(verify(stored())).isInstanceOf(ChainVerification.Intact.class);
        java.util.Map<Long, String> leafBySeq = new java.util.HashMap<>();
        stored().forEach(r -> leafBySeq.put(r.seq(), r.leafHash()));
        assertThat(receipts).allSatisfy(r -> assertThat(r.leafHash()).isEqualTo(leafBySeq.get(r.seq())));
        // virtual threads have no name: at least one batch was committed on a caller's own thread
        assertThat(store.appendThreads()).anyMatch(n -> !n.equals("warden-audit-writer"));
    }

    @Test
    void append_afterClose_failsStoreUnavailable() {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        log.appendDurably(event("a"));
        log.close();

        WardenException e = failure(log.append(event("late")));

        assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(e.getMessage()).contains("closed");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void newLog_overExistingStore_continuesTheChain() {
        GroupCommitAuditLog first = log(Duration.ofSeconds(5));
        first.appendDurably(event("a"));
        first.appendDurably(event("b"));
        first.close();

        GroupCommitAuditLog second = log(Duration.ofSeconds(5));
        assertThat(second.appendDurably(event("c")).seq()).isEqualTo(3);

        assertThat(verify(stored())).isEqualTo(new ChainVerification.Intact(3, store.head()));
    }

    @Test
    void append_nonJsonFieldInABatch_failsOnlyThatEvent() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5));
        store.holdNextAppend();
        CompletableFuture<AuditReceipt> first = log.append(event("first"));
        store.awaitHeld();
        CompletableFuture<AuditReceipt> good1 = log.append(event("good1"));
        CompletableFuture<AuditReceipt> poison = log.append(
                AuditEvent.of("test.event", MutableClock.START, Map.of("name", new Object())));
        CompletableFuture<AuditReceipt> good2 = log.append(event("good2"));
        store.release();

        assertThat(first.get(5, TimeUnit.SECONDS).seq()).isEqualTo(1);
        assertThat(failure(poison).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(good1.get(5, TimeUnit.SECONDS).seq()).isEqualTo(2);
        assertThat(good2.get(5, TimeUnit.SECONDS).seq()).isEqualTo(3);
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("first", "good1", "good2");
        assertThat(verify(stored())).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void appendDeferred_waitsForTheNextBatchInsteadOfCommittingAlone() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5), Duration.ofSeconds(30));
        CompletableFuture<AuditReceipt> outcome = log.appendDeferred(event("outcome"));
        Thread.sleep(200);
        assertThat(outcome).isNotDone();
        assertThat(store.batchSizes()).isEmpty();

        AuditReceipt decision = log.appendDurably(event("decision"));

        assertThat(store.batchSizes()).containsExactly(2);
        assertThat(outcome.get(5, TimeUnit.SECONDS).seq()).isEqualTo(1);
        assertThat(decision.seq()).isEqualTo(2);
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("outcome", "decision");
        assertThat(verify(stored())).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void appendDeferred_withNothingElseComing_isWrittenAfterTheFlushInterval() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5), Duration.ofMillis(50));

        AuditReceipt receipt = log.appendDeferred(event("outcome")).get(5, TimeUnit.SECONDS);

        assertThat(receipt.seq()).isEqualTo(1);
        assertThat(store.batchSizes()).containsExactly(1);
    }

    @Test
    void close_writesDeferredEventsBeforeStopping() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5), Duration.ofSeconds(30));
        CompletableFuture<AuditReceipt> outcome = log.appendDeferred(event("outcome"));

        log.close();

        assertThat(outcome.get(5, TimeUnit.SECONDS).seq()).isEqualTo(1);
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("outcome");
        assertThat(failure(log.appendDeferred(event("late"))).getMessage()).contains("closed");
    }

    @Test
    void appendDeferred_inAFailedBatch_failsWithTheBatch() {
        GroupCommitAuditLog log = log(Duration.ofSeconds(5), Duration.ofSeconds(30));
        CompletableFuture<AuditReceipt> outcome = log.appendDeferred(event("outcome"));
        store.failNext(1);

        assertThatThrownBy(() -> log.appendDurably(event("decision"))).isInstanceOf(WardenException.class);

        assertThat(failure(outcome).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(log.appendDurably(event("next")).seq()).isEqualTo(1);
    }

    @Test
    void appendDurably_timedOutWhileStillQueued_isWithdrawnAndNeverWritten() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofMillis(200));
        store.holdNextAppend();
        CompletableFuture<AuditReceipt> first = log.append(event("first"));
        store.awaitHeld(); // the writer is stuck in the store; "late" waits in the queue

        assertThatThrownBy(() -> log.appendDurably(event("late")))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE))
                .hasMessageContaining("withdrawn");
        store.release();

        assertThat(first.get(5, TimeUnit.SECONDS).seq()).isEqualTo(1);
        assertThat(log.appendDurably(event("after")).seq()).isEqualTo(2);
        // the caller of "late" was told it failed (a decision point denies): the log must not say otherwise
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("first", "after");
        assertThat(verify(stored())).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void appendDurably_timedOutWhileItsOwnCommitRuns_answersWithThatCommit() throws Exception {
        GroupCommitAuditLog log = log(Duration.ofMillis(300));
        store.holdNextAppend();
        CompletableFuture<AuditReceipt> answer = CompletableFuture.supplyAsync(() -> log.appendDurably(event("slow")));
        store.awaitHeld(); // the writer has taken "slow" and is inside the store
        Thread.sleep(400); // past the first timeout: too late to withdraw it

        store.release();

        assertThat(answer.get(5, TimeUnit.SECONDS).seq()).isEqualTo(1);
        assertThat(stored()).extracting(GroupCommitAuditLogTest::name).containsExactly("slow");
    }
}
