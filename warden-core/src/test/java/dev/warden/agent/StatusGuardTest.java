package dev.warden.agent;

import static dev.warden.testing.Fixtures.READ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.testing.Fixtures;
import dev.warden.testing.GuardFixtures;
import dev.warden.testing.RuleTablePolicyEngine;
import java.util.Map;
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

    @Test
    void check_activeAgent_passes() {
        assertThat(check(guard, AgentStatus.ACTIVE)).isEqualTo(Guard.Verdict.PASS);
    }
}
