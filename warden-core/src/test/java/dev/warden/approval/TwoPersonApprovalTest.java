package dev.warden.approval;

import static dev.warden.testing.Fixtures.REFUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.MaturityLevel;
import dev.warden.decision.Decision;
import dev.warden.testing.WardenFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An approval that needs two different approvers: sign-offs, the same approver twice, a deny between. */
class TwoPersonApprovalTest {
    private static final Actor GINA = Actor.operator("gina");
    private static final Actor HANK = Actor.operator("hank");
    private final WardenFixture f = new WardenFixture();
    private ApprovalId id;

    @BeforeEach
    void setUp() {
        f.policies.permitWithApproval(REFUND, "p-refund-approval");
        Decision d = f.decide(f.register("payer", MaturityLevel.PRINCIPAL), REFUND, Map.of("order_id", "o-1", "amount", 40L));
        id = ((Decision.ApprovalRequired) d).approvalId();
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void theFirstApproverSignsOff_theSameOneCannotFinish_aSecondOneApproves() {
        Approval first = f.warden.approvals().approve(id, GINA, Optional.empty(), 2);
        assertThat(first.state()).isEqualTo(ApprovalState.PENDING);
        assertThat(f.warden.approvals().signOffs(id)).containsExactly("operator:gina");
        assertThatThrownBy(() -> f.warden.approvals().approve(id, GINA, Optional.empty(), 2))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOD_SAME_APPROVER));
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.PENDING);

        Approval done = f.warden.approvals().approve(id, HANK, Optional.of("checked"), 2);
        assertThat(done.state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(done.decidedBy()).contains("operator:hank");
        assertThat(f.records("approval.signed_off")).hasSize(1);
        assertThat(f.records("approval.approved")).singleElement()
                .satisfies(r -> assertThat(r.entry()).contains("\"approvers\":[\"operator:gina\",\"operator:hank\"]"));
    }

    @Test
    void aDenyAfterOneSignOff_endsIt() {
        f.warden.approvals().approve(id, GINA, Optional.empty(), 2);
        f.warden.approvals().deny(id, HANK, Optional.empty());
        assertThatThrownBy(() -> f.warden.approvals().approve(id, Actor.operator("ivan"), Optional.empty(), 2))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING));
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.DENIED);
        assertThat(List.copyOf(f.warden.approvals().signOffs(id))).containsExactly("operator:gina");
    }

    @Test
    void approversRacing_oneSignsOff_oneApproves_theRestFindItDecided() throws Exception {
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ApprovalState>> results = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Actor who = Actor.operator("approver-" + i);
            results.add(pool.submit(() -> {
                go.await();
                try {
                    return f.warden.approvals().approve(id, who, Optional.empty(), 2).state();
                } catch (WardenException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.APPROVAL_NOT_PENDING);
                    return null;
                }
            }));
        }
        go.countDown();
        List<ApprovalState> states = new java.util.ArrayList<>();
        for (var r : results) {
            states.add(r.get());
        }
        pool.shutdown();
        assertThat(states).filteredOn(s -> s == ApprovalState.PENDING).hasSize(1);
        assertThat(states).filteredOn(s -> s == ApprovalState.APPROVED).hasSize(1);
        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(f.warden.approvals().signOffs(id)).hasSize(2).doesNotHaveDuplicates();
        assertThat(f.records("approval.approved")).hasSize(1);
    }
}
