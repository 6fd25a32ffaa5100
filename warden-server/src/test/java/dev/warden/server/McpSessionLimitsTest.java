package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.mcp.NodeFixture;
import dev.warden.mcp.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
    static final Duration T = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final int CAP = 3;
    static final int IDLE_SECONDS = 600;
    @TempDir
    static Path tmp;
    static MutableClock clock;
    static TestServer s;
    static String mcp;
    static Process echo;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        echo = new ProcessBuilder("node", NodeFixture.dir().resolve("echo-server.mjs").toString(), String.valueOf(port))
                .redirectErrorStream(true).start();
        String ready = new java.io.BufferedReader(new java.io.InputStreamReader(echo.getInputStream())).readLine();
        assertThat(ready).startsWith("listening");
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
                  - {name: capped-bot, owner: alice@example.com, purpose: MCP session limits, capabilities: ["remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior}
                  - {name: idle-bot, owner: alice@example.com, purpose: MCP session limits, capabilities: ["remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior}
                """.formatted(IDLE_SECONDS, CAP, port));
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
        mcp = s.server.url() + "/mcp";
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
        if (echo != null) {
            echo.destroy();
        }
    }

    @Test
    void anAgentCannotOpenMoreSessionsThanTheCap_untilItEndsOne() throws Exception {
        String token = s.token("capped-bot");
        List<String> open = new java.util.ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            open.add(openSession(token));
        }
        HttpResponse<String> refused = initialize(token);
        assertThat(refused.statusCode()).isEqualTo(429);
        Map<?, ?> error = JSON.readValue(refused.body(), Map.class);
        assertThat(error.get("error")).isEqualTo("too_many_sessions");
        assertThat((String) error.get("message")).contains("capped-bot").contains("3").contains("mcp.max_sessions_per_agent");
        // the refused initialize created nothing: the open sessions still work
        assertThat(echoIn(token, open.getFirst())).isEqualTo("still here");

        // nor does an initialize sent as a JSON-RPC batch
        HttpResponse<String> batch = post(token, null, """
                [{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},
                  "clientInfo":{"name":"raw","version":"1"}}}]""");
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(batch.headers().firstValue("Mcp-Session-Id")).isEmpty();

        assertThat(delete(token, open.getFirst())).isEqualTo(200);
        assertThat(initialize(token).statusCode()).isEqualTo(200);
        assertThat(initialize(token).statusCode()).isEqualTo(429);
    }

    @Test
    void aSessionIdleForLongerThanTheTimeout_isEnded_withItsUpstreamSession_whileAnActiveOneStays() throws Exception {
        String token = s.token("idle-bot");
        String quiet = openSession(token);
        String busy = openSession(token);
        String upQuiet = (String) upstreamSession(token, quiet).get("session");
        String upBusy = (String) upstreamSession(token, busy).get("session");

        clock.advance(Duration.ofSeconds(IDLE_SECONDS / 2 + 1));
        token = s.token("idle-bot"); // access tokens are short-lived on this clock too
        assertThat(echoIn(token, busy)).isEqualTo("still here");
        clock.advance(Duration.ofSeconds(IDLE_SECONDS / 2 + 1)); // quiet: idle for just over the timeout; busy: half of it
        token = s.token("idle-bot");
        String t = token;

        // watched through the busy session: a request in the quiet one would count as activity
        Poll.until(() -> !openUpstreamSessions(t, busy).contains(upQuiet), Duration.ofSeconds(10));
        assertThat(openUpstreamSessions(token, busy)).doesNotContain(upQuiet).contains(upBusy);
        assertThat(status(token, quiet)).isEqualTo(404);
        assertThat(echoIn(token, busy)).isEqualTo("still here");
    }

    // ---- raw Streamable HTTP ----

    private static HttpResponse<String> initialize(String token) throws Exception {
        return post(token, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},
                 "clientInfo":{"name":"raw","version":"1"}}}""");
    }

    private static String openSession(String token) throws Exception {
        HttpResponse<String> init = initialize(token);
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    private static String echoIn(String token, String session) throws Exception {
        HttpResponse<String> r = post(token, session, """
                {"jsonrpc":"2.0","id":"e","method":"tools/call","params":{"name":"remote.echo","arguments":{"message":"still here"}}}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return text(r);
    }

    private static int status(String token, String session) {
        try {
            return post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}").statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What the echo server's {@code session} tool says when called in this Warden session. */
    private static Map<?, ?> upstreamSession(String token, String session) throws Exception {
        HttpResponse<String> r = post(token, session, """
                {"jsonrpc":"2.0","id":"who","method":"tools/call","params":{"name":"remote.session","arguments":{}}}""");
        return JSON.readValue(text(r), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> openUpstreamSessions(String token, String viaSession) {
        try {
            return (List<String>) upstreamSession(token, viaSession).get("open");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String text(HttpResponse<String> r) throws Exception {
        Map<?, ?> result = (Map<?, ?>) JSON.readValue(r.body(), Map.class).get("result");
        assertThat(result).as(r.body()).isNotNull();
        assertThat(result.get("isError")).as(r.body()).isNotEqualTo(Boolean.TRUE);
        return (String) ((Map<?, ?>) ((List<?>) result.get("content")).getFirst()).get("text");
    }

    private static HttpResponse<String> post(String token, String session, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(mcp)).timeout(T)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static int delete(String token, String session) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(mcp)).timeout(T).DELETE()
                .header("Authorization", "Bearer " + token).header("Mcp-Session-Id", session).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }
}
