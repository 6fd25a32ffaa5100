package dev.warden.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.alert.Alert;
import dev.warden.alert.AlertDelivery;
import dev.warden.alert.AlertRoute;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.AlertState;
import dev.warden.server.api.v1.Json;
import dev.warden.server.config.AlertSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Slack message of an approval request, attacked with what an agent controls: its resource and arguments. */
class ApprovalPayloadTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ID = "apr_" + "0".repeat(31) + "7";

    private static String body(String resource, Map<String, Object> args) {
        Map<String, Object> numbers = Map.of("approval_id", ID, "action", "refund.process", "resource", resource,
                "risk", "medium", "expires_at", "2026-03-01T11:00:00Z", "args", args,
                "policy_ids", List.of("support-small-refunds"),
                "console_url", "https://warden.example.com/console/approvals/" + ID,
                "api_url", "https://warden.example.com/v1/approvals/" + ID);
        Alert alert = new Alert("alr_" + "1".repeat(32), AT, AlertSeverity.INFO, "approval.requested",
                Optional.of("support-bot"), Optional.of("shop"), Optional.of("alice@example.com"), "s", numbers, List.of(),
                1, AT, AlertState.OPEN, Optional.empty(), Optional.empty(), List.of("approvers"));
        AlertDelivery d = AlertDelivery.queued("dlv_" + "2".repeat(32), alert.id(), new AlertRoute("approvers", Optional.empty()), AT);
        return AlertPayloads.body(AlertSettings.Format.SLACK, alert, d);
    }

    @Test
    void aResourceOrArgumentWithSlackMarkup_cannotMentionEveryone_addALink_orLeaveTheCodeBlock() {
        String body = body("order/1 <!channel> <https://evil.example|click here>",
                Map.of("note", "```*approve now* <@U123>```", "amount", 20L));
        Map<String, Object> m = Json.parseObject(body);

        assertThat((String) m.get("text")).contains("&lt;!channel&gt;").doesNotContain("<!channel>", "<https://evil");
        assertThat(body).doesNotContain("<!channel>", "<https://evil", "<@U123>", "```*approve");
        assertThat(body).contains("<https://warden.example.com/console/approvals/" + ID + "|review " + ID + ">");
    }

    @Test
    void aHugeResource_isCutToAFieldSlackAccepts() {
        String body = body("r".repeat(10_000), Map.of("x", "y".repeat(10_000)));
        assertThat(body.length()).isLessThan(6_000);
        assertThat(body).contains("r".repeat(300) + "...");
    }
}
