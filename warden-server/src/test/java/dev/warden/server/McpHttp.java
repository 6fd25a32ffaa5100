package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raw Streamable HTTP requests to Warden's {@code /mcp}, one request per call and exactly the
 * headers given, for the gateway tests that check the endpoint byte by byte.
 */
final class McpHttp {
    static final String VERSION = "2025-11-25";
    private static final Duration T = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;

    McpHttp(String endpoint) {
        this.endpoint = URI.create(endpoint);
    }

    /** A POST; null token, session, version or origin leaves that header out. */
    HttpResponse<String> raw(String token, String session, String version, String origin, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(T)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Optional.ofNullable(token).ifPresent(t -> b.header("Authorization", "Bearer " + t));
        Optional.ofNullable(session).ifPresent(v -> b.header("Mcp-Session-Id", v));
        Optional.ofNullable(version).ifPresent(v -> b.header("MCP-Protocol-Version", v));
        Optional.ofNullable(origin).ifPresent(v -> b.header("Origin", v));
        return send(b.build());
    }

    /** A POST in a session (with the current protocol version header), or outside one when {@code session} is null. */
    HttpResponse<String> post(String token, String session, String body) throws Exception {
        return raw(token, session, session == null ? null : VERSION, null, body);
    }

    /** An initialize asking for {@code version}. */
    HttpResponse<String> initialize(String token, String version, String origin) throws Exception {
        return raw(token, null, null, origin, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},
                 "clientInfo":{"name":"raw","version":"1"}}}""".formatted(version));
    }

    /** Initializes a session (asserting it opened) and sends notifications/initialized; its id. */
    String openSession(String token) throws Exception {
        HttpResponse<String> init = initialize(token, VERSION, null);
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    /** Ends a session; the status. */
    int delete(String token, String session) throws Exception {
        return send(HttpRequest.newBuilder(endpoint).timeout(T).DELETE()
                .header("Authorization", "Bearer " + token).header("Mcp-Session-Id", session).build()).statusCode();
    }

    /** What the echo server's {@code session} tool (as {@code remote.session}) says when called in this session. */
    Map<?, ?> upstreamSession(String token, String session) throws Exception {
        return upstreamSession(token, session, "remote.session");
    }

    /** What an upstream's {@code session} tool, called as {@code tool}, says when called in this session. */
    Map<?, ?> upstreamSession(String token, String session, String tool) throws Exception {
        HttpResponse<String> r = call(token, session, tool, Map.of());
        return JSON.readValue(text(r), Map.class);
    }

    /** Calls a tool in a session; the raw answer (JSON body). */
    HttpResponse<String> call(String token, String session, String tool, Map<String, Object> args) throws Exception {
        return post(token, session, JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", "c", "method", "tools/call",
                "params", Map.of("name", tool, "arguments", args))));
    }

    /** The upstream sessions open on the echo server, asked from this session. */
    @SuppressWarnings("unchecked")
    List<String> openUpstreamSessions(String token, String viaSession) {
        return openUpstreamSessions(token, viaSession, "remote.session");
    }

    /** The upstream sessions open on the upstream whose {@code session} tool is {@code tool}, asked from this session. */
    @SuppressWarnings("unchecked")
    List<String> openUpstreamSessions(String token, String viaSession, String tool) {
        try {
            return (List<String>) upstreamSession(token, viaSession, tool).get("open");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The text of a tool call's answer, asserting it is a result and not a tool error. */
    static String text(HttpResponse<String> r) throws Exception {
        Map<?, ?> result = (Map<?, ?>) JSON.readValue(r.body(), Map.class).get("result");
        assertThat(result).as(r.body()).isNotNull();
        assertThat(result.get("isError")).as(r.body()).isNotEqualTo(Boolean.TRUE);
        return (String) ((Map<?, ?>) ((List<?>) result.get("content")).getFirst()).get("text");
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
