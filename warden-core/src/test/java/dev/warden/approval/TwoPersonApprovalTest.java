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
}
