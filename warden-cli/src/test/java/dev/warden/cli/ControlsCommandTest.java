package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden agent controls NAME [--level L]}: the quickstart's support-bot against a level's controls. */
class ControlsCommandTest {
    @TempDir
    static Path data;
    static TestWarden warden;

    @BeforeAll
    static void start() throws Exception {
        warden = TestWarden.start(data);
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    @Test
    void controls_atJunior_namesTheLearningBaselineMissing() {
        Cli.Result r = warden.operator("agent", "controls", "support-bot", "--level", "junior");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode c = r.json();
        assertThat(c.get("level").asText()).isEqualTo("junior");
        assertThat(c.get("controls")).hasSize(6);
        assertThat(texts(c.get("missing"))).containsExactly("baseline");
    }

    @Test
    void controls_byDefault_checksTheNextLevel_andNamesToolsWithoutCompensation() {
        Cli.Result r = warden.operator("agent", "controls", "support-bot");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode c = r.json();
        assertThat(c.get("level").asText()).isEqualTo("principal");
        assertThat(texts(c.get("missing"))).contains("rollback");
        for (JsonNode control : c.get("controls")) {
            if (control.get("control").asText().equals("rollback")) {
                assertThat(control.get("in_force").asBoolean()).isFalse();
                assertThat(control.get("why").asText()).contains("customer.delete");
            }
        }
    }

    @Test
    void badLevel_isReportedWithTheServersCode() {
        Cli.Result r = warden.operator("agent", "controls", "support-bot", "--level", "boss");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: invalid_field: level");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
