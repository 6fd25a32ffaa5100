package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.behavior.AnomalySeverity;
import dev.warden.incident.ResponseAction;
import dev.warden.incident.ResponsePolicy;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code responses:} section of warden.yaml: the seed table by default, overrides per detector, bad values stopping startup at their line. */
class ResponsesConfigTest {
    private static final String SECTION = """

            responses:
              throttle_factor: 0.5
              detectors:
                volume_spike:
                  major: [throttle]
                  critical: [throttle, revoke_sessions, alert]
                off_hours:
                  major: [demote]
            """;

    @TempDir
    Path tmp;
    Path config;

    @BeforeEach
    void copyQuickstart() throws IOException {
        config = TestServer.quickstartCopy(tmp.resolve("config"));
    }

    private void append(String yaml) throws IOException {
        Files.writeString(config.resolve("warden.yaml"), Files.readString(config.resolve("warden.yaml")) + yaml);
    }

    private int lineOf(String needle) throws IOException {
        return TestServer.lineOf(config.resolve("warden.yaml"), needle);
    }

    @Test
    void noSection_givesTheSeedTable() {
        ResponsePolicy p = ConfigLoader.load(config).responses();

        assertThat(p).isEqualTo(ResponsePolicy.SEED);
        assertThat(p.responses("volume_spike", AnomalySeverity.MAJOR)).containsExactly(ResponseAction.THROTTLE, ResponseAction.ALERT);
        assertThat(p.responses("error_rate", AnomalySeverity.MAJOR)).contains(ResponseAction.QUARANTINE);
        assertThat(p.responses("access_pattern", AnomalySeverity.MAJOR)).containsExactly(ResponseAction.REQUIRE_APPROVAL);
        assertThat(p.responses("volume_spike", AnomalySeverity.MINOR)).isEmpty();
    }

    @Test
    void theQuickstartsCommentedSection_uncommented_isTheSeedTable() throws IOException {
        Path yaml = config.resolve("warden.yaml");
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String line : Files.readAllLines(yaml)) {
            in = in || line.equals("# responses:");
            out.append(in ? line.replaceFirst("^# ?", "") : line).append('\n');
        }
        Files.writeString(yaml, out.toString());

        assertThat(ConfigLoader.load(config).responses()).isEqualTo(ResponsePolicy.SEED);
    }

    @Test
    void aDetectorNamed_replacesItsSeedEntry_othersKeepTheirs() throws IOException {
        append(SECTION);

        ResponsePolicy p = ConfigLoader.load(config).responses();

        assertThat(p.throttleFactor()).isEqualTo(0.5);
        assertThat(p.responses("volume_spike", AnomalySeverity.MAJOR)).containsExactly(ResponseAction.THROTTLE);
        assertThat(p.responses("volume_spike", AnomalySeverity.CRITICAL))
                .containsExactly(ResponseAction.THROTTLE, ResponseAction.REVOKE_SESSIONS, ResponseAction.ALERT);
        assertThat(p.responses("off_hours", AnomalySeverity.MAJOR)).containsExactly(ResponseAction.DEMOTE);
        assertThat(p.responses("off_hours", AnomalySeverity.MINOR)).isEmpty();
        assertThat(p.responses("error_rate", AnomalySeverity.MAJOR)).contains(ResponseAction.QUARANTINE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "unknown response | major: [throttle] | major: [throttel] | unknown response 'throttel'",
        "zero throttle factor | throttle_factor: 0.5 | throttle_factor: 0 | must be greater than 0",
        "negative throttle factor | throttle_factor: 0.5 | throttle_factor: -2 | must be greater than 0",
        "throttle factor not a number | throttle_factor: 0.5 | throttle_factor: half | must be a number",
        "unknown severity | major: [demote] | severe: [demote] | unknown key",
        "bad detector id | off_hours: | Off-Hours: | unknown detector 'Off-Hours'",
        "unknown detector | off_hours: | of_hours: | unknown detector 'of_hours' (known: volume_spike",
        "response listed twice | major: [throttle] | major: [throttle, throttle] | listed twice",
        "not a list | major: [demote] | major: demote | must be a list",
    })
    void badValue_stopsStartup_namingFileAndLine(String what, String from, String to, String message) throws IOException {
        append(SECTION.replace(from, to));
        int line = lineOf(to);

        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + line + ": responses.")
                .hasMessageContaining(message);
    }
}
