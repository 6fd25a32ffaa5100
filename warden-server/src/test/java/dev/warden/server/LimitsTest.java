package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.api.v1.Json;
import dev.warden.testing.MutableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's limits through the real HTTP server: the README's rate-limited read and the
 * refund stopped by the daily budget, Retry-After, and the budget surviving a restart on SQLite.
 */
class LimitsTest {
    @TempDir
    Path configDir;

    private static final String READ = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}";

    @TempDir
    Path data;

    @SuppressWarnings("unchecked")
    static Map<String, Object> reason(TestServer.Reply r) {
        return ((List<Map<String, Object>>) r.get("reasons")).getFirst();
    }

    @Test
    void burstBeyondTheRate_isDenied_withRetryAfterHeaderAndRetryAfterMs() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestServer s = new TestServer(data, clock)) {
            String token = s.token("support-bot");
            for (int i = 0; i < 60; i++) {
                assertThat(s.decide(token, READ).get("decision")).as("call %d", i + 1).isEqualTo("allow");
            }
            HttpResponse<String> over = s.postText("/v1/decisions", token, READ);
            TestServer.Reply r = new TestServer.Reply(over.statusCode(), Json.parseObject(over.body()), over.body());

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.get("decision")).isEqualTo("deny");
            assertThat(reason(r)).containsEntry("guard", "limits").containsEntry("code", "rate_limited")
                    .containsEntry("message", "support-bot: 60 calls a minute to inventory.read; retry in 1.0 s")
                    .containsEntry("retry_after_ms", 1000L);
            assertThat(over.headers().firstValue("Retry-After")).hasValue("1");

            HttpResponse<String> otherTool = s.postText("/v1/decisions", token,
                    "{\"action\":\"customer.reply\",\"args\":{\"ticket_id\":\"t\",\"message\":\"hi\"}}");
            assertThat(otherTool.body()).contains("\"decision\":\"allow\""); // 60 a minute per tool, not in all
            assertThat(otherTool.headers().firstValue("Retry-After")).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(s.decide(token, READ).get("decision")).isEqualTo("allow");
        }
    }

    /** Asks for a refund, approves it as the operator and redeems it; the allowed decision. */
    private static TestServer.Reply approvedRefund(TestServer s, String token, String order, String amount) {
        String call = "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"" + order + "\",\"amount\":" + amount + "}";
        TestServer.Reply held = s.decide(token, call + "}");
        assertThat(held.get("decision")).isEqualTo("approval_required");
        String id = (String) held.get("approval_id");
        assertThat(s.post("/v1/approvals/" + id + "/approve", TestServer.ADMIN, "{}").status()).isEqualTo(200);
        return s.decide(token, call + ",\"approval_id\":\"" + id + "\"}");
    }

    @Test
    void refundOverTheDailyBudget_isDenied_andStaysDeniedAfterARestart_untilTheDayHasPassed() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        String refund460 = "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o-2\",\"amount\":460}}";
        try (TestServer s = new TestServer(data, clock)) {
            String token = s.token("support-bot");
            assertThat(approvedRefund(s, token, "o-1", "49.99").get("decision")).isEqualTo("allow");

            HttpResponse<String> over = s.postText("/v1/decisions", token, refund460);
            TestServer.Reply r = new TestServer.Reply(over.statusCode(), Json.parseObject(over.body()), over.body());
            assertThat(r.get("decision")).isEqualTo("deny");
            assertThat(reason(r)).containsEntry("code", "cumulative_limit");
            assertThat((String) reason(r).get("message")).startsWith(
                    "support-bot: budget refund_daily (refund.process impact, 500 a day) holds 49.99; 460 more would exceed it");
            long retryMs = (Long) reason(r).get("retry_after_ms");
            assertThat(retryMs).isBetween(Duration.ofDays(1).toMillis(), Duration.ofDays(1).plusMinutes(25).toMillis());
            assertThat(over.headers().firstValue("Retry-After")).hasValue(Long.toString((retryMs + 999) / 1000));
            assertThat(s.decide(token, "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o-3\",\"amount\":50}}")
                    .get("decision")).isEqualTo("approval_required"); // 49.99 + 50 fits the budget
        }
        clock.advance(Duration.ofHours(12));
        try (TestServer again = new TestServer(data, clock)) {
            String token = again.token("support-bot");
            TestServer.Reply r = again.decide(token, refund460);
            assertThat(r.get("decision")).as("the budget is rebuilt from the audit log").isEqualTo("deny");
            assertThat(reason(r)).containsEntry("code", "cumulative_limit");
            clock.advance(Duration.ofHours(13));
            TestServer.Reply later = again.decide(again.token("support-bot"), refund460);
            assertThat(reason(later)).as("past the budget, the policy decides").containsEntry("code", "forbid_policy");
        }
    }

    @Test
    void refundOverTheSeniorsMaxImpact_isDeniedBeforeThePolicy() throws Exception {
        try (TestServer s = new TestServer(data, new MutableClock(Instant.now()))) {
            String token = s.token("support-bot");
            TestServer.Reply r = s.decide(token, "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o\",\"amount\":501}}");
            assertThat(reason(r)).containsEntry("code", "impact_exceeded")
                    .containsEntry("message", "support-bot (senior): refund.process amount 501 is over the 500 one call may have");
        }
    }

    @Test
    void policy_readsTheBudgetsUsedShare_fromContextLimits() throws Exception {
        Path config = TestServer.quickstartCopy(configDir);
        Path yaml = config.resolve("warden.yaml");
        java.nio.file.Files.writeString(yaml, java.nio.file.Files.readString(yaml).replace("max: 500, per: day", "max: 100, per: day"));
        java.nio.file.Files.writeString(config.resolve("policies").resolve("budget.cedar"), """
                // once 80% of the day's refund budget is spent, the rest waits for tomorrow
                @id("refund-budget-80")
                forbid(principal, action == Action::"refund.process", resource)
                when { context has limits && context.limits has refund_daily && context.limits.refund_daily.used_pct >= 80 };
                """);
        try (TestServer s = new TestServer(config, data, new MutableClock(Instant.now()))) {
            String token = s.token("support-bot");
            assertThat(approvedRefund(s, token, "o-1", "79").get("decision")).isEqualTo("allow");
            assertThat(s.decide(token, "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o-2\",\"amount\":1}}")
                    .get("decision")).isEqualTo("approval_required"); // 79%
            assertThat(approvedRefund(s, token, "o-3", "1").get("decision")).isEqualTo("allow");

            TestServer.Reply r = s.decide(token, "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o-4\",\"amount\":1}}");
            assertThat(reason(r)).containsEntry("code", "forbid_policy").containsEntry("policy_id", "refund-budget-80");
        }
    }
}
