package dev.warden.approval;

import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.Agent;
import dev.warden.agent.MaturityLevel;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.testing.GuardFixtures;
import dev.warden.testing.WardenFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApprovalGuardTest {
    private static final Map<String, Object> ARGS = Map.of("order_id", "o-17", "amount", 40L);

    private final WardenFixture f = new WardenFixture();
    private final ApprovalGuard guard = new ApprovalGuard(f.warden.approvals());

    @AfterEach
    void close() {
        f.close();
    }

    private DecisionContext refund(Agent agent, Map<String, Object> args, Optional<ApprovalId> approval) {
        DecisionContext d = GuardFixtures.decision(new DecisionRequest(new Caller(agent.name(), "sess-1", 0), REFUND,
                Optional.empty(), args, Optional.empty(), approval), f.policies);
        d.agent(agent);
        d.tool(f.warden.rules().catalog().find(REFUND).orElseThrow());
        return d;
    }

    private List<Approval> stored() {
        return f.warden.approvals().list(Optional.empty(), 100);
    }

    @Test
    void check_noApprovalAsked_passesAndOpensNothing() {
        assertThat(guard.check(refund(GuardFixtures.agent("payer", MaturityLevel.PRINCIPAL), ARGS, Optional.empty())))
                .isEqualTo(Guard.Verdict.PASS);
        assertThat(stored()).isEmpty();
    }

    @Test
    void check_approvalAsked_passesButStoresNothingBeforeTheDecisionsRecord() {
        DecisionContext d = refund(GuardFixtures.agent("payer", MaturityLevel.PRINCIPAL), ARGS, Optional.empty());
        d.requireApprovalOf(List.of("p-approval"));

        assertThat(guard.check(d)).isEqualTo(Guard.Verdict.PASS);
        assertThat(stored()).isEmpty();
    }

    @Test
    void check_unknownApprovalCarried_deniedApprovalNotFound() {
        ApprovalId unknown = new ApprovalId("apr_" + "0".repeat(32));
        DecisionContext d = refund(GuardFixtures.agent("payer", MaturityLevel.PRINCIPAL), ARGS, Optional.of(unknown));
        d.requireApprovalOf(List.of("p-approval"));

        assertThat(guard.check(d)).isEqualTo(Guard.Verdict.deny(
                Reason.of("approval", "approval_not_found", "no approval " + unknown)));
    }

    @Test
    void check_approvalGrantedForOtherArguments_deniedApprovalMismatch_andLeftUnused() {
        f.policies.permitWithApproval(REFUND, "p-approval");
        Caller payer = f.register("payer", MaturityLevel.PRINCIPAL);
        ApprovalId granted = ((Decision.ApprovalRequired) f.decide(payer, REFUND, ARGS)).approvalId();
        f.warden.approvals().approve(granted, OPERATOR, Optional.empty());
        DecisionContext d = refund(f.warden.agents().require("payer"), Map.of("order_id", "o-17", "amount", 4000L),
                Optional.of(granted));
        d.requireApprovalOf(List.of("p-approval"));

        Guard.Verdict v = guard.check(d);

        assertThat(v).isInstanceOf(Guard.Deny.class);
        assertThat(((Guard.Deny) v).reasons()).extracting(Reason::code).containsExactly("approval_mismatch");
        assertThat(f.warden.approvals().require(granted).state()).isEqualTo(ApprovalState.APPROVED);
    }
}
