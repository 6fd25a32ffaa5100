package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden agent promote NAME --to LEVEL}: a refusal lists every failing check and exits 3; bad input exits 2 or 1. */
class PromoteCommandTest {
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
    void aRefusedPromotion_listsEachFailingCheck_andExits3_theAgentStaysWhereItIs() {
        Cli.Result r = warden.operator("agent", "promote", "support-bot", "--to", "principal", "--reason", "it has been good");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("support-bot NOT promoted: ")
                .contains("[FAIL] performance.time_at_level: ")
                .contains("[FAIL] controls.rollback: ");
        assertThat(warden.operator("agent", "get", "support-bot").json().get("level").asText()).isEqualTo("senior");
    }

    @Test
    void json_printsTheRefusal() {
        Cli.Result r = warden.operator("agent", "promote", "support-bot", "--to", "principal", "--reason", "x", "--json");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.json().get("error").asText()).isEqualTo("gates_not_passed");
        assertThat(r.json().get("failures").size()).isPositive();
    }

    @Test
    void skippingALevel_isTheServersInvalidField_andAnUnknownLevelIsAUsageError() {
        Cli.Result skip = warden.operator("agent", "promote", "support-bot", "--to", "senior", "--reason", "x");
        assertThat(skip.exit()).isEqualTo(1);
        assertThat(skip.err()).startsWith("warden: invalid_field: to: ");
        Cli.Result bad = warden.operator("agent", "promote", "support-bot", "--to", "boss", "--reason", "x");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--to");
    }
}
