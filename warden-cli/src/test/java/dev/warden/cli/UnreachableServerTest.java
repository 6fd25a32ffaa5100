package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors that need no server: nothing listening, bad URLs, help and usage. */
class UnreachableServerTest {
    static String deadUrl;

    @TempDir
    Path tmp;

    @BeforeAll
    static void freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            deadUrl = "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    private static void assertUnreachable(Cli.Result r) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        // names where the URL came from, and how to point the CLI at another server
        assertThat(r.err()).startsWith("warden: cannot reach Warden at " + deadUrl + " (")
                .endsWith("): is it running? Start it with ./warden up, or point the CLI at the running server"
                        + " with --url URL or WARDEN_URL=URL\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void operatorCommandExplainsThatWardenIsNotRunning() {
        assertUnreachable(Cli.run("agent", "list", "--url", deadUrl, "--admin-token", "x".repeat(20)));
        assertUnreachable(Cli.run("approvals", "list", "--url", deadUrl + "/", "--admin-token", "x".repeat(20)));
        assertUnreachable(Cli.run("audit", "entries", "--url", deadUrl, "--admin-token", "x".repeat(20)));
    }

    @Test
    void agentCommandsExplainThatWardenIsNotRunning() throws IOException {
        Path key = tmp.resolve("k.json");
        // a valid key file whose warden_url points nowhere
        dev.warden.cli.KeyFile.create(key, "a", dev.warden.server.token.SigningKey.withThumbprintId(
                dev.warden.server.token.SigningKey.generate(null), "a"), deadUrl);
        assertUnreachable(Cli.run("agent", "token", "--key", key.toString()));
        assertUnreachable(Cli.run("decide", "--key", key.toString(), "--action", "inventory.read"));
        assertUnreachable(Cli.run("decide", "--token", "t", "--url", deadUrl, "--action", "inventory.read"));
    }

    @Test
    void registerWritesNoKeyFileWhenWardenIsDown() {
        Path key = tmp.resolve("new.json");
        Cli.Result r = Cli.run("agent", "register", "--name", "n", "--owner", "o", "--purpose", "p",
                "--capability", "inventory.read", "--agent-version", "1", "--config-digest", "d", "--project", "shop",
                "--environment", "prod", "--key-out", key.toString(), "--url", deadUrl, "--admin-token", "x".repeat(20));
        assertUnreachable(r);
        assertThat(key).doesNotExist();
    }

    @Test
    void invalidUrlIsAUsageError() {
        Cli.Result r = Cli.run("agent", "list", "--url", "127.0.0.1:8470", "--admin-token", "x".repeat(20));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("warden: invalid Warden URL '127.0.0.1:8470'");

        Cli.Result ftp = Cli.run("agent", "list", "--url", "ftp://example.com", "--admin-token", "x".repeat(20));
        assertThat(ftp.exit()).isEqualTo(2);
    }

    @Test
    void emptyOperatorTokenFileIsExplained() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("WARDEN_ADMIN_TOKEN") == null);
        Files.writeString(tmp.resolve("admin.token"), "\n");
        Cli.Result r = Cli.run("agent", "list", "--url", deadUrl, "--data-dir", tmp.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("admin.token is empty");
    }

    @Test
    void helpDocumentsCommandsAndExitCodes() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("agent", "approvals", "audit", "decide", "outcome", "up", "Exit codes:");

        Cli.Result agentHelp = Cli.run("agent", "--help");
        assertThat(agentHelp.out()).contains("register", "token", "list", "get", "kill", "quarantine", "restore", "level");

        Cli.Result register = Cli.run("agent", "register", "--help");
        assertThat(register.out()).contains("--agent-version", "--key-out", "--capability", "Exit codes:");

        Cli.Result version = Cli.run("agent", "--version");
        assertThat(version.out()).contains("warden 0.1.0");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Cli.Result r = Cli.run("agent", "explode");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument");
    }
}
