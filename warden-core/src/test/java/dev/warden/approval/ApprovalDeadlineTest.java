package dev.warden.approval;

import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static dev.warden.testing.WardenFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditRecord;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.json.JsonReader;
import dev.warden.policy.PolicyVerdict;
import dev.warden.testing.MutableClock;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-policy deadlines and approver groups, and expiry into a deny, attacked through the service. */
class ApprovalDeadlineTest {
    private static final Map<String, Object> ARGS = Map.of("order_id", "o-17", "amount", 40L);
    private static final Duration TTL = Duration.ofMinutes(2);

    private final WardenFixture f = new WardenFixture();
    private Caller payer;

    @BeforeEach
    void setUp() {
        f.policies.rule(REFUND, q -> new PolicyVerdict.Permit(List.of("p-refund"), List.of("p-refund"), List.of(),
                new ApprovalTerms(Optional.of(TTL), List.of("finance"))));
        payer = f.register("payer", MaturityLevel.PRINCIPAL);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private ApprovalId ask() {
        Decision d = f.decide(payer, REFUND, ARGS);
        assertThat(d).isInstanceOf(Decision.ApprovalRequired.class);
        return ((Decision.ApprovalRequired) d).approvalId();
    }

    private static Map<String, Object> entry(AuditRecord r) {
        return JsonReader.parseObject(r.entry());
    }

    @Test
    void policyTerms_setTheDeadlineAndGroups_andLeaveTheFingerprintAsBefore() {
        Decision d = f.decide(payer, REFUND, ARGS);

        Approval a = f.warden.approvals().require(((Decision.ApprovalRequired) d).approvalId());
        assertThat(a.expiresAt()).isEqualTo(MutableClock.START.plus(TTL));
        assertThat(((Decision.ApprovalRequired) d).expiresAt()).isEqualTo(a.expiresAt());
        assertThat(a.groups()).containsExactly("finance");
        assertThat(a.fingerprint()).isEqualTo(CallFingerprint.of("payer", REFUND, REFUND, ARGS));
        assertThat(entry(f.records("decision").getLast())).containsEntry("approval_id", a.id().value())
                .containsEntry("approver_groups", List.of("finance"));
    }

    @Test
    void termsCombine_shortestDeadlineWins_groupsJoin() {
        ApprovalTerms a = new ApprovalTerms(Optional.of(Duration.ofHours(2)), List.of("finance"));
        ApprovalTerms b = new ApprovalTerms(Optional.of(Duration.ofMinutes(30)), List.of("risk", "finance"));

        assertThat(a.and(b)).isEqualTo(new ApprovalTerms(Optional.of(Duration.ofMinutes(30)), List.of("finance", "risk")));
        assertThat(ApprovalTerms.NONE.and(a)).isEqualTo(a);
        assertThat(new ApprovalTerms(Optional.empty(), List.of("x")).and(b).ttl()).contains(Duration.ofMinutes(30));
    }

    @Test
    void expireDue_beforeTheDeadline_expiresNothing_after_storesExpiredWithItsRecordOnce() {
        ApprovalId id = ask();
        f.clock.advance(TTL.minusSeconds(1));
        assertThat(f.warden.approvals().expireDue()).isEmpty();
        assertThat(f.records("approval.expired")).isEmpty();

        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.warden.approvals().expireDue()).extracting(Approval::id).containsExactly(id);
        assertThat(f.warden.approvals().expireDue()).isEmpty();

        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.EXPIRED);
        AuditRecord record = f.records("approval.expired").getFirst();
        assertThat(f.records("approval.expired")).hasSize(1);
        assertThat(record.agent()).isEqualTo("payer");
        assertThat(entry(record)).containsEntry("approval_id", id.value()).containsEntry("action", REFUND)
                .containsEntry("resource", REFUND).containsEntry("agent", "payer")
                .containsEntry("deadline", MutableClock.START.plus(TTL).toString())
                .containsEntry("state_before", "pending");
    }

    @Test
    void approveOrDenyAfterExpiry_isNotPending_andRecordsNothing() {
        ApprovalId id = ask();
        f.clock.advance(TTL);
        // past the deadline the approval is expired even before the sweep stores it
        assertThatThrownBy(() -> f.warden.approvals().approve(id, OPERATOR, Optional.empty()))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING));
        f.warden.approvals().expireDue();

        assertThatThrownBy(() -> f.warden.approvals().approve(id, OPERATOR, Optional.empty()))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING));
        assertThatThrownBy(() -> f.warden.approvals().deny(id, OPERATOR, Optional.empty()))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING));
        assertThatThrownBy(() -> f.warden.approvals().approve(id, OPERATOR, Optional.empty(), 2))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING));
        assertThat(f.records("approval.approved")).isEmpty();
        assertThat(f.records("approval.denied")).isEmpty();
        assertThat(f.records("approval.signed_off")).isEmpty();
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.EXPIRED);
    }

    @Test
    void approvedButUnused_expires_andItsRedemptionIsDenied() {
        ApprovalId id = ask();
        f.warden.approvals().approve(id, OPERATOR, Optional.empty());
        f.clock.advance(TTL);

        assertThat(f.warden.approvals().expireDue()).extracting(Approval::id).containsExactly(id);
        Decision redeem = f.redeem(payer, REFUND, ARGS, id);

        assertThat(redeem).isInstanceOf(Decision.Deny.class);
        assertThat(codes(redeem)).containsExactly("approval_expired");
        assertThat(entry(f.records("approval.expired").getFirst())).containsEntry("state_before", "approved");
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.EXPIRED);
    }

    @Test
    void usedOrDeniedApprovals_areNeverExpired() {
        ApprovalId used = ask();
        f.warden.approvals().approve(used, OPERATOR, Optional.empty());
        assertThat(f.redeem(payer, REFUND, ARGS, used)).isInstanceOf(Decision.Allow.class);
        ApprovalId denied = ask();
        f.warden.approvals().deny(denied, OPERATOR, Optional.empty());
        f.clock.advance(Duration.ofDays(1));

        assertThat(f.warden.approvals().expireDue()).isEmpty();
        assertThat(f.warden.approvals().require(used).state()).isEqualTo(ApprovalState.USED);
        assertThat(f.warden.approvals().require(denied).state()).isEqualTo(ApprovalState.DENIED);
    }

    @Test
    void aWaiter_isWokenWithExpired_byTheSweep() throws Exception {
        ApprovalId id = ask();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<ApprovalState> waited = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return f.warden.approvals().await(id, Duration.ofSeconds(30));
        });
        waiting.await();
        Thread.sleep(100);
        f.clock.advance(TTL);
        long start = System.nanoTime();

        f.warden.approvals().expireDue();

        assertThat(waited.get(5, TimeUnit.SECONDS)).isEqualTo(ApprovalState.EXPIRED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void expiryRacingApproval_exactlyOneWins_andTheRecordsSayWhich() throws Exception {
        for (int round = 0; round < 60; round++) {
            ApprovalId id = ask();
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Boolean> approve = CompletableFuture.supplyAsync(() -> {
                await(go);
                try {
                    f.warden.approvals().approve(id, OPERATOR, Optional.empty());
                    return true;
                } catch (WardenException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING);
                    return false;
                }
            });
            CompletableFuture<List<Approval>> expire = CompletableFuture.supplyAsync(() -> {
                await(go);
                f.clock.advance(TTL);
                return f.warden.approvals().expireDue();
            });
            go.countDown();
            boolean approved = approve.get(10, TimeUnit.SECONDS);
            expire.get(10, TimeUnit.SECONDS);

            List<AuditRecord> approvedRecords = f.records("approval.approved").stream()
                    .filter(r -> id.value().equals(entry(r).get("approval_id"))).toList();
            List<Object> expiredFrom = f.records("approval.expired").stream().map(ApprovalDeadlineTest::entry)
                    .filter(e -> id.value().equals(e.get("approval_id"))).map(e -> e.get("state_before")).toList();
            assertThat(approvedRecords).hasSize(approved ? 1 : 0);
            assertThat(expiredFrom).hasSizeLessThanOrEqualTo(1);
            if (approved) {
                assertThat(expiredFrom).doesNotContain("pending");
            } else {
                assertThat(expiredFrom).containsExactly("pending");
                assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.EXPIRED);
            }
            assertThat(f.warden.approvals().require(id).stateAt(f.clock.instant())).isEqualTo(ApprovalState.EXPIRED);
        }
    }

    @Test
    void expiryRacingRedemption_theCallRunsOrTheApprovalExpires_neverBoth() throws Exception {
        for (int round = 0; round < 60; round++) {
            ApprovalId id = ask();
            f.warden.approvals().approve(id, OPERATOR, Optional.empty());
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Decision> redeem = CompletableFuture.supplyAsync(() -> {
                await(go);
                return f.redeem(payer, REFUND, ARGS, id);
            });
            CompletableFuture<List<Approval>> expire = CompletableFuture.supplyAsync(() -> {
                await(go);
                f.clock.advance(TTL);
                return f.warden.approvals().expireDue();
            });
            go.countDown();
            Decision d = redeem.get(10, TimeUnit.SECONDS);
            boolean expired = expire.get(10, TimeUnit.SECONDS).stream().anyMatch(a -> a.id().equals(id));

            boolean ran = d instanceof Decision.Allow;
            assertThat(ran).as("round %d: ran %s, expired %s", round, ran, expired).isNotEqualTo(expired);
            assertThat(f.warden.approvals().require(id).state()).isEqualTo(ran ? ApprovalState.USED : ApprovalState.EXPIRED);
            if (!ran) {
                assertThat(codes(d)).containsExactly("approval_expired");
            }
        }
    }

    private static void await(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
