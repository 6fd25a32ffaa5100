package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.mcp.NodeFixture;
import dev.warden.mcp.Poll;
import dev.warden.testing.MutableClock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP session limits against a real Streamable HTTP upstream (the echo server): the per-agent cap
 * on open sessions, and idle sessions ended on Warden's clock (moved forward by the test), upstream
 * sessions included.
 */
@ExtendWith(NodeFixture.class)
class McpSessionLimitsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int CAP = 3;
    static final int IDLE_SECONDS = 600;
    @TempDir
    static Path tmp;
    static MutableClock clock;
    static TestServer s;
    static McpHttp http;
    static EchoUpstream echo;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoUpstream.start();
        Path config = tmp.resolve("config");
        Files.createDirectories(config.resolve("policies"));
        Files.writeString(config.resolve("warden.yaml"), """
                trust_domain: warden.local
                projects:
                  lab: [test]
                mcp:
                  session_idle_timeout_seconds: %d
                  max_sessions_per_agent: %d
                  upstreams:
                    - name: remote
                      url: http://127.0.0.1:%d/mcp
                agents:
                  - {name: capped-bot, owner: alice@example.com, purpose: MCP session limits, capabilities: ["remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: idle-bot, owner: alice@example.com, purpose: MCP session limits, capabilities: ["remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                """.formatted(IDLE_SECONDS, CAP, echo.port()));
        Files.writeString(config.resolve("tools.yaml"), """
                tools:
                  - {name: remote.echo, effects: [read], risk: low}
                  - {name: remote.session, effects: [read], risk: low}
                """);
        Files.writeString(config.resolve("policies").resolve("mcp.cedar"), """
                @id("reads")
                permit(principal, action in Action::"effect:read", resource);
                """);
        clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        s = new TestServer(config, tmp.resolve("data"), clock);
        http = new McpHttp(s.server.url() + "/mcp");
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void anAgentCannotOpenMoreSessionsThanTheCap_untilItEndsOne() throws Exception {
        String token = s.token("capped-bot");
        List<String> open = new java.util.ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            open.add(http.openSession(token));
        }
        HttpResponse<String> refused = initialize(token);
        assertThat(refused.statusCode()).isEqualTo(429);
        Map<?, ?> error = JSON.readValue(refused.body(), Map.class);
        assertThat(error.get("error")).isEqualTo("too_many_sessions");
        assertThat((String) error.get("message")).contains("capped-bot").contains("3").contains("mcp.max_sessions_per_agent");
        // the refused initialize created nothing: the open sessions still work
        assertThat(echoIn(token, open.getFirst())).isEqualTo("still here");

        // nor does an initialize sent as a JSON-RPC batch
        HttpResponse<String> batch = http.post(token, null, """
                [{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},
                  "clientInfo":{"name":"raw","version":"1"}}}]""");
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(batch.headers().firstValue("Mcp-Session-Id")).isEmpty();

        assertThat(http.delete(token, open.getFirst())).isEqualTo(200);
        assertThat(initialize(token).statusCode()).isEqualTo(200);
        assertThat(initialize(token).statusCode()).isEqualTo(429);
    }

    @Test
    void aSessionIdleForLongerThanTheTimeout_isEnded_withItsUpstreamSession_whileAnActiveOneStays() throws Exception {
        String token = s.token("idle-bot");
        String quiet = http.openSession(token);
        String busy = http.openSession(token);
        String upQuiet = (String) http.upstreamSession(token, quiet).get("session");
        String upBusy = (String) http.upstreamSession(token, busy).get("session");

        clock.advance(Duration.ofSeconds(IDLE_SECONDS / 2 + 1));
        token = s.token("idle-bot"); // access tokens are short-lived on this clock too
        assertThat(echoIn(token, busy)).isEqualTo("still here");
        clock.advance(Duration.ofSeconds(IDLE_SECONDS / 2 + 1)); // quiet: idle for just over the timeout; busy: half of it
        token = s.token("idle-bot");
        String t = token;

        // watched through the busy session: a request in the quiet one would count as activity
        Poll.until(() -> !http.openUpstreamSessions(t, busy).contains(upQuiet), Duration.ofSeconds(10));
        assertThat(http.openUpstreamSessions(token, busy)).doesNotContain(upQuiet).contains(upBusy);
        assertThat(status(token, quiet)).isEqualTo(404);
        assertThat(echoIn(token, busy)).isEqualTo("still here");
    }

    // ---- raw Streamable HTTP ----

    private static HttpResponse<String> initialize(String token) throws Exception {
        return http.initialize(token, McpHttp.VERSION, null);
    }

    private static String echoIn(String token, String session) throws Exception {
        HttpResponse<String> r = http.post(token, session, """
                {"jsonrpc":"2.0","id":"e","method":"tools/call","params":{"name":"remote.echo","arguments":{"message":"still here"}}}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return McpHttp.text(r);
    }

    private static int status(String token, String session) {
        try {
            return http.post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}").statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
