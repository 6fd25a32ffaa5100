package dev.warden.audit;

import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static dev.warden.testing.WardenFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalState;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.testing.ControllableAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.WardenFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No state change without its durable audit record, over in-memory stores with an audit store
 * that fails on demand: a change whose record fails is not in force afterwards, and is not visible
 * while its record is being written.
 */
class ChangeWithRecordTest {
    private static final Map<String, Object> ARGS = Map.of("order_id", "o-17", "amount", 40L);

    private final ControllableAuditStore store = new ControllableAuditStore();
    private final WardenFixture f = new WardenFixture(store);
    private Caller payer;

    @BeforeEach
    void setUp() {
        f.policies.permitWithApproval(REFUND, "p-refund-approval");
        payer = f.register("payer", MaturityLevel.PRINCIPAL);
    }

    @AfterEach
    void close() {
        store.release();
        f.close();
    }

    private ApprovalId ask() {
        return ((Decision.ApprovalRequired) f.decide(payer, REFUND, ARGS)).approvalId();
    }

    private ApprovalId askAndApprove() {
        ApprovalId id = ask();
        f.warden.approvals().approve(id, OPERATOR, Optional.empty());
        return id;
    }

    private static void assertStoreUnavailable(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    private static void assertDeniedUnavailable(Decision d) {
        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("store_unavailable");
    }

    /** Starts {@code call} on another thread once the next append is held in the store, and waits until it is. */
    private <T> CompletableFuture<T> heldInTheStore(java.util.concurrent.Callable<T> call) throws InterruptedException {
        store.holdNextAppend();
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        store.awaitHeld();
        return result;
    }

    private static WardenException failure(CompletableFuture<?> f) {
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(WardenException.class);
        return (WardenException) f.handle((v, e) -> e.getCause()).join();
    }

    @Test
    void approvalRequired_recordFails_leavesNoPendingApproval() {
        store.failNext(1);

        Decision d = f.decide(payer, REFUND, ARGS);

        assertDeniedUnavailable(d);
        assertThat(f.warden.approvals().list(Optional.empty(), 10)).isEmpty();
        assertThat(f.records("decision")).isEmpty();
    }

    @Test
    void redemption_recordFails_leavesTheApprovalRedeemable() {
        ApprovalId id = askAndApprove();
        store.failNext(1);

        assertDeniedUnavailable(f.redeem(payer, REFUND, ARGS, id));

        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.APPROVED);
        Decision again = f.redeem(payer, REFUND, ARGS, id);
        assertThat(again).isInstanceOf(Decision.Allow.class);
        assertThat(codes(again)).containsExactly("approval_policy", "approval_redeemed");
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.USED);
    }

    @Test
    void redemption_storeCommittedButReportedFailure_approvalStaysUsedLikeItsRecordSays() {
        ApprovalId id = askAndApprove();
        store.failAfterCommitNext(1);

        assertDeniedUnavailable(f.redeem(payer, REFUND, ARGS, id));

        // the allow record that names the approval is stored, so the approval must be used up, not redeemable again
        assertThat(f.records("decision")).filteredOn(r -> "allow".equals(r.decision())).hasSize(1);
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.USED);
        assertThat(codes(f.redeem(payer, REFUND, ARGS, id))).containsExactly("approval_used");
    }

    @Test
    void concurrentRedemptions_whileRecordsFail_neverUseTheApprovalUp_thenExactlyOneSucceeds() throws Exception {
        ApprovalId id = askAndApprove();
        int threads = 16;
        store.failAlways();

        List<Decision> failed = redeemConcurrently(id, threads);

        assertThat(failed).allSatisfy(ChangeWithRecordTest::assertDeniedUnavailable);
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.APPROVED);

        store.recover();
        List<Decision> decisions = redeemConcurrently(id, threads);

        assertThat(decisions).filteredOn(d -> d instanceof Decision.Allow).hasSize(1);
        assertThat(decisions).filteredOn(d -> d instanceof Decision.Deny).hasSize(threads - 1)
                .allSatisfy(d -> assertThat(codes(d)).containsExactly("approval_used"));
        assertThat(f.records("decision")).filteredOn(r -> "allow".equals(r.decision())).hasSize(1);
    }

    @Test
    void concurrentRedemptions_whileSomeBatchesFail_atMostOneAllow_andAnApprovalWithoutOneStaysRedeemable() throws Exception {
        for (int round = 0; round < 20; round++) {
            ApprovalId id = askAndApprove();
            store.failNext(1 + round % 3);

            List<Decision> decisions = redeemConcurrently(id, 8);

            long allows = decisions.stream().filter(d -> d instanceof Decision.Allow).count();
            long allowRecords = f.records("decision").stream()
                    .filter(r -> "allow".equals(r.decision()) && r.entry().contains(id.value())).count();
            assertThat(allows).isLessThanOrEqualTo(1).isEqualTo(allowRecords);
            assertThat(f.warden.approvals().require(id).state())
                    .isEqualTo(allows == 1 ? ApprovalState.USED : ApprovalState.APPROVED);
            store.failNext(0);
        }
    }

    private List<Decision> redeemConcurrently(ApprovalId id, int threads) throws Exception {
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
                decisions.add(fu.get(30, TimeUnit.SECONDS));
            }
            return decisions;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void approve_recordFails_staysPendingAndCanBeApprovedAgain() {
        ApprovalId id = ask();
        store.failNext(1);

        assertStoreUnavailable(() -> f.warden.approvals().approve(id, OPERATOR, Optional.of("ok")));

        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.PENDING);
        assertThat(f.warden.approvals().require(id).decidedBy()).isEmpty();
        assertThat(codes(f.redeem(payer, REFUND, ARGS, id))).containsExactly("approval_pending");
        assertThat(f.warden.approvals().approve(id, OPERATOR, Optional.of("ok")).state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(f.records("approval.approved")).hasSize(1);
    }

    @Test
    void deny_recordFails_staysPending() {
        ApprovalId id = ask();
        store.failNext(1);

        assertStoreUnavailable(() -> f.warden.approvals().deny(id, OPERATOR, Optional.empty()));

        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.PENDING);
        assertThat(f.records("approval.denied")).isEmpty();
    }

    @Test
    void register_recordFails_agentNotRegistered_andTheNameStaysFree() {
        store.failNext(1);

        assertStoreUnavailable(() -> f.warden.agents().register(Fixtures.registration("newbie"), OPERATOR));

        assertThat(f.warden.agents().find("newbie")).isEmpty();
        assertThat(f.warden.agents().register(Fixtures.registration("newbie"), OPERATOR).name()).isEqualTo("newbie");
        assertThat(f.records("agent.registered")).extracting(AuditRecord::agent).containsExactly("payer", "newbie");
    }

    @Test
    void register_whileItsRecordIsBeingWritten_agentIsNotYetVisible() throws Exception {
        store.failNext(1);

        CompletableFuture<Object> registering = heldInTheStore(
                () -> f.warden.agents().register(Fixtures.registration("newbie"), OPERATOR));
        boolean visible = f.warden.agents().find("newbie").isPresent();
        store.release();

        assertThat(failure(registering).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(visible).as("registered agent visible before its record was durable").isFalse();
        assertThat(f.warden.agents().find("newbie")).isEmpty();
    }

    @Test
    void promotion_whileItsRecordIsBeingWritten_isNotInForce_andNotAfterItFails() throws Exception {
        f.register("intern", MaturityLevel.INTERN);
        store.failNext(1);

        CompletableFuture<Object> promoting = heldInTheStore(
                () -> f.warden.agents().setLevel("intern", MaturityLevel.PRINCIPAL, OPERATOR, "trusted"));
        MaturityLevel during = f.warden.agents().require("intern").level();
        store.release();

        assertThat(failure(promoting).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(during).as("level decisions saw while the promotion's record was not durable").isEqualTo(MaturityLevel.INTERN);
        assertThat(f.warden.agents().require("intern").level()).isEqualTo(MaturityLevel.INTERN);
        assertThat(f.records("agent.level_changed")).isEmpty();
    }

    @Test
    void restore_whileItsRecordIsBeingWritten_isNotInForce_andNotAfterItFails() throws Exception {
        f.warden.agents().quarantine("payer", OPERATOR, "watch");
        store.failNext(1);

        CompletableFuture<Object> restoring = heldInTheStore(() -> f.warden.agents().restore("payer", OPERATOR, "fine"));
        AgentStatus during = f.warden.agents().require("payer").status();
        store.release();

        assertThat(failure(restoring).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(during).isEqualTo(AgentStatus.QUARANTINED);
        assertThat(f.warden.agents().require("payer").status()).isEqualTo(AgentStatus.QUARANTINED);
        assertThat(codes(f.decide(payer, REFUND, ARGS))).containsExactly("agent_quarantined");
    }

    @Test
    void updateRules_recordFails_theOldRulesStayInForce() {
        dev.warden.decision.DecisionRules before = f.warden.rules();
        dev.warden.catalog.ToolCatalog fewer = dev.warden.catalog.ToolCatalog.of(List.of(
                before.catalog().find(Fixtures.READ).orElseThrow()));
        store.failNext(1);

        assertStoreUnavailable(() -> f.warden.updateRules(new dev.warden.decision.DecisionRules(fewer, f.policies), "shrink"));

        assertThat(f.warden.rules()).isSameAs(before);
        assertThat(f.decide(payer, REFUND, ARGS)).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(f.records("policy.loaded")).isEmpty();
    }

    @Test
    void kill_recordFails_staysInForce_andTheAgentsApprovalsAreRevokedAllTheSame() {
        ApprovalId granted = askAndApprove();
        ApprovalId queued = ask();
        store.failAlways();

        assertStoreUnavailable(() -> f.warden.agents().kill("payer", OPERATOR, "exfiltration"));

        // fail closed: a kill (and what it revokes) takes effect even when it cannot be recorded
        assertThat(f.warden.agents().require("payer").status()).isEqualTo(AgentStatus.KILLED);
        assertThat(f.warden.approvals().require(granted).state()).isEqualTo(ApprovalState.DENIED);
        assertThat(f.warden.approvals().require(queued).state()).isEqualTo(ApprovalState.DENIED);
    }
}
