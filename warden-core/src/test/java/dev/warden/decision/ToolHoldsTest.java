package dev.warden.decision;

import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.testing.GuardFixtures;
import dev.warden.testing.RuleTablePolicyEngine;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolHoldsTest {
    private static final Reason PINNED = Reason.of("hold", "tool_definition_changed", "changed upstream");

    private static Guard.Verdict check(ToolHolds holds, String tool) {
        return holds.check(GuardFixtures.identified(GuardFixtures.agent("bot", MaturityLevel.PRINCIPAL), tool, Map.of(),
                new RuleTablePolicyEngine()));
    }

    @Test
    void check_heldTool_deniedWithTheChecksReason_otherToolsPass() {
        ToolHolds holds = new ToolHolds();
        holds.add(tool -> Optional.empty());
        holds.add(tool -> tool.equals(UPDATE) ? Optional.of(PINNED) : Optional.empty());

        assertThat(check(holds, UPDATE)).isEqualTo(Guard.Verdict.deny(PINNED));
        assertThat(check(holds, READ)).isEqualTo(Guard.Verdict.PASS);
    }

    @Test
    void check_checkThatThrows_holdsTheTool() {
        ToolHolds holds = new ToolHolds();
        holds.add(tool -> {
            throw new IllegalStateException("pin store gone");
        });

        assertThat(check(holds, READ)).isEqualTo(Guard.Verdict.deny(Reason.of("hold", "hold_check_failed",
                "the hold check for 'inventory.read' failed: java.lang.IllegalStateException: pin store gone")));
    }

    @Test
    void check_noChecks_passes() {
        assertThat(check(new ToolHolds(), UPDATE)).isEqualTo(Guard.Verdict.PASS);
    }
}
