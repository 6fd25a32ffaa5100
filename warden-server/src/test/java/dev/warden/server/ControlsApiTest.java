package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/agents/{name}/controls}: the controls a level requires, checked for support-bot. */
class ControlsApiTest {
    @TempDir
    Path tmp;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    TestServer s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void quickstart_juniorSeniorPrincipal_eachControlWithWhy() throws Exception {
        s = new TestServer(tmp.resolve("data"), clock);

        TestServer.Reply junior = s.get("/v1/agents/support-bot/controls?level=junior", TestServer.ADMIN);
        assertThat(junior.status()).as(junior.body()).isEqualTo(200);
        assertThat(junior.get("level")).isEqualTo("junior");
        assertThat(ids(junior)).containsExactly("credential_binding", "baseline", "schema_validation",
                "injection_detection", "rate_limits", "circuit_breaker");
        assertThat(junior.get("missing")).as("the baseline still learns").isEqualTo(List.of("baseline"));
        assertThat(control(junior, "rate_limits")).containsEntry("in_force", true).containsEntry("required_from", "junior");

        TestServer.Reply senior = s.get("/v1/agents/support-bot/controls?level=SENIOR", TestServer.ADMIN);
        assertThat(senior.get("missing")).isEqualTo(List.of("baseline", "transaction_limits", "cumulative_limits"));
        assertThat((String) control(senior, "transaction_limits").get("why")).contains("pricing.modify (no impact_field)")
                .doesNotContain("refund.process");
        assertThat((String) control(senior, "cumulative_limits").get("why")).contains("pricing.modify")
                .doesNotContain("refund.process");

        TestServer.Reply principal = s.get("/v1/agents/support-bot/controls", TestServer.ADMIN);
        assertThat(principal.get("level")).as("the default is the level above senior").isEqualTo("principal");
        assertThat(ids(principal)).hasSize(16);
        assertThat((List<Object>) principal.get("missing")).contains("rollback").doesNotContain("lineage");
        assertThat((String) control(principal, "rollback").get("why"))
                .contains("customer.reply", "product.update_description", "customer.delete", "pricing.modify")
                .doesNotContain("refund.process");
    }

    @Test
    void withoutLimitsOrACompensation_theControlIsMissingNamingTheTool() throws Exception {
        Path config = TestServer.quickstartCopy(tmp.resolve("config"));
        Path yaml = config.resolve("warden.yaml");
        String text = Files.readString(yaml);
        int from = text.indexOf("\nlimits:");
        int to = text.indexOf("\n\n", from);
        Files.writeString(yaml, text.substring(0, from) + text.substring(to));
        Path tools = config.resolve("tools.yaml");
        String catalog = Files.readString(tools);
        int comp = catalog.indexOf("    compensate_with:\n      tool: refund.reverse");
        int end = catalog.indexOf("reason: {value: rollback}\n", comp) + "reason: {value: rollback}\n".length();
        Files.writeString(tools, catalog.substring(0, comp) + catalog.substring(end));
        s = new TestServer(config, tmp.resolve("data"), clock);

        TestServer.Reply r = s.get("/v1/agents/support-bot/controls?level=principal", TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat((List<Object>) r.get("missing")).contains("rate_limits", "transaction_limits", "cumulative_limits", "rollback");
        assertThat((String) control(r, "rate_limits").get("why")).isEqualTo("no limits are configured");
        assertThat((String) control(r, "transaction_limits").get("why")).contains("refund.process (no max_impact)");
        assertThat((String) control(r, "rollback").get("why")).contains("refund.process");
    }

    @Test
    void badLevel_400NamingLevel_unknownAgent404_agentItself_refused() throws Exception {
        s = new TestServer(tmp.resolve("data"), clock);
        TestServer.Reply bad = s.get("/v1/agents/support-bot/controls?level=boss", TestServer.ADMIN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("error")).isEqualTo("invalid_field");
        assertThat((String) bad.get("message")).startsWith("level");
        assertThat(s.get("/v1/agents/nobody/controls", TestServer.ADMIN).status()).isEqualTo(404);
        assertThat(s.get("/v1/agents/support-bot/controls", s.token("support-bot")).status()).isIn(401, 403);
    }

    @Test
    void theOwnerReadsItsAgentsControls_anotherOwnerIsRefused() throws Exception {
        s = new TestServer(tmp.resolve("data"), clock);
        for (String name : List.of("alice@example.com", "bob")) {
            TestServer.Reply created = s.post("/v1/operators", TestServer.ADMIN,
                    "{\"name\":\"%s\",\"roles\":[\"owner\"],\"password\":\"correct-horse-battery-staple\"}".formatted(name));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        TestServer.Reply mine = s.get("/v1/agents/support-bot/controls", login("alice@example.com"));
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        TestServer.Reply other = s.get("/v1/agents/support-bot/controls", login("bob"));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.get("error")).isEqualTo("forbidden_role");
    }

    private String login(String name) {
        TestServer.Reply r = s.post("/v1/login", null,
                "{\"name\":\"%s\",\"password\":\"correct-horse-battery-staple\"}".formatted(name));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (String) r.get("token");
    }

    @SuppressWarnings("unchecked")
    static List<Object> ids(TestServer.Reply r) {
        return ((List<Map<String, Object>>) r.get("controls")).stream().map(c -> c.get("control")).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> control(TestServer.Reply r, String id) {
        return ((List<Map<String, Object>>) r.get("controls")).stream().filter(c -> id.equals(c.get("control")))
                .findFirst().orElseThrow();
    }
}
