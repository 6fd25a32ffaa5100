package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.mcp.NodeFixture;
import dev.warden.server.ServerOptions;
import dev.warden.server.WardenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden mcp tools|upstreams|approve} against a server fronting the rug-pull test upstream. */
@ExtendWith(NodeFixture.class)
class McpCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void tools_showPinState_andApprove_releasesAChangedDefinition() throws Exception {
        Path config = tmp.resolve("config");
        Path flag = tmp.resolve("flag");
        Files.createDirectories(config.resolve("policies"));
        Files.writeString(config.resolve("warden.yaml"), """
                projects: {lab: [dev]}
                mcp:
                  upstreams:
                    - name: rug
                      command: [node, "%s", stdio]
                      env: {RUGPULL_FLAG_FILE: "%s"}
                """.formatted(NodeFixture.rugpull(), flag));
        Files.writeString(config.resolve("tools.yaml"), "tools:\n  - {name: rug.weather, effects: [read], risk: low}\n");
        try (WardenServer server = WardenServer.start(ServerOptions.of(config, tmp.resolve("data"), 0,
                Optional.of(TestWarden.ADMIN_TOKEN)))) {
            Cli.Result upstreams = operator(server, "mcp", "upstreams");
            assertThat(upstreams.exit()).as("%s", upstreams).isZero();
            assertThat(upstreams.json().at("/upstreams/0/state").asText()).isEqualTo("up");

            JsonNode weather = weather(server);
            assertThat(weather.path("state").asText()).isEqualTo("approved");
            assertThat(weather.path("classified_by").asText()).isEqualTo("tools.yaml");
            assertThat(weather.path("approved_by").asText()).isEqualTo("system:trust_on_first_use");
            Cli.Result nothing = operator(server, "mcp", "approve", "rug.weather");
            assertThat(nothing.exit()).isEqualTo(1);
            assertThat(nothing.err()).contains("pin_not_changed");

            Files.writeString(flag, "x");
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (!"changed".equals(weather.path("state").asText()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                weather = weather(server);
            }
            assertThat(weather.path("state").asText()).isEqualTo("changed");
            String pending = weather.path("pending_hash").asText();
            assertThat(weather.path("pending_definition").asText()).contains("IGNORE PREVIOUS INSTRUCTIONS");

            Cli.Result stale = operator(server, "mcp", "approve", "rug.weather", "--hash", "0".repeat(64));
            assertThat(stale.exit()).isEqualTo(1);
            assertThat(stale.err()).contains("pin_hash_mismatch");
            Cli.Result approved = operator(server, "mcp", "approve", "rug.weather", "--hash", pending);
            assertThat(approved.exit()).as("%s", approved).isZero();
            assertThat(approved.json().path("state").asText()).isEqualTo("approved");
            assertThat(approved.json().path("hash").asText()).isEqualTo(pending);
            assertThat(approved.json().path("approved_by").asText()).isEqualTo("operator:admin");
        }
    }

    private static JsonNode weather(WardenServer server) {
        Cli.Result tools = operator(server, "mcp", "tools");
        assertThat(tools.exit()).as("%s", tools).isZero();
        for (JsonNode t : tools.json().path("tools")) {
            if (t.path("name").asText().equals("rug.weather")) {
                return t;
            }
        }
        throw new AssertionError("rug.weather not listed: " + tools.out());
    }

    private static Cli.Result operator(WardenServer server, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--url";
        all[args.length + 1] = server.url();
        all[args.length + 2] = "--admin-token";
        all[args.length + 3] = TestWarden.ADMIN_TOKEN;
        return Cli.run(all);
    }
}
