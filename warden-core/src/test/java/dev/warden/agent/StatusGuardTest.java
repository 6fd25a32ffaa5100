package dev.warden.agent;

import static dev.warden.testing.Fixtures.READ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Actor;
import dev.warden.decision.Caller;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Guard;
import dev.warden.decision.Order;
import dev.warden.decision.Reason;
import dev.warden.testing.Fixtures;
import dev.warden.testing.GuardFixtures;
import dev.warden.testing.RuleTablePolicyEngine;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusGuardTest {
    private final StatusGuard guard = new StatusGuard();

    private static Guard.Verdict check(StatusGuard guard, AgentStatus status) {
        Agent agent = GuardFixtures.agent("bot", MaturityLevel.PRINCIPAL, status, Fixtures.CAPABILITIES, "shop", "prod");
        return guard.check(GuardFixtures.identified(agent, READ, Map.of("sku", "A"), new RuleTablePolicyEngine()));
    }

    @ParameterizedTest
    @EnumSource(value = AgentStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void check_agentNotActive_deniedNamingItsStatus(AgentStatus status) {
        assertThat(check(guard, status)).isEqualTo(Guard.Verdict.deny(Reason.of("status", "agent_" + status.wire(),
                "agent is " + status.wire() + "; every action is denied")));
    }

    /** A decision of {@code status}'s agent carrying an operator's order. */
    private static DecisionContext ordered(AgentStatus status) {
        Agent agent = GuardFixtures.agent("bot", MaturityLevel.PRINCIPAL, status, Fixtures.CAPABILITIES, "shop", "prod");
        DecisionRequest request = new DecisionRequest(
                new Caller("bot", "s", 0), READ, Optional.empty(), Map.of("sku", "A"),
                Optional.empty(), Optional.empty(), Optional.of(
                new Order(Actor.operator("olivia"), "rbp_1", "dec_" + "1".repeat(32))));
        DecisionContext d = GuardFixtures.decision(request, new RuleTablePolicyEngine());
        d.agent(agent);
        return d;
    }

    @ParameterizedTest
    @EnumSource(AgentStatus.class)
    void check_orderTheCheckRefuses_deniedWhateverTheStatus(AgentStatus status) {
        assertThat(guard.check(ordered(status))).isEqualTo(Guard.Verdict.deny(Reason.of("status", "order_not_authorized",
                "the operator's order does not match a compensation of a rollback plan being run")));
    }

    @ParameterizedTest
    @EnumSource(value = AgentStatus.class, names = "RETIRED", mode = EnumSource.Mode.EXCLUDE)
    void check_genuineOrder_passesAKilledOrQuarantinedAgent_markedAsCompensation(AgentStatus status) {
        DecisionContext d = ordered(status);
        assertThat(new StatusGuard(request -> true).check(d)).isEqualTo(Guard.Verdict.PASS);
        assertThat(d.entries()).containsEntry(StatusGuard.COMPENSATION, true);
    }

    @Test
    void check_genuineOrder_ofARetiredAgent_stillDenied() {
        assertThat(new StatusGuard(request -> true).check(ordered(AgentStatus.RETIRED)))
                .isEqualTo(Guard.Verdict.deny(Reason.of("status", "agent_retired", "agent is retired; every action is denied")));
    }

    @Test
    void check_activeAgent_passes() {
        assertThat(check(guard, AgentStatus.ACTIVE)).isEqualTo(Guard.Verdict.PASS);
    }
}
