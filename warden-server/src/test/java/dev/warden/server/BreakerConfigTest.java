package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.breaker.BreakerConfig;
import dev.warden.breaker.BreakerSettings;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code breakers:} section of warden.yaml: defaults, overrides that inherit, and bad values stopping startup at their line. */
class BreakerConfigTest {
    private static final String SECTION = """

            breakers:
              defaults:
                failure_rate_threshold: 40
                window: 60 seconds
                minimum_calls: 5
                open_seconds: 20
                half_open_calls: 2
              tools:
                refund.process:
                  failure_rate_threshold: 10
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
    void noSection_givesTheDefaults() {
        assertThat(ConfigLoader.load(config).breakers()).isEqualTo(BreakerConfig.DEFAULTS);
    }

    @Test
    void section_setsTheDefaults_andAToolOverrideInheritsWhatItLeavesOut() throws IOException {
        append(SECTION);

        BreakerConfig b = ConfigLoader.load(config).breakers();

        assertThat(b.defaults()).isEqualTo(new BreakerSettings(40, 60, BreakerSettings.WindowUnit.SECONDS, 5,
                Duration.ofSeconds(20), 2));
        assertThat(b.forTool("refund.process")).isEqualTo(new BreakerSettings(10, 60, BreakerSettings.WindowUnit.SECONDS, 5,
                Duration.ofSeconds(20), 2));
        assertThat(b.forTool("inventory.read")).isEqualTo(b.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "negative threshold | failure_rate_threshold: 40 | failure_rate_threshold: -5 | must be between 1 and 100",
        "threshold over 100% | failure_rate_threshold: 40 | failure_rate_threshold: 150 | must be between 1 and 100",
        "unknown unit | window: 60 seconds | window: 60 minutes | window unit must be calls or seconds",
        "no unit | window: 60 seconds | window: 60 | must be a count and a unit",
        "negative window | window: 60 seconds | window: -3 calls | must be a count and a unit",
        "zero open time | open_seconds: 20 | open_seconds: 0 | must be between 1 and 86400",
        "negative minimum | minimum_calls: 5 | minimum_calls: -1 | must be between 1 and 100000",
        "unknown key | half_open_calls: 2 | half_open_probes: 2 | unknown key",
        "unknown tool | refund.process: | refund.proces: | 'refund.proces' is not a tool",
    })
    void badValue_stopsStartup_namingFileAndLine(String what, String from, String to, String message) throws IOException {
        append(SECTION.replace(from, to));
        int line = lineOf(to);

        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + line + ": breakers.")
                .hasMessageContaining(message);
    }

    @Test
    void anUpstreamOverride_withoutSuchAnUpstream_stopsStartup() throws IOException {
        append(SECTION + "  upstreams:\n    files:\n      open_seconds: 5\n");

        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + lineOf("    files:") + ": breakers.upstreams.files")
                .hasMessageContaining("'files' is not an upstream");
    }

    @Test
    void anUnknownKeyOfTheSection_stopsStartup() throws IOException {
        append("\nbreakers:\n  default:\n    open_seconds: 5\n");

        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + lineOf("  default:") + ": breakers.default: unknown key");
    }
}
