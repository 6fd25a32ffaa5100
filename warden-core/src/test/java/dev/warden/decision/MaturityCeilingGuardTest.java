package dev.warden.decision;

import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.Fixtures.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.testing.GuardFixtures;
import dev.warden.testing.RuleTablePolicyEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaturityCeilingGuardTest {
    private final MaturityCeilingGuard guard = new MaturityCeilingGuard();

    private static DecisionContext call(MaturityLevel level, String tool) {
        return GuardFixtures.identified(GuardFixtures.agent("bot", level), tool, Map.of(), new RuleTablePolicyEngine());
    }

    @Test
    void check_internCallingAWriteTool_deniedNamingTheEffects() {
        DecisionContext d = call(MaturityLevel.INTERN, REFUND);

        assertThat(guard.check(d)).isEqualTo(Guard.Verdict.deny(Reason.of("maturity", "maturity_ceiling",
                "level intern may only use read-only tools; 'payments.refund' has effects [financial, write]")));
    }

    @Test
    void check_juniorCallingAWriteTool_passesAskingForAnApprovalListedAfterOtherReasons() {
        DecisionContext d = call(MaturityLevel.JUNIOR, UPDATE);
        Reason policy = Reason.policy("permit_policy", "p", "permitted by policy p");

        assertThat(guard.check(d)).isEqualTo(Guard.Verdict.PASS);
        d.addReason(policy); // a later guard's reason still comes first

        assertThat(d.approvalRequired()).isTrue();
        assertThat(d.reasons()).containsExactly(policy, Reason.of("maturity", "maturity_approval",
                "level junior needs a human approval for low-risk 'inventory.update'"));
        assertThat(d.obligations()).isEmpty();
    }

    @Test
    void check_seniorCallingALowRiskWriteTool_passesWithTheObligationToNotifyTheOwner() {
        DecisionContext d = call(MaturityLevel.SENIOR, UPDATE);

        assertThat(guard.check(d)).isEqualTo(Guard.Verdict.PASS);
        assertThat(d.obligations()).isEqualTo(List.of("notify_owner"));
        assertThat(d.approvalRequired()).isFalse();
    }

    @Test
    void check_internCallingAReadOnlyTool_passesWithNothingAdded() {
        DecisionContext d = call(MaturityLevel.INTERN, READ);

        assertThat(guard.check(d)).isEqualTo(Guard.Verdict.PASS);
        assertThat(d.approvalRequired()).isFalse();
        assertThat(d.obligations()).isEmpty();
        assertThat(d.reasons()).isEmpty();
    }
}
