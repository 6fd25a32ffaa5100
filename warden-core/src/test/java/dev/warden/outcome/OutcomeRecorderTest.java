package dev.warden.outcome;

import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.REFUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditReceipt;
import dev.warden.audit.AuditRecord;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionId;
import dev.warden.json.JsonReader;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutcomeRecorderTest {
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    private static final OutcomeReport COMPLETED = new OutcomeReport("completed", Optional.of(DIGEST), Optional.empty());

    private final WardenFixture f = new WardenFixture();
    private Caller reader;

    @BeforeEach
    void setUp() {
        f.policies.permit(READ, "p-read").permitWithApproval(REFUND, "p-refund");
        reader = f.register("reader", MaturityLevel.PRINCIPAL);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private DecisionId allowed() {
        Decision d = f.decide(reader, READ, Map.of("sku", "A-1"));
        assertThat(d).isInstanceOf(Decision.Allow.class);
        return d.id();
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(messagePart);
    }

    @Test
    void record_ownAllowedDecision_recordedDurably() {
        DecisionId id = allowed();
        f.clock.advance(Duration.ofSeconds(3));

        AuditReceipt receipt = f.warden.outcomes().record(reader, id,
                new OutcomeReport("completed", Optional.of(DIGEST), Optional.of("3 rows")));

        List<AuditRecord> outcomes = f.records("outcome");
        assertThat(outcomes).hasSize(1);
        AuditRecord r = outcomes.getFirst();
        assertThat(receipt).isEqualTo(new AuditReceipt(r.seq(), r.leafHash()));
        assertThat(r.decisionId()).isEqualTo(id.value());
        assertThat(r.agent()).isEqualTo("reader");
        assertThat(r.session()).isEqualTo("sess-reader");
        assertThat(r.decision()).isNull();
        assertThat(JsonReader.parseObject(r.entry()))
                .containsEntry("outcome", "completed")
                .containsEntry("result_digest", DIGEST)
                .containsEntry("detail", "3 rows")
                .containsEntry("time", "2025-03-01T10:00:03Z");
        assertThat(f.auditStore.hasOutcome(id.value())).isTrue();
    }

    @Test
    void recordDeferred_ownAllowedDecision_writtenSoonThenASecondReportIsRefused() throws Exception {
        DecisionId id = allowed();

        AuditReceipt receipt = f.warden.outcomes().recordDeferred(reader, id, COMPLETED)
                .get(5, java.util.concurrent.TimeUnit.SECONDS);

        List<AuditRecord> outcomes = f.records("outcome");
        assertThat(outcomes).hasSize(1);
        assertThat(receipt.seq()).isEqualTo(outcomes.getFirst().seq());
        assertThat(JsonReader.parseObject(outcomes.getFirst().entry())).containsEntry("result_digest", DIGEST);
        assertCode(() -> f.warden.outcomes().recordDeferred(reader, id, COMPLETED), ErrorCode.OUTCOME_EXISTS, id.value());
        assertCode(() -> f.warden.outcomes().record(reader, id, COMPLETED), ErrorCode.OUTCOME_EXISTS, id.value());
    }

    @Test
    void recordDeferred_checksBeforeQueueing_anotherAgentsDecisionRefusedAtOnce() {
        DecisionId id = allowed();
        Caller other = f.register("other", MaturityLevel.PRINCIPAL);

        assertCode(() -> f.warden.outcomes().recordDeferred(other, id, COMPLETED), ErrorCode.FOREIGN_DECISION, id.value());

        assertThat(f.records("outcome")).isEmpty();
        f.warden.outcomes().record(reader, id, COMPLETED); // the refused report left no mark
        assertThat(f.records("outcome")).hasSize(1);
    }

    @Test
    void record_failedOutcomeWithoutDigest_recorded() {
        DecisionId id = allowed();

        f.warden.outcomes().record(reader, id, new OutcomeReport("failed", Optional.empty(), Optional.of("timeout")));

        assertThat(JsonReader.parseObject(f.records("outcome").getFirst().entry()))
                .containsEntry("outcome", "failed").doesNotContainKey("result_digest");
    }

    @Test
    void record_unknownDecision_decisionNotFound() {
        DecisionId unknown = new DecisionId("dec_" + "1".repeat(32));

        assertCode(() -> f.warden.outcomes().record(reader, unknown, COMPLETED), ErrorCode.DECISION_NOT_FOUND,
                unknown.value());
        assertThat(f.records("outcome")).isEmpty();
    }

    @Test
    void record_anotherAgentsDecision_foreignDecision() {
        DecisionId id = allowed();
        Caller other = f.register("other", MaturityLevel.PRINCIPAL);

        assertCode(() -> f.warden.outcomes().record(other, id, COMPLETED), ErrorCode.FOREIGN_DECISION, "another agent");
        assertThat(f.records("outcome")).isEmpty();
    }

    @Test
    void record_forADeny_decisionNotAllowed() {
        Decision deny = f.decide(reader, READ, Map.of());
        assertThat(deny).isInstanceOf(Decision.Deny.class);

        assertCode(() -> f.warden.outcomes().record(reader, deny.id(), COMPLETED), ErrorCode.DECISION_NOT_ALLOWED,
                "'deny'");
    }

    @Test
    void record_forAnApprovalRequired_decisionNotAllowed() {
        Decision pending = f.decide(reader, REFUND, Map.of("order_id", "o", "amount", 1L));
        assertThat(pending).isInstanceOf(Decision.ApprovalRequired.class);

        assertCode(() -> f.warden.outcomes().record(reader, pending.id(), COMPLETED), ErrorCode.DECISION_NOT_ALLOWED,
                "'approval_required'");
    }

    @Test
    void record_secondOutcome_outcomeExists() {
        DecisionId id = allowed();
        f.warden.outcomes().record(reader, id, COMPLETED);

        assertCode(() -> f.warden.outcomes().record(reader, id,
                new OutcomeReport("failed", Optional.empty(), Optional.empty())), ErrorCode.OUTCOME_EXISTS, id.value());
        assertThat(f.records("outcome")).hasSize(1);
    }

    @Test
    void record_concurrentReportsForOneDecision_exactlyOneRecorded() throws Exception {
        DecisionId id = allowed();
        int threads = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ErrorCode>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        f.warden.outcomes().record(reader, id, COMPLETED);
                        return null;
                    } catch (WardenException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
            List<ErrorCode> codes = new ArrayList<>();
            for (Future<ErrorCode> r : results) {
                codes.add(r.get());
            }

            assertThat(codes).filteredOn(java.util.Objects::isNull).hasSize(1);
            assertThat(codes).filteredOn(java.util.Objects::nonNull).hasSize(threads - 1)
                    .containsOnly(ErrorCode.OUTCOME_EXISTS);
            assertThat(f.records("outcome")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void report_invalidStatus_invalidFieldNamingStatus() {
        assertCode(() -> new OutcomeReport("done", Optional.empty(), Optional.empty()), ErrorCode.INVALID_FIELD, "status");
        assertCode(() -> new OutcomeReport(null, Optional.empty(), Optional.empty()), ErrorCode.INVALID_FIELD, "status");
    }

    @Test
    void report_invalidDigest_invalidFieldNamingResultDigest() {
        for (String bad : List.of("0123", "md5:" + "0".repeat(64), "sha256:" + "A".repeat(64), "sha256:" + "0".repeat(63),
                "sha256:" + "0".repeat(65))) {
            assertCode(() -> new OutcomeReport("completed", Optional.of(bad), Optional.empty()), ErrorCode.INVALID_FIELD,
                    "result_digest");
        }
    }

    @Test
    void report_detailTooLong_invalidFieldNamingDetail() {
        assertThat(new OutcomeReport("failed", Optional.empty(), Optional.of("x".repeat(4096))).detail()).isPresent();
        assertCode(() -> new OutcomeReport("failed", Optional.empty(), Optional.of("x".repeat(4097))),
                ErrorCode.INVALID_FIELD, "detail");
    }

    @Test
    void decisionId_malformed_invalidFieldNamingDecisionId() {
        assertCode(() -> new DecisionId("dec_123"), ErrorCode.INVALID_FIELD, "decision_id");
        assertCode(() -> new DecisionId("apr_" + "0".repeat(32)), ErrorCode.INVALID_FIELD, "decision_id");
    }

    @Test
    void record_decisionNoLongerRemembered_checkedAgainstTheStore() {
        DecisionId id = allowed();
        Caller other = f.register("other", MaturityLevel.PRINCIPAL);
        OutcomeRecorder afterRestart = new OutcomeRecorder(f.auditStore, f.warden.auditLog(), f.clock, new RecentDecisions(10));
        assertCode(() -> afterRestart.record(other, id, COMPLETED), ErrorCode.FOREIGN_DECISION, "another agent");
        afterRestart.record(reader, id, COMPLETED);
        assertCode(() -> afterRestart.record(reader, id, COMPLETED), ErrorCode.OUTCOME_EXISTS, "already recorded");
        assertCode(() -> new OutcomeRecorder(f.auditStore, f.warden.auditLog(), f.clock, new RecentDecisions(10))
                .record(reader, id, COMPLETED), ErrorCode.OUTCOME_EXISTS, "already recorded");
        assertThat(f.records("outcome")).hasSize(1);
    }

    @Test
    void record_rememberedDecisionEvictedByNewerOnes_stillFoundInStore() {
        DecisionId first = allowed();
        for (int i = 0; i < 5; i++) {
            allowed();
        }
        OutcomeRecorder small = new OutcomeRecorder(f.auditStore, f.warden.auditLog(), f.clock, new RecentDecisions(2));
        small.record(reader, first, COMPLETED);
        assertThat(f.records("outcome")).extracting(AuditRecord::decisionId).containsExactly(first.value());
    }

    @Test
    void listeners_hearEachDurableOutcome_onceAndNotARefusedOne() throws Exception {
        List<RecordedOutcome> heard = new ArrayList<>();
        f.warden.outcomes().addListener(heard::add);
        DecisionId first = allowed();
        DecisionId second = allowed();

        f.warden.outcomes().record(reader, first, COMPLETED);
        f.warden.outcomes().recordDeferred(reader, second,
                new OutcomeReport("failed", Optional.empty(), Optional.of("upstream 502"))).get();
        assertCode(() -> f.warden.outcomes().record(reader, first, COMPLETED), ErrorCode.OUTCOME_EXISTS, first.value());

        assertThat(heard).extracting(RecordedOutcome::decision).containsExactly(first, second);
        assertThat(heard).extracting(RecordedOutcome::agent).containsOnly("reader");
        assertThat(heard).extracting(RecordedOutcome::failed).containsExactly(false, true);
        assertThat(heard).extracting(RecordedOutcome::action).containsOnly(READ);
    }

    @Test
    void listeners_hearTheToolOfTheDecision_evenWhenItIsOnlyInTheStore() {
        DecisionId id = allowed();
        OutcomeRecorder afterRestart = new OutcomeRecorder(f.auditStore, f.warden.auditLog(), f.clock, new RecentDecisions(10));
        List<RecordedOutcome> heard = new ArrayList<>();
        afterRestart.addListener(heard::add);

        afterRestart.record(reader, id, COMPLETED);

        assertThat(heard).singleElement().extracting(RecordedOutcome::action).isEqualTo(READ);
    }
}
