package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalState;
import dev.warden.approval.ApprovalStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcApprovalStoreTest {
    @TempDir
    Path dir;
    JdbcStores stores;
    ApprovalStore approvals;

    @BeforeEach
    void open() {
        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        approvals = stores.approvals();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void insertThenFindRoundTripsArgsExactly() {
        Approval approval = Fixtures.approval(1, ApprovalState.PENDING, Fixtures.T0);

        approvals.insert(approval);

        Approval found = approvals.find(approval.id()).orElseThrow();
        assertThat(found).isEqualTo(approval);
        assertThat(found.args().get("amount")).isInstanceOf(BigDecimal.class).isEqualTo(new BigDecimal("49.99"));
        assertThat(found.args().get("count")).isEqualTo(3L);
        assertThat(found.args().get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(found.args()).containsEntry("memo", null);
        assertThat(found.args().get("address")).isEqualTo(Map.of("city", "Zürich",
                "lines", List.of("Bahnhofstrasse 1", "c/o \"Warden\"\n2nd floor")));
        assertThat(found.createdAt()).isEqualTo(Fixtures.T0);
        assertThat(found.decidedBy()).isEmpty();
        assertThat(found.decidedAt()).isEmpty();
        assertThat(found.note()).isEmpty();
    }

    @Test
    void presentOptionalFieldsRoundTrip() {
        Approval base = Fixtures.approval(2, ApprovalState.DENIED, Fixtures.T0);
        Approval decided = new Approval(base.id(), base.agent(), null, null, base.action(), base.resource(), Map.of(),
                base.fingerprint(), List.of(), null, base.state(), base.createdAt(), base.expiresAt(),
                Optional.of("bob"), Optional.of(Fixtures.T0.plusNanos(12_345)), Optional.of("no – not today ✋"));

        approvals.insert(decided);

        assertThat(approvals.find(base.id())).contains(decided);
    }

    @Test
    void findOfUnknownIdIsEmpty() {
        assertThat(approvals.find(new ApprovalId(Fixtures.approvalIdHex(404)))).isEmpty();
    }

    @Test
    void listFiltersByStateNewestFirstWithLimit() {
        ApprovalState[] states = {ApprovalState.PENDING, ApprovalState.APPROVED, ApprovalState.PENDING,
            ApprovalState.DENIED, ApprovalState.PENDING, ApprovalState.USED, ApprovalState.PENDING};
        for (int i = 0; i < states.length; i++) {
            // inserted out of time order so that the order has to come from created_at
            int n = (i * 3) % states.length;
            approvals.insert(Fixtures.approval(n, states[n], Fixtures.T0.plusNanos(n)));
        }

        assertThat(approvals.list(Optional.of(ApprovalState.PENDING), 3)).extracting(a -> a.id().value())
                .containsExactly(Fixtures.approvalIdHex(6), Fixtures.approvalIdHex(4), Fixtures.approvalIdHex(2));
        assertThat(approvals.list(Optional.of(ApprovalState.PENDING), 100)).hasSize(4);
        assertThat(approvals.list(Optional.of(ApprovalState.USED), 100)).extracting(a -> a.id().value())
                .containsExactly(Fixtures.approvalIdHex(5));
        assertThat(approvals.list(Optional.of(ApprovalState.EXPIRED), 100)).isEmpty();
        assertThat(approvals.list(Optional.empty(), 100)).extracting(a -> a.createdAt())
                .containsExactly(Fixtures.T0.plusNanos(6), Fixtures.T0.plusNanos(5), Fixtures.T0.plusNanos(4),
                        Fixtures.T0.plusNanos(3), Fixtures.T0.plusNanos(2), Fixtures.T0.plusNanos(1), Fixtures.T0);
        assertThat(approvals.list(Optional.empty(), 2)).hasSize(2);
    }

    @Test
    void listOfAgentReturnsThatAgentsApprovalsInAStateOldestFirst() {
        Approval a = Fixtures.approval(1, ApprovalState.PENDING, Fixtures.T0.plusNanos(2));
        Approval b = Fixtures.approval(2, ApprovalState.PENDING, Fixtures.T0.plusNanos(1));
        Approval approved = Fixtures.approval(3, ApprovalState.APPROVED, Fixtures.T0);
        Approval other = Fixtures.approval(4, ApprovalState.PENDING, Fixtures.T0);
        other = new Approval(other.id(), "other-bot", other.sessionId(), other.decisionId(), other.action(), other.resource(),
                other.args(), other.fingerprint(), other.policyIds(), other.rationale(), other.state(), other.createdAt(),
                other.expiresAt(), other.decidedBy(), other.decidedAt(), other.note());
        for (Approval x : List.of(a, b, approved, other)) {
            approvals.insert(x);
        }

        assertThat(approvals.listOfAgent("billing-bot", ApprovalState.PENDING)).extracting(Approval::id)
                .containsExactly(b.id(), a.id());
        assertThat(approvals.listOfAgent("billing-bot", ApprovalState.APPROVED)).extracting(Approval::id)
                .containsExactly(approved.id());
        assertThat(approvals.listOfAgent("other-bot", ApprovalState.PENDING)).extracting(Approval::id)
                .containsExactly(other.id());
        assertThat(approvals.listOfAgent("nobody", ApprovalState.PENDING)).isEmpty();
    }

    @Test
    void createdSince_isOldestFirstFromTheBound_perAgentWhenAsked_andWithFingerprintIsNewestFirst() {
        Approval a = Fixtures.approval(1, ApprovalState.PENDING, Fixtures.T0.plusSeconds(1));
        Approval b = Fixtures.approval(2, ApprovalState.APPROVED, Fixtures.T0.plusSeconds(2));
        Approval old = Fixtures.approval(3, ApprovalState.DENIED, Fixtures.T0);
        Approval other = Fixtures.approval(4, ApprovalState.PENDING, Fixtures.T0.plusSeconds(3));
        other = new Approval(other.id(), "other-bot", other.sessionId(), other.decisionId(), other.action(), other.resource(),
                other.args(), "e".repeat(64), other.policyIds(), other.rationale(), other.state(), other.createdAt(),
                other.expiresAt(), other.decidedBy(), other.decidedAt(), other.note());
        for (Approval x : List.of(b, a, old, other)) {
            approvals.insert(x);
        }

        assertThat(approvals.createdSince(Fixtures.T0.plusSeconds(1), Optional.empty(), 10)).extracting(Approval::id)
                .containsExactly(a.id(), b.id(), other.id());
        assertThat(approvals.createdSince(Fixtures.T0.plusSeconds(1), Optional.empty(), 2)).extracting(Approval::id)
                .containsExactly(a.id(), b.id());
        assertThat(approvals.createdSince(Fixtures.T0, Optional.of("other-bot"), 10)).extracting(Approval::id)
                .containsExactly(other.id());
        assertThat(approvals.withFingerprint("f".repeat(64), 10)).extracting(Approval::id)
                .containsExactly(b.id(), a.id(), old.id());
        assertThat(approvals.withFingerprint("f".repeat(64), 1)).extracting(Approval::id).containsExactly(b.id());
        assertThat(approvals.withFingerprint("0".repeat(64), 10)).isEmpty();
    }

    @Test
    void transitionIsCompareAndSetAndRecordsTheDecision() {
        Approval approval = Fixtures.approval(3, ApprovalState.PENDING, Fixtures.T0);
        approvals.insert(approval);
        Instant decidedAt = Fixtures.T0.plusSeconds(10).plusNanos(7);
        Instant usedAt = Fixtures.T0.plusSeconds(20);

        assertThat(approvals.transition(approval.id(), ApprovalState.APPROVED, ApprovalState.USED, null, usedAt, null))
                .as("not approved yet").isFalse();
        assertThat(approvals.transition(approval.id(), ApprovalState.PENDING, ApprovalState.APPROVED, "bob", decidedAt, "ok"))
                .isTrue();
        assertThat(approvals.transition(approval.id(), ApprovalState.PENDING, ApprovalState.DENIED, "eve", usedAt, "no"))
                .as("already decided").isFalse();

        Approval approved = approvals.find(approval.id()).orElseThrow();
        assertThat(approved.state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(approved.decidedBy()).contains("bob");
        assertThat(approved.decidedAt()).contains(decidedAt);
        assertThat(approved.note()).contains("ok");

        assertThat(approvals.transition(approval.id(), ApprovalState.APPROVED, ApprovalState.USED, null, usedAt, null)).isTrue();
        assertThat(approvals.transition(approval.id(), ApprovalState.APPROVED, ApprovalState.USED, null, usedAt, null))
                .as("used once only").isFalse();

        Approval used = approvals.find(approval.id()).orElseThrow();
        assertThat(used.state()).isEqualTo(ApprovalState.USED);
        assertThat(used.decidedBy()).as("kept when decidedBy is null").contains("bob");
        assertThat(used.decidedAt()).as("the decision time, not the use time").contains(decidedAt);
        assertThat(used.note()).contains("ok");
        assertThat(used.args()).isEqualTo(approval.args());
    }

    @Test
    void systemTransitionSetsDecidedAtWhenNeverSet() {
        Approval approval = Fixtures.approval(4, ApprovalState.PENDING, Fixtures.T0);
        approvals.insert(approval);

        assertThat(approvals.transition(approval.id(), ApprovalState.PENDING, ApprovalState.DENIED, null,
                Fixtures.T0.plusSeconds(1), "auto")).isTrue();

        Approval denied = approvals.find(approval.id()).orElseThrow();
        assertThat(denied.decidedBy()).isEmpty();
        assertThat(denied.decidedAt()).contains(Fixtures.T0.plusSeconds(1));
        assertThat(denied.note()).contains("auto");
    }

    @Test
    void transitionOfUnknownIdIsFalse() {
        assertThat(approvals.transition(new ApprovalId(Fixtures.approvalIdHex(77)), ApprovalState.PENDING,
                ApprovalState.APPROVED, "bob", Fixtures.T0, null)).isFalse();
    }

    @Test
    void expiredIsStored_byCompareAndSet_andOnlyOpenApprovalsPastTheirDeadlineAreDue() {
        Approval pending = Fixtures.approval(5, ApprovalState.PENDING, Fixtures.T0);
        Approval approved = Fixtures.approval(6, ApprovalState.APPROVED, Fixtures.T0.plusSeconds(1));
        Approval used = Fixtures.approval(7, ApprovalState.USED, Fixtures.T0.plusSeconds(2));
        approvals.insert(pending);
        approvals.insert(approved);
        approvals.insert(used);
        Instant deadline = pending.expiresAt();

        assertThat(approvals.listDue(deadline.minusNanos(1), 10)).isEmpty();
        assertThat(approvals.listDue(approved.expiresAt(), 10)).extracting(Approval::id)
                .containsExactlyInAnyOrder(pending.id(), approved.id());

        assertThat(approvals.transition(pending.id(), ApprovalState.PENDING, ApprovalState.EXPIRED, null, deadline, null)).isTrue();
        assertThat(approvals.transition(pending.id(), ApprovalState.PENDING, ApprovalState.APPROVED, "bob", deadline, null)).isFalse();
        assertThat(approvals.find(pending.id()).orElseThrow().state()).isEqualTo(ApprovalState.EXPIRED);
        assertThat(approvals.list(Optional.of(ApprovalState.EXPIRED), 10)).extracting(Approval::id).containsExactly(pending.id());
        assertThat(approvals.listDue(approved.expiresAt(), 10)).extracting(Approval::id).containsExactly(approved.id());
    }

    @Test
    void approverGroupsRoundTrip() {
        Approval a = Fixtures.approval(9, ApprovalState.PENDING, Fixtures.T0);
        Approval grouped = new Approval(a.id(), a.agent(), a.sessionId(), a.decisionId(), a.action(), a.resource(), a.args(),
                a.fingerprint(), a.policyIds(), a.rationale(), a.state(), a.createdAt(), a.expiresAt(), a.decidedBy(),
                a.decidedAt(), a.note(), List.of("finance", "risk-desk"));
        approvals.insert(grouped);

        assertThat(approvals.find(a.id()).orElseThrow().groups()).containsExactly("finance", "risk-desk");
        assertThat(approvals.find(a.id()).orElseThrow()).isEqualTo(grouped);
    }

    @Test
    void duplicateIdIsStoreUnavailableAndKeepsTheOriginal() {
        Approval approval = Fixtures.approval(8, ApprovalState.PENDING, Fixtures.T0);
        approvals.insert(approval);

        assertThatThrownBy(() -> approvals.insert(Fixtures.approval(8, ApprovalState.APPROVED, Fixtures.T0.plusSeconds(1))))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThat(approvals.find(approval.id())).contains(approval);
    }

    @Test
    void racingDecisionsHaveExactlyOneWinner() throws Exception {
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                Approval approval = Fixtures.approval(100 + round, ApprovalState.PENDING, Fixtures.T0);
                approvals.insert(approval);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> results = new ArrayList<>();
                for (ApprovalState to : List.of(ApprovalState.APPROVED, ApprovalState.DENIED)) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return approvals.transition(approval.id(), ApprovalState.PENDING, to, "op-" + to.wire(),
                                Fixtures.T0.plusSeconds(1), null);
                    }));
                }
                boolean approvedWon = results.get(0).get();
                boolean deniedWon = results.get(1).get();

                assertThat(approvedWon ^ deniedWon).as("exactly one winner in round " + round).isTrue();
                Approval stored = approvals.find(approval.id()).orElseThrow();
                ApprovalState winner = approvedWon ? ApprovalState.APPROVED : ApprovalState.DENIED;
                assertThat(stored.state()).isEqualTo(winner);
                assertThat(stored.decidedBy()).contains("op-" + winner.wire());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
