package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden kill --agent | --owner | --project | --all --reason R} against a real server (own server). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScopedKillCommandTest {
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

    @Test
    @Order(1)
    void usageErrors_exitTwoAndNothingKilled() {
        Cli.Result none = warden.operator("kill", "--reason", "r");
        assertThat(none.exit()).as(none.toString()).isEqualTo(2);
        Cli.Result two = warden.operator("kill", "--owner", "a", "--all", "--reason", "r");
        assertThat(two.exit()).as(two.toString()).isEqualTo(2);
        assertThat(two.err()).contains("mutually exclusive");
        Cli.Result noReason = warden.operator("kill", "--all");
        assertThat(noReason.exit()).as(noReason.toString()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");
        Cli.Result unknown = warden.operator("kill", "--agent", "ghost", "--reason", "r");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("warden: agent_not_found");
        assertThat(warden.operator("agent", "get", "support-bot").json().get("status").asText()).isEqualTo("active");
    }

    @Test
    @Order(2)
    void killByOwner_killsItsAgentsThenReportsThemAlreadyKilled() {
        Cli.Result other = warden.operator("kill", "--owner", "nobody@example.com", "--reason", "r");
        assertThat(other.exit()).as(other.toString()).isZero();
        assertThat(other.json().get("killed")).isEmpty();

        Cli.Result kill = warden.operator("kill", "--owner", "alice@example.com", "--reason", "incident 43");
        assertThat(kill.exit()).as(kill.toString()).isZero();
        assertThat(kill.json().get("killed").toString()).isEqualTo("[\"support-bot\"]");
        assertThat(warden.operator("agent", "get", "support-bot").json().get("status").asText()).isEqualTo("killed");

        Cli.Result all = warden.operator("kill", "--all", "--reason", "again");
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.json().get("killed")).isEmpty();
        assertThat(all.json().get("already_killed").toString()).isEqualTo("[\"support-bot\"]");

        Cli.Result audit = warden.operator("audit", "entries", "--agent", "support-bot", "--kind", "agent.killed");
        assertThat(audit.out()).contains("incident 43").contains("alice@example.com");
    }
}
