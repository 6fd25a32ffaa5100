package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.Compensation;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import dev.warden.server.config.WardenConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code compensate_with} in tools.yaml: loaded into the catalog, and every mistake named with file and line. */
class CompensationConfigTest {
    @TempDir
    Path config;

    @BeforeEach
    void copyQuickstart() throws IOException {
        try (Stream<Path> files = Files.walk(TestServer.QUICKSTART)) {
            for (Path p : files.toList()) {
                Path target = config.resolve(TestServer.QUICKSTART.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private void replace(String from, String to) throws IOException {
        Path p = config.resolve("tools.yaml");
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    private int lineOf(String needle) throws IOException {
        List<String> lines = Files.readAllLines(config.resolve("tools.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in tools.yaml");
    }

    @Test
    void quickstart_refundProcess_isCompensatedByRefundReverse() {
        WardenConfig c = ConfigLoader.load(config);
        Compensation comp = c.catalog().find("refund.process").orElseThrow().compensateWith().orElseThrow();
        assertThat(comp.tool()).isEqualTo("refund.reverse");
        assertThat(comp.argumentsFor(Map.of("order_id", "o-1", "amount", 12L)))
                .containsExactly(Map.entry("order_id", "o-1"), Map.entry("amount", 12L), Map.entry("reason", "rollback"));
        assertThat(c.catalog().find("refund.reverse").orElseThrow().compensateWith()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "unknown tool          | tool: refund.reverse   | tool: refund.undo         | tool: refund.undo         | 'refund.undo' is not a tool in tools.yaml",
            "itself                | tool: refund.reverse   | tool: refund.process      | tool: refund.process      | a tool cannot compensate itself",
            "unknown source arg    | amount: amount         | amount: total             | amount: total             | 'total' is not a property of the input_schema of 'refund.process'",
            "unknown target arg    | amount: amount         | sum: amount               | sum: amount               | 'sum' is not a property of the input_schema of 'refund.reverse'",
            "constant misfits      | reason: {value: rollback} | reason: {value: 7}     | reason: {value: 7}        | the constant does not fit 'refund.reverse'",
            "unknown key           | tool: refund.reverse   | tool: refund.reverse\\n      undo: true | undo: true | unknown key",
            "constant unknown key  | reason: {value: rollback} | reason: {val: rollback} | reason: {val: rollback} | unknown key",
            "required not mapped   | amount: amount\\n        currency: currency | currency: currency | order_id: order_id | 'amount' is required by the input_schema of 'refund.reverse' but not mapped",
    })
    void badCompensation_stopsLoadingNamingFileAndLine(String name, String from, String to, String lineNeedle, String message)
            throws IOException {
        replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        int line = lineOf(lineNeedle);
        assertThatThrownBy(() -> ConfigLoader.load(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tools.yaml:" + line + ":")
                .hasMessageContaining(message);
    }

    @Test
    void compensationAsAToolNameAlone_isRefusedShowingTheForm() throws IOException {
        replace("""
                    compensate_with:
                      tool: refund.reverse
                      args:
                        order_id: order_id
                        amount: amount
                        currency: currency
                        reason: {value: rollback}
                """, "    compensate_with: refund.reverse\n");
        assertThatThrownBy(() -> ConfigLoader.load(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tools.yaml:" + lineOf("compensate_with: refund.reverse") + ":")
                .hasMessageContaining("must be a mapping: {tool: <tool name>, args:");
    }

    @Test
    void compensationWithoutTool_isRefused() throws IOException {
        replace("      tool: refund.reverse\n", "");
        assertThatThrownBy(() -> ConfigLoader.load(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tools.yaml:" + lineOf("args:") + ":")
                .hasMessageContaining("tool: is required");
    }
}
