package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.incident.DemotionRules;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import dev.warden.server.config.MaturityConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code maturity:} section and the reason a seed agent's starting level above intern needs. */
class MaturityConfigTest {
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

    @Test
    void noSection_givesTheMaturityModelsRules() {
        assertThat(MaturityConfigLoader.load(config)).isEqualTo(DemotionRules.DEFAULT);
        assertThat(DemotionRules.DEFAULT).isEqualTo(new DemotionRules(true, 3, Duration.ofDays(30)));
    }

    @Test
    void theRulesCanBeChanged_orTurnedOff() throws IOException {
        append("\nmaturity:\n  demotion:\n    critical_incident: none\n    minor_incidents: 5\n    evaluation_days: 90\n"
                + "    on_identity_change: demote\n");
        ConfigLoader.load(config);
        assertThat(MaturityConfigLoader.load(config)).isEqualTo(new DemotionRules(false, 5, Duration.ofDays(90), true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "critical_incident: junior|must be intern or none",
            "minor_incidents: -1|minor_incidents",
            "evaluation_days: 0|evaluation_days",
            "on_identity_change: kill|must be review or demote",
            "demote_on: anything|demote_on"})
    void aBadValue_stopsStartupAtItsLine(String entry, String message) throws IOException {
        append("\nmaturity:\n  demotion:\n    " + entry + "\n");
        int line = TestServer.lineOf(config.resolve("warden.yaml"), entry.substring(0, entry.indexOf(':')));
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + line + ":").hasMessageContaining(message);
    }

    @Test
    void aSeedAgentAboveIntern_withoutALevelReason_stopsStartupAtItsLevel() throws IOException {
        Path yaml = config.resolve("warden.yaml");
        String text = Files.readString(yaml);
        Files.writeString(yaml, text.replaceFirst("\n    level_reason: [^\n]*", ""));
        int line = TestServer.lineOf(yaml, "level: senior");
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + line + ":").hasMessageContaining("level_reason");
    }
}
