package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden agent baseline NAME} against a real server that saw a few decisions. */
class BaselineCommandTest {
    @TempDir
    static Path data;
    static TestWarden warden;

    @BeforeAll
    static void start() throws Exception {
        warden = TestWarden.start(data);
        for (int i = 0; i < 3; i++) {
            Cli.Result r = Cli.run("decide", "--key", warden.seedKey("support-bot").toString(), "--action", "inventory.read",
                    "--args", "{\"sku\":\"A-" + i + "\"}");
            assertThat(r.exit()).as(r.toString()).isZero();
        }
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    @Test
    void baseline_showsWhatTheAgentDid_andThatItStillLearns() {
        Cli.Result r = warden.operator("agent", "baseline", "support-bot");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode b = r.json();
        assertThat(b.get("agent").asText()).isEqualTo("support-bot");
        assertThat(b.get("learning").asBoolean()).isTrue();
        assertThat(b.get("operations").asLong()).isEqualTo(3);
        assertThat(b.get("tools").get("inventory.read").get("calls").asLong()).isEqualTo(3);
        assertThat(b.get("monitor").get("dropped").asLong()).isZero();
    }

    @Test
    void unknownAgent_isReportedWithTheServersCode() {
        Cli.Result r = warden.operator("agent", "baseline", "nobody");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: agent_not_found: ");
        assertThat(r.out()).isEmpty();
    }
}
