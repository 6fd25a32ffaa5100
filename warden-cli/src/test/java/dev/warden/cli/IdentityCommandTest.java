package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden agent identity NAME}: a new version is recorded and a re-verification review opens. */
class IdentityCommandTest {
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
    void identity_recordsTheNewVersion_andAReviewOpens() {
        Cli.Result r = warden.operator("agent", "identity", "support-bot", "--agent-version", "1.5.0",
                "--config-digest", "sha256:" + "cd".repeat(32), "--reason", "new model");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("version").asText()).isEqualTo("1.5.0");
        Cli.Result incidents = warden.operator("incidents", "list", "--agent", "support-bot");
        assertThat(incidents.exit()).as(incidents.toString()).isZero();
        assertThat(incidents.out()).contains("inc_");
    }

    @Test
    void aMissingDigest_isAUsageError() {
        Cli.Result r = warden.operator("agent", "identity", "support-bot", "--agent-version", "1.6.0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--config-digest");
    }
}
