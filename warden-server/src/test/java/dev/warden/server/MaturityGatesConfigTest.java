package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.agent.MaturityLevel;
import dev.warden.maturity.GateThresholds;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import dev.warden.server.config.MaturityConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code maturity: gates:}: the thresholds of promotion gate 1, by the level promoted to. */
class MaturityGatesConfigTest {
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
    void noSection_givesTheAtfDefaults_withTheBaselineMinimum() {
        Map<MaturityLevel, GateThresholds> gates = MaturityConfigLoader.gates(config, 1000);
        assertThat(gates).containsOnlyKeys(MaturityLevel.JUNIOR, MaturityLevel.SENIOR, MaturityLevel.PRINCIPAL);
        assertThat(gates.get(MaturityLevel.SENIOR)).isEqualTo(GateThresholds.defaults(MaturityLevel.SENIOR, 1000));
        assertThat(gates.get(MaturityLevel.JUNIOR).minTimeAtLevel()).isEqualTo(Duration.ofDays(14));
        assertThat(gates.get(MaturityLevel.PRINCIPAL).minAvailability()).isEqualTo(0.999);
    }

    @Test
    void aLevelsThresholds_canBeChanged_andTheOthersKeepTheirDefaults() throws IOException {
        append("\nmaturity:\n  gates:\n    senior:\n      min_days_at_level: 42\n      min_operations: 5000\n"
                + "      min_accuracy_percent: 97.5\n      min_availability_percent: 99.9\n      response_sla_seconds: 30\n");
        ConfigLoader.load(config);
        Map<MaturityLevel, GateThresholds> gates = MaturityConfigLoader.gates(config, 1000);
        assertThat(gates.get(MaturityLevel.SENIOR)).isEqualTo(new GateThresholds(MaturityLevel.SENIOR, Duration.ofDays(42), 5000,
                OptionalDouble.of(0.975), 0.999, Duration.ofSeconds(30), true));
        assertThat(gates.get(MaturityLevel.JUNIOR)).isEqualTo(GateThresholds.defaults(MaturityLevel.JUNIOR, 1000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "min_days_at_level: -1|min_days_at_level",
            "min_accuracy_percent: 101|min_accuracy_percent",
            "min_availability_percent: high|must be a number",
            "response_sla_seconds: 0|response_sla_seconds",
            "min_speed: 3|min_speed"})
    void aBadValue_stopsStartupAtItsLine(String entry, String message) throws IOException {
        append("\nmaturity:\n  gates:\n    senior:\n      " + entry + "\n");
        int line = TestServer.lineOf(config.resolve("warden.yaml"), entry.substring(0, entry.indexOf(':')));
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + line + ":").hasMessageContaining(message);
    }

    @Test
    void anInternTarget_isRejectedAtItsLine() throws IOException {
        append("\nmaturity:\n  gates:\n    intern:\n      min_days_at_level: 1\n");
        int line = TestServer.lineOf(config.resolve("warden.yaml"), "intern:");
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + line + ":").hasMessageContaining("intern");
    }
}
