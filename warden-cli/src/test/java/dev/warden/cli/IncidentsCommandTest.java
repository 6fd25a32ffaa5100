package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden incidents ...} against a real server: an error-rate anomaly quarantines an agent; the operator lists, undoes and resolves. */
class IncidentsCommandTest {
    @TempDir
    static Path data;
    static TestWarden warden;

    @BeforeAll
    static void start() throws IOException {
        warden = TestWarden.start(data);
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    private static Cli.Result ok(String... args) {
        Cli.Result r = warden.operator(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void anomaly_opensAnIncident_listedShownUndoneAndResolved() {
        warden.server().warden().incidents().accept(new Anomaly("anm_1", Instant.now(), "support-bot", Optional.empty(),
                "error_rate", 1, AnomalySeverity.MAJOR, 0.4, Optional.of(0.02), 0.15, "40% of calls failed", List.of()));

        JsonNode list = ok("incidents", "list", "--agent", "support-bot", "--state", "open").json().get("incidents");
        assertThat(list).hasSize(1);
        String id = list.get(0).get("incident_id").asText();
        JsonNode shown = ok("incidents", "show", id).json();
        assertThat(shown.get("timeline").get(0).get("summary").asText()).isEqualTo("40% of calls failed");
        assertThat(shown.get("responses").get(0).get("action").asText()).isEqualTo("quarantine");

        assertThat(ok("incidents", "undo", id, "1").json().get("responses").get(0).get("in_force").asBoolean()).isFalse();
        assertThat(ok("incidents", "ack", id, "--note", "looking").json().get("state").asText()).isEqualTo("acknowledged");
        assertThat(ok("incidents", "resolve", id).json().get("state").asText()).isEqualTo("resolved");
        assertThat(ok("incidents", "kpis", "--window", "1h").json().has("recovery_seconds")).isTrue();

        Cli.Result again = warden.operator("incidents", "false-positive", id);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("warden: incident_state");
        Cli.Result unknown = warden.operator("incidents", "show", "inc_0123456789abcdef0123456789abcdef");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("warden: incident_not_found");
    }

    @Test
    void badOptions_exitTwoNamingTheOption() {
        Cli.Result state = warden.operator("incidents", "list", "--state", "closed");
        assertThat(state.exit()).as(state.toString()).isEqualTo(2);
        assertThat(state.err()).contains("--state").contains("false_positive");
        assertThat(warden.operator("incidents", "list", "--limit", "0").exit()).isEqualTo(2);
        assertThat(warden.operator("incidents", "undo", "inc_x", "0").exit()).isEqualTo(2);
        Cli.Result window = warden.operator("incidents", "kpis", "--window", "yesterday");
        assertThat(window.exit()).isEqualTo(2);
        assertThat(window.err()).contains("--window");
        assertThat(warden.operator("incidents", "show").exit()).isEqualTo(2);
    }
}
