package dev.warden.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may approve an approval naming groups, and which channels hear of it. */
class ApproverGroupsTest {
    private static final ApproverGroups GROUPS = new ApproverGroups(Map.of(
            "finance", new ApproverGroups.Group("finance", Set.of("alice", "bob"), List.of("finance-desk", "oncall")),
            "risk", new ApproverGroups.Group("risk", Set.of("rita"), List.of("oncall", "risk-room"))));

    private static Approval naming(String... groups) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Approval(new ApprovalId("apr_" + "0".repeat(32)), "payer", "s", "d", "refund.process", "r", Map.of(),
                "f", List.of("p"), "", ApprovalState.PENDING, t, t.plusSeconds(60), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(groups));
    }

    @Test
    void aMemberOfAnyNamedGroupMayApprove_nobodyElse_andWithoutGroupsAnyone() {
        Approval both = naming("finance", "risk");

        assertThat(GROUPS.mayApprove(both, "alice")).isTrue();
        assertThat(GROUPS.mayApprove(both, "rita")).isTrue();
        assertThat(GROUPS.mayApprove(naming("finance"), "rita")).isFalse();
        assertThat(GROUPS.mayApprove(naming("finance"), "admin")).isFalse();
        assertThat(GROUPS.mayApprove(naming("treasury"), "alice")).isFalse();
        assertThat(GROUPS.mayApprove(naming(), "anyone")).isTrue();
    }

    @Test
    void notifyChannels_ofEveryNamedGroup_inOrder_withoutRepeats() {
        assertThat(GROUPS.notifyChannels(naming("finance", "risk"))).containsExactly("finance-desk", "oncall", "risk-room");
        assertThat(GROUPS.notifyChannels("risk")).containsExactly("oncall", "risk-room");
        assertThat(GROUPS.notifyChannels("treasury")).isEmpty();
        assertThat(GROUPS.notifyChannels(naming())).isEmpty();
    }
}
