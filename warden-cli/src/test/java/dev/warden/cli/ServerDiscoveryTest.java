package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code warden up --port N} the operator commands find that server without {@code --url}
 * or {@code WARDEN_URL}: {@code up} writes its URL into the data directory beside the operator
 * token and says how to point the CLI and curl at it; when the server does not answer, the error
 * names where the URL came from and {@code --url} and {@code WARDEN_URL}.
 */
class ServerDiscoveryTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void noEnvironmentOverrides() {
        assumeTrue(System.getenv("WARDEN_URL") == null, "WARDEN_URL is set: it would choose the server");
        assumeTrue(System.getenv("WARDEN_ADMIN_TOKEN") == null, "WARDEN_ADMIN_TOKEN is set: it would be the token");
    }

    @Test
    void operatorCommandsFindTheServerUpStartedOnAnotherPort() throws Exception {
        Path data = tmp.resolve("my data"); // a space, as in a checkout under "My Projects"
        String url;
        try (UpProcess up = UpProcess.start("--config", TestWarden.QUICKSTART.toString(), "--data-dir", data.toString(),
                "--port", "0")) {
            assertThat(up.awaitServing()).as(up.out()).isTrue();
            Matcher m = Pattern.compile("Warden is running at (http://127\\.0\\.0\\.1:\\d+)\n").matcher(up.out());
            assertThat(m.find()).as(up.out()).isTrue();
            url = m.group(1);
            assertThat(up.out()).as("the banner says how to reach the server")
                    .contains("  ./warden agent list --data-dir '" + data.toAbsolutePath().normalize() + "'\n")
                    .contains("curl -s $WARDEN_URL/v1/agents -H \"Authorization: Bearer $WARDEN_ADMIN_TOKEN\"\n");
            Matcher export = Pattern.compile("\n  (export WARDEN_URL=.*)\n").matcher(up.out());
            assertThat(export.find()).as(up.out()).isTrue();
            assertThat(bash(export.group(1) + "; printf '%s %s' \"$WARDEN_URL\" \"$WARDEN_ADMIN_TOKEN\""))
                    .as("the printed export line, run by a shell")
                    .isEqualTo(url + " " + Files.readString(data.resolve("admin.token")).strip());

            Cli.Result list = Cli.run("agent", "list", "--data-dir", data.toString());
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).contains("support-bot");

            Path key = tmp.resolve("faq-bot.key.json");
            Cli.Result register = Cli.run("agent", "register", "--name", "faq-bot", "--owner", "you@example.com",
                    "--purpose", "Answers stock questions", "--capability", "inventory.read", "--agent-version", "1.0.0",
                    "--config-digest", "sha256:1234", "--project", "shop", "--environment", "prod",
                    "--key-out", key.toString(), "--data-dir", data.toString());
            assertThat(register.exit()).as(register.toString()).isZero();
            JsonNode keyFile = CliJson.parse(Files.readString(key));
            assertThat(keyFile.get("warden_url").asText()).as("the key file names the server it was registered with")
                    .isEqualTo(url);

            UpProcess.Run stopped = up.stop();
            assertThat(stopped.exit()).as(stopped.toString()).isNotEqualTo(-1);
        }
        assertThat(data.resolve("server.url")).as("a stopped server withdraws its URL").doesNotExist();
    }

    private static String bash(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void aUrlFileWhoseServerIsGoneIsNamedInTheError() throws IOException {
        String dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = "http://127.0.0.1:" + s.getLocalPort();
        }
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("server.url"), dead + "\n");

        Cli.Result r = Cli.run("agent", "list", "--data-dir", data.toString(), "--admin-token", "x".repeat(20));

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("warden: cannot reach Warden at " + dead + " (from " + data.resolve("server.url")
                + ", written by 'warden up'): is it running? Start it with ./warden up, or point the CLI at the running"
                + " server with --url URL or WARDEN_URL=URL\n");
    }
}
