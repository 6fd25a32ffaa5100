package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.mcp.McpClientProcess;
import dev.warden.mcp.NodeFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code examples/mcp-gateway} configuration as shipped, with the two reference servers it
 * fronts (installed from the same npm versions as the test fixture), driven by the official
 * TypeScript SDK client: reads allowed, writes held for approval, anything outside the sandbox
 * denied - what the example's README promises.
 */
@ExtendWith(NodeFixture.class)
class McpExampleTest {
    static final Path EXAMPLE = Path.of("..", "examples", "mcp-gateway");
    static final Duration T = Duration.ofSeconds(30);
    @TempDir
    static Path tmp;
    static TestServer s;
    static String mcp;

    @BeforeAll
    static void start() throws Exception {
        Path config = tmp.resolve("mcp-gateway");
        copy(EXAMPLE, config);
        Files.createSymbolicLink(config.resolve("node_modules"), NodeFixture.dir().resolve("node_modules").toAbsolutePath());
        s = new TestServer(config, tmp.resolve("data"), Clock.systemUTC());
        mcp = s.server.url() + "/mcp";
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
    }

    /** Copies the example's files (not an installed node_modules, nor a sandbox changed by earlier runs). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(p -> !from.relativize(p).startsWith("node_modules")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void readsAreAllowed_writesHeldForApproval_andPathsOutsideTheSandboxDenied() throws Exception {
        try (McpClientProcess c = McpClientProcess.start(mcp, s.token("desk-agent"), McpGatewayTest.steps(
                Map.of("op", "list"),
                Map.of("op", "call", "name", "fs.list_directory", "args", Map.of("path", ".")),
                Map.of("op", "call", "name", "fs.read_text_file", "args", Map.of("path", "/etc/passwd")),
                Map.of("op", "call", "name", "fs.read_text_file", "args", Map.of("path", "notes/../../warden.yaml")),
                Map.of("op", "call", "name", "everything.echo", "args", Map.of("message", "hello")),
                Map.of("op", "call", "name", "fs.write_file", "args", Map.of("path", "notes/from-test.md", "content", "hi"))))) {
            @SuppressWarnings("unchecked")
            List<String> tools = (List<String>) c.step(0, T).get("tools");
            assertThat(tools).contains("fs.list_directory", "fs.write_file", "everything.echo");
            assertThat(McpGatewayTest.text(c.step(1, T))).contains("notes");
            for (int i : new int[] {2, 3}) {
                Map<String, Object> denied = c.step(i, T);
                assertThat(McpGatewayTest.isError(denied)).isTrue();
                assertThat(McpGatewayTest.text(denied)).contains("Denied by Warden", "fs-stay-in-sandbox").doesNotContain("root:");
            }
            assertThat(McpGatewayTest.text(c.step(4, T))).contains("hello");

            // the write waits for an operator; once approved it runs
            String approval = s.pendingApproval("fs.write_file", T);
            assertThat(s.post("/v1/approvals/" + approval + "/approve", TestServer.ADMIN, "{\"note\":\"ok\"}").status()).isEqualTo(200);
            Map<String, Object> written = c.step(5, T);
            assertThat(McpGatewayTest.isError(written)).as("%s", written).isFalse();
        }
        assertThat(Files.readString(tmp.resolve("mcp-gateway/sandbox/notes/from-test.md"))).isEqualTo("hi");
    }
}
