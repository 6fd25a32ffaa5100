package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden agent kill | quarantine | restore} and their effect on decisions (own server). */
class KillSwitchTest {
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

    private static String key() {
        return warden.seedKey("support-bot").toString();
    }

    private static String decisionWithToken(String token) {
        Cli.Result r = Cli.run("decide", "--token", token, "--url", warden.url(),
                "--action", "inventory.read", "--args", "{\"sku\":\"A-1\"}");
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.json().get("decision").asText();
    }

    @Test
    void quarantineThenRestoreThenKill() {
        String token = Cli.run("agent", "token", "--key", key()).out().strip();
        assertThat(decisionWithToken(token)).isEqualTo("allow");

        Cli.Result quarantine = warden.operator("agent", "quarantine", "support-bot", "--reason", "odd behaviour");
        assertThat(quarantine.exit()).as(quarantine.toString()).isZero();
        assertThat(quarantine.json().get("status").asText()).isEqualTo("quarantined");
        assertThat(decisionWithToken(token)).isEqualTo("deny");

        Cli.Result restore = warden.operator("agent", "restore", "support-bot");
        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(restore.json().get("status").asText()).isEqualTo("active");
        assertThat(decisionWithToken(token)).isEqualTo("allow");

        Cli.Result kill = warden.operator("agent", "kill", "support-bot", "--reason", "incident 42");
        assertThat(kill.exit()).as(kill.toString()).isZero();
        assertThat(kill.json().get("status").asText()).isEqualTo("killed");

        // the token held before the kill is revoked: every decision is denied
        assertThat(decisionWithToken(token)).isEqualTo("deny");
        // and no new token is issued to a killed agent
        Cli.Result decide = Cli.run("decide", "--key", key(), "--action", "inventory.read", "--args", "{\"sku\":\"A-1\"}");
        assertThat(decide.exit()).isEqualTo(1);
        assertThat(decide.err()).startsWith("warden: agent_not_active: ");
        Cli.Result newToken = Cli.run("agent", "token", "--key", key());
        assertThat(newToken.exit()).isEqualTo(1);
        assertThat(newToken.out()).isEmpty();

        Cli.Result audit = warden.operator("audit", "entries", "--agent", "support-bot", "--kind", "agent.killed");
        assertThat(audit.exit()).as(audit.toString()).isZero();
        assertThat(audit.out()).contains("incident 42");

        // restored: fresh tokens work again, the old one stays revoked
        assertThat(warden.operator("agent", "restore", "support-bot").exit()).isZero();
        assertThat(decisionWithToken(token)).isEqualTo("deny");
        Cli.Result fresh = Cli.run("decide", "--key", key(), "--action", "inventory.read", "--args", "{\"sku\":\"A-1\"}");
        assertThat(fresh.exit()).as(fresh.toString()).isZero();
        assertThat(fresh.json().get("decision").asText()).isEqualTo("allow");
    }

    @Test
    void restoreTakesALevelAtOrBelowTheOneTheAgentHad() {
        Cli.Result kill = warden.operator("agent", "kill", "support-bot", "--reason", "drill");
        assertThat(kill.exit()).as(kill.toString()).isZero();
        String had = kill.json().get("level").asText();

        Cli.Result promote = warden.operator("agent", "restore", "support-bot", "--level", "principal");
        assertThat(promote.exit()).isEqualTo(1);
        assertThat(promote.err()).startsWith("warden: invalid_field: level");
        Cli.Result typo = warden.operator("agent", "restore", "support-bot", "--level", "boss");
        assertThat(typo.exit()).isNotZero();
        assertThat(typo.err()).contains("--level");

        Cli.Result restore = warden.operator("agent", "restore", "support-bot", "--level", "intern", "--reason", "drill over");
        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(restore.json().get("status").asText()).isEqualTo("active");
        assertThat(restore.json().get("level").asText()).isEqualTo("intern");
        assertThat(warden.operator("agent", "level", "support-bot", had, "--reason", "drill over").exit()).isZero();
    }

    @Test
    void killingAnUnknownAgentFails() {
        Cli.Result r = warden.operator("agent", "kill", "ghost");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: agent_not_found");
    }
}
