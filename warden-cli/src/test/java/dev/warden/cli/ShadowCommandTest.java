package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden agent shadow NAME}: a junior's replies, each held for a human, that senior would have sent. */
class ShadowCommandTest {
    @TempDir
    static Path data;
    static TestWarden warden;

    @BeforeAll
    static void start() throws Exception {
        warden = TestWarden.start(data);
        Cli.Result demote = warden.operator("agent", "level", "support-bot", "junior", "--reason", "shadow test");
        assertThat(demote.exit()).as(demote.toString()).isZero();
        for (int i = 0; i < 2; i++) {
            Cli.Result r = Cli.run("decide", "--key", warden.seedKey("support-bot").toString(), "--action", "customer.reply",
                    "--args", "{\"ticket_id\":\"T-" + i + "\",\"message\":\"Your parcel is on its way.\"}");
            assertThat(r.out() + r.err()).contains("approval_required");
        }
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    @Test
    void shadow_showsWhatTheNextLevelWouldHaveLetThrough() {
        Cli.Result r = warden.operator("agent", "shadow", "support-bot");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode s = r.json();
        assertThat(s.get("level").asText()).isEqualTo("junior");
        assertThat(s.get("next_level").asText()).isEqualTo("senior");
        assertThat(s.get("decisions").asLong()).isEqualTo(2);
        assertThat(s.get("would_allow_without_approval").asLong()).isEqualTo(2);
        assertThat(s.get("of_those_allowed").get("rejected").asLong()).isZero();
        assertThat(s.get("error_rate_at_next_level").asDouble()).isZero();
    }

    @Test
    void unknownAgent_isReportedWithTheServersCode() {
        Cli.Result r = warden.operator("agent", "shadow", "nobody");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: agent_not_found: ");
    }
}
