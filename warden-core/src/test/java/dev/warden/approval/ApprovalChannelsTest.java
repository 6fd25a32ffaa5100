package dev.warden.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertRoute;
import dev.warden.alert.AlertRouting;
import dev.warden.alert.AlertSeverity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seam for approver groups: extra channels for approval requests, added to what the routes give. */
class ApprovalChannelsTest {
    private static final AlertRouting ROUTES = (draft, owner) -> List.of(new AlertRoute("oncall", Optional.empty()));
    private static final ApprovalChannels FINANCE = (project, action, groups) ->
            project.equals(Optional.of("shop")) && action.startsWith("refund.") ? List.of("finance", "oncall") : List.of();

    private static AlertDraft draft(String kind, String project, String action) {
        return new AlertDraft(AlertSeverity.INFO, kind, Optional.of("support-bot"), Optional.of(project), "s",
                Map.of("action", action), List.of());
    }

    @Test
    void theGroupsAnApprovalNames_addTheirNotifyChannels() {
        ApproverGroups groups = new ApproverGroups(Map.of(
                "finance", new ApproverGroups.Group("finance", java.util.Set.of("fran"), List.of("finance-desk")),
                "risk", new ApproverGroups.Group("risk", java.util.Set.of("rita"), List.of("risk-room", "oncall"))));
        AlertRouting routing = ApprovalChannels.adding(ROUTES, ApprovalChannels.ofGroups(groups));
        AlertDraft named = new AlertDraft(AlertSeverity.INFO, ApprovalAlerts.REQUESTED, Optional.of("support-bot"),
                Optional.of("shop"), "s", Map.of("action", "refund.process", "approver_groups", List.of("finance", "risk")), List.of());
        assertThat(routing.route(named, Optional.empty())).extracting(AlertRoute::channel)
                .containsExactly("oncall", "finance-desk", "risk-room");
        assertThat(routing.route(draft(ApprovalAlerts.REQUESTED, "shop", "refund.process"), Optional.empty()))
                .extracting(AlertRoute::channel).containsExactly("oncall");
    }

    @Test
    void anApprovalRequest_goesToTheGroupsChannelsToo_eachChannelOnce() {
        AlertRouting routing = ApprovalChannels.adding(ROUTES, FINANCE);
        assertThat(routing.route(draft(ApprovalAlerts.REQUESTED, "shop", "refund.process"), Optional.empty()))
                .extracting(AlertRoute::channel).containsExactly("oncall", "finance");
        assertThat(routing.route(draft(ApprovalAlerts.REQUESTED, "lab", "refund.process"), Optional.empty()))
                .extracting(AlertRoute::channel).containsExactly("oncall");
    }

    @Test
    void otherAlerts_andNoGroups_routeAsTheRoutesDo() {
        assertThat(ApprovalChannels.adding(ROUTES, FINANCE).route(draft("agent.killed", "shop", "refund.process"),
                Optional.empty())).extracting(AlertRoute::channel).containsExactly("oncall");
        assertThat(ApprovalChannels.adding(ROUTES, ApprovalChannels.NONE).route(
                draft(ApprovalAlerts.REQUESTED, "shop", "refund.process"), Optional.empty()))
                .extracting(AlertRoute::channel).containsExactly("oncall");
    }
}
