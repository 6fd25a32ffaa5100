package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion through all five gates over HTTP, with short thresholds: refused while the demotion
 * that set the level is open, refused on the requester's own sign-off, granted when someone else
 * asks; and the evidence does not carry over to the next level.
 */
class PromotionLifecycleTest {
    private static final String DIGEST = "sha256:" + "cd".repeat(32);
    @TempDir
    Path tmp;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    TestServer s;
    String bot;

    @BeforeEach
    void start() throws Exception {
        Path config = TestServer.quickstartCopy(tmp.resolve("config"));
        // every financial tool gets a transaction limit and a budget, so the senior controls are in force
        Files.writeString(config.resolve("tools.yaml"), Files.readString(config.resolve("tools.yaml"))
                .replace("    effects: [write, financial]\n    risk: high\n", "    effects: [write, financial]\n    risk: high\n    impact_field: price\n"));
        String yaml = Files.readString(config.resolve("warden.yaml"))
                .replace("learning: {days: 7, operations: 1000}", "learning: {days: 1, operations: 4}")
                .replace("      max_impact: {junior: 50, senior: 500}   # largest amount of one refund, by level\n",
                        "      max_impact: {junior: 50, senior: 500}\n    refund.reverse:\n      max_impact: {junior: 50, senior: 500}\n"
                                + "    pricing.modify:\n      max_impact: {junior: 20, senior: 200}\n")
                .replace("    refund_daily: {tool: refund.process, measure: impact, max: 500, per: day}\n",
                        "    refund_daily: {tool: refund.process, measure: impact, max: 500, per: day}\n"
                                + "    reverse_daily: {tool: refund.reverse, measure: impact, max: 500, per: day}\n"
                                + "    pricing_daily: {tool: pricing.modify, measure: impact, max: 1000, per: day}\n");
        Files.writeString(config.resolve("warden.yaml"), yaml + """

                maturity:
                  gates:
                    senior: {min_days_at_level: 1, min_operations: 4}
                  sign_off_roles:
                    technical_owner: [tina]
                    business_owner: [bob]
                    security: [sec]
                    stakeholder: [sam]
                """);
        s = new TestServer(config, tmp.resolve("data"), clock);
        bot = s.token("support-bot");
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    private String operator(String name, String role) {
        String password = "correct horse battery staple 42";
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[\"%s\"],\"password\":\"%s\"}".formatted(name, role, password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return (String) s.post("/v1/login", null, "{\"name\":\"%s\",\"password\":\"%s\"}".formatted(name, password)).get("token");
    }

    private void ok(TestServer.Reply r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }

    @SuppressWarnings("unchecked")
    private static List<String> failures(TestServer.Reply r) {
        return ((List<Map<String, Object>>) r.get("failures")).stream().map(f -> f.get("gate") + "." + f.get("check")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void throughAllFiveGates_refusedOnTheRequestersOwnSignOff_grantedWhenAnotherAsks() {
        // the review cut: support-bot is junior now, and that demotion must be closed before it rises again
        ok(s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"junior\",\"reason\":\"quarterly review\"}"));
        for (int i = 0; i < 5; i++) {
            TestServer.Reply d = s.decide(bot, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-" + i + "\"}}");
            assertThat(d.get("decision")).as(d.body()).isEqualTo("allow");
            ok(s.post("/v1/decisions/" + d.get("decision_id") + "/outcome", bot, "{\"status\":\"completed\"}"));
        }
        clock.advance(Duration.ofDays(2));
        String tina = operator("tina", "admin");
        String bob = operator("bob", "auditor");
        String sec = operator("sec", "auditor");
        String sam = operator("sam", "auditor");
        for (String kind : List.of("vulnerability_assessment", "code_review", "configuration_audit", "penetration_test")) {
            ok(s.post("/v1/agents/support-bot/attestations", sec, ("{\"kind\":\"%s\",\"result\":\"passed\",\"evidence_ref\":"
                    + "\"https://evidence.example/%s\",\"evidence_digest\":\"%s\"}").formatted(kind, kind, DIGEST)));
        }
        ok(s.post("/v1/agents/support-bot/attestations", tina, "{\"kind\":\"documentation\",\"result\":\"passed\","
                + "\"evidence_ref\":\"https://docs.example/runbook\",\"evidence_digest\":\"" + DIGEST + "\"}"));
        ok(s.post("/v1/agents/support-bot/business-value", bob, "{\"metrics\":[{\"name\":\"handling_time\",\"unit\":\"minutes\","
                + "\"baseline\":30,\"current\":18,\"direction\":\"decrease\"}],\"roi\":{\"ratio\":2.1,"
                + "\"evidence_ref\":\"https://roi.example/q4\",\"evidence_digest\":\"" + DIGEST + "\"}}"));
        for (String[] who : new String[][] {{tina, "technical_owner"}, {bob, "business_owner"}, {sec, "security"}, {sam, "stakeholder"}}) {
            ok(s.post("/v1/agents/support-bot/sign-offs", who[0], "{\"role\":\"" + who[1] + "\",\"note\":\"reviewed\"}"));
        }

        // 1. the demotion record of the review is still open: gate 4 refuses
        TestServer.Reply open = s.post("/v1/agents/support-bot/promotions", TestServer.ADMIN, "{\"to\":\"senior\",\"reason\":\"ready\"}");
        assertThat(open.status()).as(open.body()).isEqualTo(409);
        assertThat(failures(open)).containsExactly("incident_record.demotions_closed");
        String demotion = (String) ((List<Map<String, Object>>) s.get("/v1/agents/support-bot/demotions", TestServer.ADMIN)
                .get("demotions")).getFirst().get("id");
        ok(s.post("/v1/agents/support-bot/demotions/" + demotion + "/root-cause", TestServer.ADMIN,
                "{\"note\":\"scope review, no fault\"}"));
        ok(s.post("/v1/agents/support-bot/demotions/" + demotion + "/reactivate", TestServer.ADMIN, "{\"reason\":\"review closed\"}"));

        // 2. tina signed as technical owner: her own request does not count her sign-off
        TestServer.Reply own = s.post("/v1/agents/support-bot/promotions", tina, "{\"to\":\"senior\",\"reason\":\"I vouch\"}");
        assertThat(own.status()).as(own.body()).isEqualTo(409);
        assertThat(failures(own)).containsExactly("governance_sign_off.technical_owner");
        assertThat(s.get("/v1/agents/support-bot", TestServer.ADMIN).get("level")).isEqualTo("junior");

        // 3. someone else asks: every gate passes, every senior control is in force
        TestServer.Reply up = s.post("/v1/agents/support-bot/promotions", TestServer.ADMIN, "{\"to\":\"senior\",\"reason\":\"board met\"}");
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        assertThat(up.get("level")).isEqualTo("senior");
        assertThat(up.get("level_basis")).isEqualTo("promoted");
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) up.get("readiness")).get("gates"))
                .extracting(g -> g.get("passed")).containsOnly(true);

        // 4. at senior the clock and the evidence restart: nothing recorded for senior counts toward principal
        TestServer.Reply next = s.get("/v1/agents/support-bot/readiness", TestServer.ADMIN);
        assertThat(next.get("level_basis")).isEqualTo("promoted");
        assertThat((List<Map<String, Object>>) next.get("gates")).filteredOn(g -> "security_validation".equals(g.get("gate")))
                .extracting(g -> g.get("passed")).containsExactly(false);
    }
}
