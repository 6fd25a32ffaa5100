package dev.warden.agent;

import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.RESET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.testing.Fixtures;
import dev.warden.testing.GuardFixtures;
import dev.warden.testing.RuleTablePolicyEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two segmentation guards: {@link ProjectGuard} and {@link CapabilityGuard}. */
class SegmentationGuardsTest {
    private static Guard.Verdict check(Guard guard, Agent agent, String tool) {
        return guard.check(GuardFixtures.identified(agent, tool, Map.of(), new RuleTablePolicyEngine()));
    }

    private static Agent in(String project, String environment) {
        return GuardFixtures.agent("bot", MaturityLevel.SENIOR, AgentStatus.ACTIVE, Fixtures.CAPABILITIES, project, environment);
    }

    @Test
    void projectGuard_environmentNotConfiguredForTheProject_denied() {
        assertThat(check(new ProjectGuard(Fixtures.projects()), in("lab", "prod"), READ)).isEqualTo(Guard.Verdict.deny(
                Reason.of("segmentation", "unknown_project", "project 'lab/prod' is not configured")));
    }

    @Test
    void projectGuard_configuredProjectAndEnvironment_passes() {
        assertThat(check(new ProjectGuard(Fixtures.projects()), in("lab", "dev"), READ)).isEqualTo(Guard.Verdict.PASS);
    }

    @Test
    void capabilityGuard_toolOutsideTheManifest_denied() {
        assertThat(check(new CapabilityGuard(), GuardFixtures.agent("bot", MaturityLevel.SENIOR), RESET))
                .isEqualTo(Guard.Verdict.deny(Reason.of("segmentation", "capability_not_claimed",
                        "'admin.reset' is not in the agent's capability manifest")));
    }

    @Test
    void capabilityGuard_toolClaimedByAWildcard_passes_butAPrefixWithoutTheDotIsNoClaim() {
        Agent inventory = GuardFixtures.agent("bot", MaturityLevel.SENIOR, AgentStatus.ACTIVE, List.of("inventory.*"), "shop", "prod");
        Agent inv = GuardFixtures.agent("bot", MaturityLevel.SENIOR, AgentStatus.ACTIVE, List.of("inv*"), "shop", "prod");

        assertThat(check(new CapabilityGuard(), inventory, READ)).isEqualTo(Guard.Verdict.PASS);
        assertThat(check(new CapabilityGuard(), inv, READ)).isInstanceOf(Guard.Deny.class);
    }
}
