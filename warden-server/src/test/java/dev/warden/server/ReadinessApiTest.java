package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/agents/{name}/readiness} on the quickstart server: the five gates with their numbers. */
class ReadinessApiTest {
    @TempDir
    java.nio.file.Path tmp;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    TestServer s;
    String bot;

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(tmp.resolve("data"), clock);
        bot = s.token("support-bot");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(TestServer.Reply r, String gate, String name) {
        List<Map<String, Object>> gates = (List<Map<String, Object>>) r.get("gates");
        Map<String, Object> g = gates.stream().filter(x -> gate.equals(x.get("gate"))).findFirst().orElseThrow();
        return ((List<Map<String, Object>>) g.get("checks")).stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void readiness_showsEachCheckWithItsNumbers_forAllFiveGates() {
        for (int i = 0; i < 3; i++) {
            TestServer.Reply d = s.decide(bot, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-" + i + "\"}}");
            assertThat(d.get("decision")).as(d.body()).isEqualTo("allow");
        }
        clock.advance(Duration.ofDays(3));

        TestServer.Reply r = s.get("/v1/agents/support-bot/readiness", TestServer.ADMIN);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.get("agent")).isEqualTo("support-bot");
        assertThat(r.get("level")).isEqualTo("senior");
        assertThat(r.get("level_basis")).isEqualTo("granted");
        assertThat(r.get("next_level")).isEqualTo("principal");
        assertThat((List<Map<String, Object>>) r.get("gates")).extracting(g -> g.get("gate"))
                .containsExactly("performance", "security_validation", "business_value", "incident_record", "governance_sign_off");
        // no attestation or sign-off recorded (and no sign-off role configured in the quickstart): only gate 4 passes
        assertThat((List<Map<String, Object>>) r.get("gates")).extracting(g -> g.get("passed"))
                .containsExactly(false, false, false, true, false);
        assertThat(r.get("pending")).isEqualTo(List.of());
        assertThat(r.json()).doesNotContainKey("ready");
        Map<String, Object> time = check(r, "performance", "time_at_level");
        assertThat(num(time.get("observed"))).isEqualTo(3 * 86_400.0);
        assertThat(num(time.get("required"))).isEqualTo(56 * 86_400.0);
        assertThat(time.get("passed")).isEqualTo(false);
        assertThat(num(check(r, "performance", "operations").get("observed"))).isEqualTo(3.0);
        assertThat(check(r, "performance", "accuracy").get("observed")).isNull();
        assertThat((String) check(r, "performance", "accuracy").get("why")).startsWith("no evidence");
        assertThat(num(check(r, "performance", "availability").get("observed"))).isEqualTo(1.0);
        // the principal level's controls, as warden agent controls shows them: rollback is missing in the quickstart
        Map<String, Object> controls = (Map<String, Object>) r.get("controls");
        assertThat(controls.get("passed")).isEqualTo(false);
        assertThat((List<String>) controls.get("missing")).contains("rollback");
    }

    @Test
    void unknownAgent_is404_anAgentCannotReadIt_andAPrincipalHasNoNextLevel() {
        TestServer.Reply unknown = s.get("/v1/agents/nobody/readiness", TestServer.ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("error")).isEqualTo("agent_not_found");
        assertThat(s.get("/v1/agents/support-bot/readiness", bot).status()).isIn(401, 403);

        TestServer.Reply up = s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"principal\",\"reason\":\"test\"}");
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        TestServer.Reply top = s.get("/v1/agents/support-bot/readiness", TestServer.ADMIN);
        assertThat(top.status()).as(top.body()).isEqualTo(400);
        assertThat(top.get("error")).isEqualTo("invalid_field");
    }

    @Test
    void theConfiguredThresholds_areTheOnesChecked() throws Exception {
        s.close();
        java.nio.file.Path config = TestServer.quickstartCopy(tmp.resolve("config"));
        java.nio.file.Files.writeString(config.resolve("warden.yaml"), java.nio.file.Files.readString(config.resolve("warden.yaml"))
                + "\nmaturity:\n  gates:\n    principal:\n      min_operations: 2\n      min_days_at_level: 1\n");
        s = new TestServer(config, tmp.resolve("data2"), clock);
        bot = s.token("support-bot");
        for (int i = 0; i < 2; i++) {
            assertThat(s.decide(bot, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-" + i + "\"}}").get("decision"))
                    .isEqualTo("allow");
        }
        clock.advance(Duration.ofDays(1));
        TestServer.Reply r = s.get("/v1/agents/support-bot/readiness", TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(num(check(r, "performance", "operations").get("required"))).isEqualTo(2.0);
        assertThat(check(r, "performance", "operations").get("passed")).isEqualTo(true);
        assertThat(check(r, "performance", "time_at_level").get("passed")).isEqualTo(true);
    }

    private String operator(String name, String role) {
        String password = "correct horse battery staple 42";
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[\"%s\"],\"password\":\"%s\"}".formatted(name, role, password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return (String) s.post("/v1/login", null, "{\"name\":\"%s\",\"password\":\"%s\"}".formatted(name, password)).get("token");
    }

    @Test
    void theAgentsOwner_readsIt_anotherOwner_isRefused() {
        TestServer.Reply own = s.get("/v1/agents/support-bot/readiness", operator("alice@example.com", "owner"));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        TestServer.Reply other = s.get("/v1/agents/support-bot/readiness", operator("mallory@example.com", "owner"));
        assertThat(other.status()).as(other.body()).isEqualTo(403);
        assertThat(other.get("error")).isEqualTo("forbidden_role");
    }
}
