package dev.warden.approval;

import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.Fixtures.UPDATE;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static dev.warden.testing.WardenFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.MaturityLevel;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.testing.MutableClock;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalFlowTest {
    private static final Map<String, Object> ARGS = Map.of("order_id", "o-17", "amount", 40L);

    private final WardenFixture f = new WardenFixture();
    private Caller payer;

    @BeforeEach
    void setUp() {
        f.policies.permitWithApproval(REFUND, "p-refund-approval");
        payer = f.register("payer", MaturityLevel.PRINCIPAL);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private ApprovalId ask(Caller caller, Map<String, Object> args) {
        Decision d = f.decide(caller, REFUND, args);
        assertThat(d).isInstanceOf(Decision.ApprovalRequired.class);
        return ((Decision.ApprovalRequired) d).approvalId();
    }

    private ApprovalId askAndApprove() {
        ApprovalId id = ask(payer, ARGS);
        f.warden.approvals().approve(id, OPERATOR, Optional.of("ok"));
        return id;
    }

    @Test
    void approvalRequired_createsPendingApprovalBoundToTheExactCall() {
        Decision d = f.decide(payer, REFUND, ARGS);

        Approval a = f.warden.approvals().require(((Decision.ApprovalRequired) d).approvalId());
        assertThat(a.state()).isEqualTo(ApprovalState.PENDING);
        assertThat(a.agent()).isEqualTo("payer");
        assertThat(a.sessionId()).isEqualTo("sess-payer");
        assertThat(a.decisionId()).isEqualTo(d.id().value());
        assertThat(a.action()).isEqualTo(REFUND);
        assertThat(a.resource()).isEqualTo(REFUND);
        assertThat(a.args()).isEqualTo(ARGS);
        assertThat(a.fingerprint()).isEqualTo(CallFingerprint.of("payer", REFUND, REFUND, ARGS)).matches("[0-9a-f]{64}");
        assertThat(a.policyIds()).containsExactly("p-refund-approval");
        assertThat(a.createdAt()).isEqualTo(MutableClock.START);
        assertThat(a.expiresAt()).isEqualTo(MutableClock.START.plus(Duration.ofHours(1)));
        assertThat(a.decidedBy()).isEmpty();
        assertThat(f.warden.approvals().list(Optional.of(ApprovalState.PENDING), 10)).containsExactly(a);
    }

    @Test
    void redeem_approvedExactCall_allowsOnceWithApprovalRedeemed() {
        ApprovalId id = askAndApprove();

        Decision d = f.redeem(payer, REFUND, ARGS, id);

        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(codes(d)).containsExactly("approval_policy", "approval_redeemed");
        assertThat(d.reasons().getLast().message()).contains("operator:olivia").contains(id.value());
        Approval used = f.warden.approvals().require(id);
        assertThat(used.state()).isEqualTo(ApprovalState.USED);
        assertThat(used.decidedBy()).contains("operator:olivia");
        assertThat(used.note()).contains("ok");
    }

    @Test
    void redeem_secondUse_deniedApprovalUsed() {
        ApprovalId id = askAndApprove();
        assertThat(f.redeem(payer, REFUND, ARGS, id)).isInstanceOf(Decision.Allow.class);

        Decision again = f.redeem(payer, REFUND, ARGS, id);

        assertThat(again).isInstanceOf(Decision.Deny.class);
        assertThat(codes(again)).containsExactly("approval_used");
    }

    @Test
    void redeem_changedArgument_deniedApprovalMismatchAndApprovalStaysUsable() {
        ApprovalId id = askAndApprove();

        Decision tampered = f.redeem(payer, REFUND, Map.of("order_id", "o-17", "amount", 4000L), id);
        Decision extraArg = f.redeem(payer, REFUND, Map.of("order_id", "o-17", "amount", 40L, "note", "x"), id);

        assertThat(codes(tampered)).containsExactly("approval_mismatch");
        assertThat(codes(extraArg)).containsExactly("approval_mismatch");
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(f.redeem(payer, REFUND, ARGS, id)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void redeem_sameArgumentsInAnotherOrder_matches() {
        ApprovalId id = askAndApprove();
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("amount", 40L);
        reordered.put("order_id", "o-17");

        assertThat(f.redeem(payer, REFUND, reordered, id)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void redeem_argumentDifferingOnlyByAnUnpairedSurrogateForAQuestionMark_deniedApprovalMismatch() {
        // a lone surrogate has no UTF-8 form: "o-\uD800" hashed as "o-?" and redeemed the approval of another call
        ApprovalId id = ask(payer, Map.of("order_id", "o-?", "amount", 40L));
        f.warden.approvals().approve(id, OPERATOR, Optional.empty());

        Decision d = f.redeem(payer, REFUND, Map.of("order_id", "o-\uD800", "amount", 40L), id);

        assertThat(codes(d)).containsExactly("approval_mismatch");
        assertThat(f.redeem(payer, REFUND, Map.of("order_id", "o-?", "amount", 40L), id)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void redeem_byAnotherAgent_deniedApprovalForeign() {
        ApprovalId id = askAndApprove();
        Caller thief = f.register("thief", MaturityLevel.PRINCIPAL);

        Decision d = f.redeem(thief, REFUND, ARGS, id);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("approval_foreign");
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.APPROVED);
    }

    @Test
    void redeem_pendingApproval_deniedApprovalPending() {
        ApprovalId id = ask(payer, ARGS);

        Decision d = f.redeem(payer, REFUND, ARGS, id);

        assertThat(codes(d)).containsExactly("approval_pending");
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void redeem_deniedApproval_deniedApprovalDenied() {
        ApprovalId id = ask(payer, ARGS);
        Approval denied = f.warden.approvals().deny(id, Actor.operator("omar"), Optional.of("too risky"));

        Decision d = f.redeem(payer, REFUND, ARGS, id);

        assertThat(denied.state()).isEqualTo(ApprovalState.DENIED);
        assertThat(denied.decidedBy()).contains("operator:omar");
        assertThat(denied.decidedAt()).contains(MutableClock.START);
        assertThat(codes(d)).containsExactly("approval_denied");
    }

    @Test
    void redeem_unknownApprovalId_deniedApprovalNotFound() {
        Decision d = f.redeem(payer, REFUND, ARGS, new ApprovalId("apr_" + "0".repeat(32)));

        assertThat(codes(d)).containsExactly("approval_not_found");
    }

    @Test
    void approve_pastTtl_throwsNotPendingAndRedemptionDeniedExpired() {
        ApprovalId id = ask(payer, ARGS);
        f.clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> f.warden.approvals().approve(id, OPERATOR, Optional.empty()))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING))
                .hasMessageContaining("expired");
        assertThat(codes(f.redeem(payer, REFUND, ARGS, id))).containsExactly("approval_expired");
        assertThat(f.warden.approvals().list(Optional.of(ApprovalState.EXPIRED), 10)).extracting(Approval::id)
                .containsExactly(id);
        assertThat(f.warden.approvals().list(Optional.of(ApprovalState.PENDING), 10)).isEmpty();
    }

    @Test
    void approve_justBeforeTtl_stillPossible() {
        ApprovalId id = ask(payer, ARGS);
        f.clock.advance(Duration.ofHours(1).minusSeconds(1));

        assertThat(f.warden.approvals().approve(id, OPERATOR, Optional.empty()).state()).isEqualTo(ApprovalState.APPROVED);
    }

    @Test
    void redeem_approvedButPastTtl_deniedApprovalExpired() {
        ApprovalId id = askAndApprove();
        f.clock.advance(Duration.ofHours(2));

        Decision d = f.redeem(payer, REFUND, ARGS, id);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("approval_expired");
    }

    @Test
    void approve_twice_throwsApprovalNotPending() {
        ApprovalId id = askAndApprove();

        assertThatThrownBy(() -> f.warden.approvals().approve(id, OPERATOR, Optional.empty()))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING))
                .hasMessageContaining("approved");
        assertThatThrownBy(() -> f.warden.approvals().deny(id, OPERATOR, Optional.empty()))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING));
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.APPROVED);
    }

    @Test
    void approve_unknownId_throwsApprovalNotFound() {
        assertThatThrownBy(() -> f.warden.approvals().approve(new ApprovalId("apr_" + "f".repeat(32)), OPERATOR,
                Optional.empty()))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_FOUND));
    }

    @Test
    void approvalId_malformed_rejectedNamingTheField() {
        assertThatThrownBy(() -> new ApprovalId("apr_XYZ"))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD))
                .hasMessageContaining("approval_id");
    }

    @Test
    void redeem_maturityImposedApproval_juniorAllowedAfterApproval() {
        f.policies.permit(UPDATE, "p-update");
        Caller junior = f.register("junior", MaturityLevel.JUNIOR);
        Map<String, Object> args = Map.of("sku", "A-1", "qty", 2L);
        Decision first = f.decide(junior, UPDATE, args);
        ApprovalId id = ((Decision.ApprovalRequired) first).approvalId();
        f.warden.approvals().approve(id, OPERATOR, Optional.empty());

        Decision d = f.redeem(junior, UPDATE, args, id);

        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(codes(d)).containsExactly("permit_policy", "maturity_approval", "approval_redeemed");
    }

    @Test
    void redeem_concurrentlyFromManyThreads_exactlyOneAllow() throws Exception {
        ApprovalId id = askAndApprove();
        int threads = 24;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Decision>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return f.redeem(payer, REFUND, ARGS, id);
                }));
            }
            go.countDown();
            List<Decision> decisions = new ArrayList<>();
            for (Future<Decision> fu : futures) {
                decisions.add(fu.get());
            }

            assertThat(decisions).filteredOn(d -> d instanceof Decision.Allow).hasSize(1);
            assertThat(decisions).filteredOn(d -> d instanceof Decision.Deny).hasSize(threads - 1)
                    .allSatisfy(d -> assertThat(codes(d)).containsExactly("approval_used"));
            assertThat(f.records("decision")).filteredOn(r -> "allow".equals(r.decision())).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void await_endsWhenItsStopSignalCompletes_withThePendingState() throws Exception {
        ApprovalId id = ask(payer, ARGS);
        java.util.concurrent.CompletableFuture<Void> stop = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<ApprovalState> waited = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> f.warden.approvals().await(id, Duration.ofMinutes(5), stop));
        Thread.sleep(100);
        assertThat(waited).isNotDone();
        stop.complete(null);
        assertThat(waited.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void await_returnsAsSoonAsAnOperatorDecides_evenWithAStopSignalThatNeverFires() throws Exception {
        ApprovalId id = ask(payer, ARGS);
        java.util.concurrent.CompletableFuture<ApprovalState> waited = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> f.warden.approvals().await(id, Duration.ofMinutes(5), new java.util.concurrent.CompletableFuture<Void>()));
        Thread.sleep(100);
        f.warden.approvals().approve(id, OPERATOR, Optional.of("ok"));
        assertThat(waited.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ApprovalState.APPROVED);
    }

    @Test
    void kill_revokesPendingAndGrantedApprovals_soNeitherAnOperatorNorARestoredAgentCanUseThem() throws Exception {
        ApprovalId granted = askAndApprove();
        ApprovalId queued = ask(payer, Map.of("order_id", "o-18", "amount", 41L));
        ApprovalId used = ask(payer, Map.of("order_id", "o-19", "amount", 42L));
        f.warden.approvals().approve(used, OPERATOR, Optional.empty());
        assertThat(f.redeem(payer, REFUND, Map.of("order_id", "o-19", "amount", 42L), used)).isInstanceOf(Decision.Allow.class);
        Caller other = f.register("other-payer", MaturityLevel.PRINCIPAL);
        ApprovalId othersQueued = ask(other, ARGS);
        java.util.concurrent.CompletableFuture<ApprovalState> waiting = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> f.warden.approvals().await(queued, Duration.ofMinutes(5)));
        Thread.sleep(100);

        f.warden.agents().kill("payer", OPERATOR, "exfiltration attempt");

        assertThat(waiting.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ApprovalState.DENIED);
        for (ApprovalId id : List.of(granted, queued)) {
            Approval a = f.warden.approvals().require(id);
            assertThat(a.state()).isEqualTo(ApprovalState.DENIED);
            assertThat(a.decidedBy()).contains("system:kill_switch");
            assertThat(a.note()).contains("agent killed");
        }
        assertThat(f.warden.approvals().require(used).state()).isEqualTo(ApprovalState.USED);
        assertThat(f.warden.approvals().require(othersQueued).state()).isEqualTo(ApprovalState.PENDING);
        assertThat(f.records("approval.revoked")).hasSize(2)
                .allSatisfy(r -> assertThat(r.agent()).isEqualTo("payer"))
                .extracting(r -> (String) dev.warden.json.JsonReader.parseObject(r.entry()).get("state_before"))
                .containsExactly("pending", "approved");

        assertThatThrownBy(() -> f.warden.approvals().approve(queued, OPERATOR, Optional.empty()))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING));
        f.warden.agents().restore("payer", OPERATOR, "investigated");
        Caller restored = WardenFixture.caller("payer", f.warden.agents().require("payer").tokenEpoch()); // a new token
        Decision replay = f.redeem(restored, REFUND, ARGS, granted);
        assertThat(replay).isInstanceOf(Decision.Deny.class);
        assertThat(codes(replay)).containsExactly("approval_denied");
    }
}
