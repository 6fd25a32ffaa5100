package dev.warden.policy;

import static dev.warden.testing.Fixtures.REFUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.testing.GuardFixtures;
import dev.warden.testing.RuleTablePolicyEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyGuardTest {
    private static final Map<String, Object> ARGS = Map.of("order_id", "o-1", "amount", 5L);

    private final List<PolicyQuery> asked = new ArrayList<>();
    private final RuleTablePolicyEngine policies = new RuleTablePolicyEngine();

    private DecisionContext refund(PolicyVerdict answer) {
        policies.rule(REFUND, q -> {
            asked.add(q);
            return answer;
        });
        return GuardFixtures.identified(GuardFixtures.agent("bot", MaturityLevel.PRINCIPAL), REFUND, ARGS, policies);
    }

    @Test
    void check_forbid_deniedNamingEveryForbiddingPolicy() {
        assertThat(new PolicyGuard().check(refund(new PolicyVerdict.Forbid(List.of("f1", "f2")))))
                .isEqualTo(new Guard.Deny(List.of(Reason.policy("forbid_policy", "f1", "forbidden by policy f1"),
                        Reason.policy("forbid_policy", "f2", "forbidden by policy f2"))));
    }

    @Test
    void check_noPermit_deniedByDefault() {
        assertThat(new PolicyGuard().check(refund(new PolicyVerdict.NoPermit()))).isEqualTo(Guard.Verdict.deny(
                Reason.of("policy", "no_permit", "no policy permits 'payments.refund' for this agent (deny by default)")));
    }

    @Test
    void check_failed_deniedNamingTheFirstFailingPolicy() {
        assertThat(new PolicyGuard().check(refund(new PolicyVerdict.Failed(List.of("p9", "p10"), "boom"))))
                .isEqualTo(Guard.Verdict.deny(new Reason("policy", "evaluation_error", Optional.of("p9"),
                        "policy evaluation failed: boom")));
    }

    @Test
    void check_permitWithAnApprovalPolicy_passesListingThePoliciesInOrderAndAsksForApproval() {
        DecisionContext d = refund(new PolicyVerdict.Permit(List.of("p1", "a1"), List.of("a1")));

        assertThat(new PolicyGuard().check(d)).isEqualTo(Guard.Verdict.PASS);
        assertThat(d.approvalRequired()).isTrue();
        assertThat(d.approvalPolicies()).containsExactly("a1");
        assertThat(d.reasons()).containsExactly(Reason.policy("permit_policy", "p1", "permitted by policy p1"),
                Reason.policy("approval_policy", "a1", "permitted with approval by policy a1"));
    }

    @Test
    void check_plainPermit_passesWithoutAnApproval() {
        DecisionContext d = refund(new PolicyVerdict.Permit(List.of("p1"), List.of()));

        assertThat(new PolicyGuard().check(d)).isEqualTo(Guard.Verdict.PASS);
        assertThat(d.approvalRequired()).isFalse();
    }

    @Test
    void check_asksWithTheCallAndTheEntriesEarlierGuardsAdded() {
        DecisionContext d = refund(new PolicyVerdict.Permit(List.of("p1"), List.of()));
        d.put("limits", Map.of("refunds_today", 3L));

        new PolicyGuard().check(d);

        assertThat(asked).hasSize(1);
        PolicyQuery q = asked.getFirst();
        assertThat(q.agent()).isEqualTo(d.agent());
        assertThat(q.sessionId()).isEqualTo("sess-bot");
        assertThat(q.tool()).isEqualTo(d.tool());
        assertThat(q.resource()).isEqualTo(REFUND);
        assertThat(q.args()).isEqualTo(ARGS);
        assertThat(q.context()).isEqualTo(Map.of("limits", Map.of("refunds_today", 3L)));
    }
}
