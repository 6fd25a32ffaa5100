package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden agent readiness NAME}: each of the five gates' checks with their numbers. */
class ReadinessCommandTest {
    @TempDir
    static Path data;
    static TestWarden warden;

    @BeforeAll
    static void start() throws Exception {
        warden = TestWarden.start(data);
        Cli.Result r = Cli.run("decide", "--key", warden.seedKey("support-bot").toString(), "--action", "inventory.read",
                "--args", "{\"sku\":\"A-1\"}");
        assertThat(r.out() + r.err()).contains("allow");
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    @Test
    void readiness_printsEveryCheckForAHuman() {
        Cli.Result r = warden.operator("agent", "readiness", "support-bot");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("support-bot: senior (granted since ")
                .contains("next level principal")
                .contains("gate performance: NOT passed")
                .contains("[FAIL] time_at_level: ")
                .contains("of 56.0 days required")
                .contains("[FAIL] operations: 1 decisions at the level of 1000 required")
                .contains("[FAIL] accuracy: no evidence")
                .contains("gate incident_record: passed")
                .contains("[ok  ] critical_incidents: 0 critical incidents")
                .contains("controls of principal: NOT all in force")
                .contains("[FAIL] rollback: ")
                .contains("gate security_validation: NOT passed")
                .contains("[FAIL] code_review: no code_review attestation")
                .contains("gate business_value: NOT passed")
                .contains("gate governance_sign_off: NOT passed")
                .contains("maturity.sign_off_roles.technical_owner is not configured")
                .doesNotContain("not evaluated yet");
        assertThat(r.out()).doesNotContainIgnoringCase("ready:");
    }

    @Test
    void json_printsTheServersAnswer() {
        Cli.Result r = warden.operator("agent", "readiness", "support-bot", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("next_level").asText()).isEqualTo("principal");
        assertThat(j.get("gates").get(0).get("checks").get(1).get("observed").asDouble()).isEqualTo(1.0);
        assertThat(j.get("pending")).isEmpty();
        assertThat(j.get("gates")).hasSize(5);
    }

    @Test
    void unknownAgent_isReportedWithTheServersCode() {
        Cli.Result r = warden.operator("agent", "readiness", "nobody");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: agent_not_found: ");
    }
}
