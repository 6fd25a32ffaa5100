package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.behavior.AnomalySeverity;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The {@code behavior:} section of warden.yaml: the shipped seed table, overrides, and bad values stopping startup at their line. */
class BehaviorConfigTest {
    @TempDir
    Path tmp;
    Path config;

    @BeforeEach
    void copyQuickstart() throws IOException {
        config = TestServer.quickstartCopy(tmp.resolve("config"));
    }

    /** Replaces the quickstart's behavior section (its last) with {@code yaml}. */
    private void section(String yaml) throws IOException {
        Path file = config.resolve("warden.yaml");
        String text = Files.readString(file);
        int at = text.indexOf("\nbehavior:");
        Files.writeString(file, text.substring(0, at + 1) + yaml);
    }

    private int lineOf(String needle) throws IOException {
        return TestServer.lineOf(config.resolve("warden.yaml"), needle);
    }

    @Test
    void theQuickstart_shipsTheSeedTable_whichIsTheDefault() throws IOException {
        assertThat(ConfigLoader.load(config).behavior()).isEqualTo(BehaviorConfig.DEFAULTS);
        // the gateway example ships the same section (loading it whole needs its upstreams installed)
        String quickstart = Files.readString(TestServer.QUICKSTART.resolve("warden.yaml"));
        String gateway = Files.readString(Path.of("..", "examples", "mcp-gateway", "warden.yaml"));
        assertThat(gateway.substring(gateway.indexOf("\n# Behaviour monitoring")))
                .isEqualTo(quickstart.substring(quickstart.indexOf("\n# Behaviour monitoring")));
    }

    @Test
    void noSection_givesTheDefaults() throws IOException {
        section("");
        assertThat(ConfigLoader.load(config).behavior()).isEqualTo(BehaviorConfig.DEFAULTS);
    }

    @Test
    void overrides_inheritWhatTheyLeaveOut() throws IOException {
        section("""
                behavior:
                  learning: {days: 3, operations: 500}
                  detectors:
                    error_rate: {threshold: 0.25}
                    off_hours: {enabled: false}
                """);
        BehaviorConfig b = ConfigLoader.load(config).behavior();
        assertThat(b.learningPeriod()).isEqualTo(Duration.ofDays(3));
        assertThat(b.learningOperations()).isEqualTo(500);
        assertThat(b.detector("error_rate").threshold()).isEqualTo(0.25);
        assertThat(b.detector("error_rate").severity()).isEqualTo(AnomalySeverity.CRITICAL);
        assertThat(b.detector("error_rate").minSample()).isEqualTo(10);
        assertThat(b.detector("off_hours").enabled()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "volume_spikes: {threshold: 2}|volume_spikes:|behavior.detectors.volume_spikes|unknown detector 'volume_spikes'",
            "error_rate: {threshold: 1.5}|{threshold: 1.5}|behavior.detectors.error_rate.threshold|share",
            "error_rate: {threshold: -0.1}|{threshold: -0.1}|behavior.detectors.error_rate.threshold|must be >= 0",
            "volume_spike: {threshold: 0.5}|{threshold: 0.5}|behavior.detectors.volume_spike.threshold|ratio",
            "deny_spike: {threshold: many}|{threshold: many}|behavior.detectors.deny_spike.threshold|must be a number",
            "deny_spike: {severity: huge}|{severity: huge}|behavior.detectors.deny_spike.severity|minor, major or critical",
            "deny_spike: {enabled: yes please}|{enabled: yes please}|behavior.detectors.deny_spike.enabled|true or false",
            "deny_spike: {window_seconds: 0}|{window_seconds: 0}|behavior.detectors.deny_spike.window_seconds|between 1 and 3600",
            "deny_spike: {sigma: 3}|{sigma: 3}|behavior.detectors.deny_spike|unknown key"})
    void badDetectorSettings_stopStartup_atTheirLine(String line, String needle, String path, String message)
            throws IOException {
        section("behavior:\n  detectors:\n    " + line + "\n");
        int at = lineOf(needle);
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + at + ": " + path)
                .hasMessageContaining(message);
    }

    @Test
    void unknownKeys_andImpossibleLearning_stopStartup() throws IOException {
        section("behavior:\n  learn: {days: 3}\n");
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + lineOf("  learn:")).hasMessageContaining("unknown key");
        section("behavior:\n  learning: {days: -1}\n");
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + lineOf("  learning:") + ": behavior.learning.days")
                .hasMessageContaining("between 0 and 30");
    }
}
