package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.mcp.NodeFixture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP gateway feeds the breaker of an upstream with the upstream errors it sees: once the
 * upstream (a real Streamable HTTP server) is gone and its breaker opens, calls to its tools are
 * denied circuit_open and nothing is forwarded, until an operator resets it.
 */
@ExtendWith(NodeFixture.class)
class McpBreakerTest {
    @TempDir
    Path tmp;
    EchoUpstream echo;
    TestServer s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    private Path config(int port) throws Exception {
        Path dir = tmp.resolve("config");
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("warden.yaml"), """
                trust_domain: warden.local
                projects:
                  lab: [test]
                mcp:
                  default_tool: {effects: [write], risk: high}
                  upstreams:
                    - name: remote
                      url: http://127.0.0.1:%d/mcp
                      request_timeout_seconds: 5
                breakers:
                  upstreams:
                    remote:
                      window: 2 calls
                      minimum_calls: 2
                      open_seconds: 600
                      half_open_calls: 1
                agents:
                  - {name: bot, owner: alice@example.com, purpose: breaker tests, capabilities: ["remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                """.formatted(port));
        Files.writeString(dir.resolve("tools.yaml"), """
                tools:
                  - name: remote.echo
                    effects: [read]
                    risk: low
                """);
        Files.writeString(dir.resolve("policies").resolve("reads.cedar"), """
                @id("reads")
                permit(principal, action in Action::"effect:read", resource);
                """);
        return dir;
    }

    @SuppressWarnings("unchecked")
    private String upstreamState() {
        TestServer.Reply r = s.get("/v1/mcp/upstreams", TestServer.ADMIN);
        return ((List<Map<String, Object>>) r.get("upstreams")).stream().filter(u -> "remote".equals(u.get("name")))
                .map(u -> (String) u.get("state")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> breaker() {
        List<Map<String, Object>> all = (List<Map<String, Object>>) s.get("/v1/breakers", TestServer.ADMIN).get("breakers");
        return all.stream().filter(b -> "remote".equals(b.get("upstream"))).findFirst().orElseThrow();
    }

    @Test
    void upstreamGone_opensItsBreaker_thenCallsAreDeniedCircuitOpenWithoutReachingIt_untilAnOperatorResets() throws Exception {
        echo = EchoUpstream.start();
        int port = echo.port();
        s = new TestServer(config(port), tmp.resolve("data"), Clock.systemUTC());
        McpHttp http = new McpHttp(s.server.url() + "/mcp");
        String token = s.token("bot");
        String session = http.openSession(token);
        assertThat(McpHttp.text(http.call(token, session, "remote.echo", Map.of("message", "one")))).isEqualTo("one");

        echo.stop();
        String failed = http.call(token, session, "remote.echo", Map.of("message", "two")).body();
        assertThat(failed).contains("isError").doesNotContain("circuit_open");
        HttpResponse<String> denied = http.call(token, session, "remote.echo", Map.of("message", "three"));

        assertThat(denied.body()).contains("circuit_open").contains("upstream 'remote'").contains("retry_after_ms");
        assertThat(breaker()).containsEntry("state", "open").containsEntry("failed_calls", 1L);

        // the upstream is back, but the open breaker still keeps calls from it
        echo = EchoUpstream.start(false, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"up".equals(upstreamState()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(upstreamState()).isEqualTo("up");
        assertThat(http.call(token, session, "remote.echo", Map.of("message", "four")).body()).contains("circuit_open");

        TestServer.Reply reset = s.post("/v1/breakers/reset", TestServer.ADMIN, "{\"upstream\":\"remote\"}");
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(McpHttp.text(http.call(token, session, "remote.echo", Map.of("message", "five")))).isEqualTo("five");
        String audit = s.getText("/v1/audit/entries?kind=breaker.transition&limit=100", TestServer.ADMIN).body();
        assertThat(audit).contains("\"upstream\":\"remote\"").contains("\"to\":\"open\"").contains("\"trigger\":\"operator\"");
    }
}
