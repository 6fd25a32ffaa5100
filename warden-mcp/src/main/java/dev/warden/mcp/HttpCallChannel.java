package dev.warden.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The gateway's path for what an agent session asks of a Streamable HTTP upstream
 * ({@code tools/call}, {@code resources/read}, {@code prompts/get}): one MCP session on the
 * upstream per agent session (initialized with the protocol version the supervisor's SDK client
 * negotiated, on that agent session's first request, and ended with a {@code DELETE} when the agent
 * session ends; {@link UpstreamSessions}), so state an upstream keeps per session is never shared between agents or between
 * one agent's sessions, and an agent session reads back the resources its own calls made; pooled
 * keep-alive HTTP/1.1 connections ({@link UpstreamConnectionPool}), shared by those sessions and used
 * from the calling thread; and a response read as one JSON body or as an SSE stream
 * ({@link SseReplyReader}: progress notifications on it are delivered; requests the upstream makes
 * on it go to a call's relay, or are refused). The SDK client stays in charge of everything else (tool, resource and prompt lists, subscriptions,
 * change notifications, liveness pings); this channel exists because forwarding a call through the
 * SDK's reactive client cost several times the CPU of the call itself.
 *
 * <p>At most {@code maxConnections} connections are open at once (idle or in use): a call that finds
 * none free waits for one, within its own timeout, instead of opening more. Without that bound a
 * stall upstream turned into a connection storm (every call arriving meanwhile opened a connection;
 * Node's accept queue of 511 overflowed, and dropped handshakes cost the calls seconds, some 60 s).
 *
 * <p>Never sends a call twice: a failure after the request was written fails the call. The one
 * retry is after {@code 404} on the session (the upstream forgot it, so the call was not run): the
 * channel initializes a new session and sends the call again.
 */
final class HttpCallChannel implements SessionScoped, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpCallChannel.class.getName());
    /** {@code 0 CRLF CRLF}: the last chunk of a chunked body without trailers. */
    private static final int LAST_CHUNK_BYTES = 5;
    private static final int INTERNAL_ERROR = -32603;

    private final URI url;
    private final String target;
    private final String protocolVersion;
    private final Consumer<McpSchema.ProgressNotification> progress;
    private final UpstreamConnectionPool pool;
    private final UpstreamSessions sessions = new UpstreamSessions(new SessionWire());
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    /** To an upstream whose {@code https} certificate the JVM's trust store vouches for. */
    HttpCallChannel(URI url, int maxConnections, String protocolVersion, Consumer<McpSchema.ProgressNotification> progress) {
        this(url, maxConnections, protocolVersion, progress, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tls opens {@code https} connections (with the trust configured for the upstream) */
    HttpCallChannel(URI url, int maxConnections, String protocolVersion, Consumer<McpSchema.ProgressNotification> progress,
                    SSLSocketFactory tls) {
        this.url = url;
        this.pool = new UpstreamConnectionPool(url, maxConnections, tls);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        this.target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        this.protocolVersion = protocolVersion;
        this.progress = progress;
    }

    /** A failed call: the upstream answered with an error, an unexpected status, or the connection failed. */
    static final class CallFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean upstreamFault;

        CallFailedException(String message, Throwable cause) {
            this(message, cause, true);
        }

        CallFailedException(String message, Throwable cause, boolean upstreamFault) {
            super(message, cause);
            this.upstreamFault = upstreamFault;
        }

        /** False when the upstream answered properly with an error of the call (JSON-RPC error, HTTP 4xx). */
        boolean upstreamFault() {
            return upstreamFault;
        }
    }

    /** The upstream answered with a JSON-RPC error (its code and message, for passing on to the agent). */
    static final class UpstreamErrorException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;
        private final String upstreamMessage;

        UpstreamErrorException(int code, String upstreamMessage) {
            super("upstream error " + code + ": " + upstreamMessage);
            this.code = code;
            this.upstreamMessage = upstreamMessage;
        }

        int code() {
            return code;
        }

        String upstreamMessage() {
            return upstreamMessage;
        }
    }

    /** The number of upstream sessions open (one per agent session that has called this upstream). */
    @Override
    public int openSessions() {
        return sessions.size();
    }

    /** The agent sessions that have an upstream session here (a snapshot). */
    @Override
    public Set<String> owners() {
        return sessions.owners();
    }

    /** Sets up and ends upstream sessions through this channel. */
    private final class SessionWire implements UpstreamSessions.Wire {
        @Override
        public String initialize(Map<String, Object> capabilities, Duration wait) throws IOException {
            ObjectNode init = request(ids.incrementAndGet(), McpSchema.METHOD_INITIALIZE);
            ObjectNode params = init.putObject("params");
            params.put("protocolVersion", protocolVersion);
            params.set("capabilities", McpJson.MAPPER.valueToTree(capabilities));
            params.putObject("clientInfo").put("name", "warden-gateway").put("version", "0.1.0");
            Exchange ex = exchange(null, init, wait, null, null);
            JsonNode reply = ex.reply;
            if (ex.status != 200 || reply == null || reply.has("error")) {
                throw new IOException("initialize refused: " + (reply == null ? "HTTP " + ex.status + " " + ex.errorText
                        : reply.path("error").path("message").asText()));
            }
            return ex.sessionId;
        }

        @Override
        public void initialized(String sessionId, Duration wait) throws IOException {
            HttpCallChannel.this.notify(sessionId, McpSchema.METHOD_NOTIFICATION_INITIALIZED, wait);
        }

        @Override
        public void delete(String sessionId, Duration wait) {
            sendAside("DELETE", sessionId, null, wait);
        }
    }

    /**
     * Ends the upstream session of an agent session that has ended (best effort, in the background,
     * on a connection of its own). Calls of that agent session that are still running keep the
     * session they have; a later call fails.
     */
    @Override
    public void end(String owner) {
        sessions.end(owner);
    }

    /**
     * Calls a tool.
     *
     * @param stop completes when the call must be abandoned (agent cancelled, session ended, upstream lost)
     * @return the result, or null when {@code stop} fired first (the upstream is told the request is cancelled)
     * @throws CallFailedException when the upstream answered with a JSON-RPC error or could not be reached
     */
    CallToolResult callTool(String owner, McpSchema.CallToolRequest call, Duration timeout, Mono<Void> stop) {
        return callTool(owner, call, timeout, stop, UpstreamRequests.NONE);
    }

    /**
     * Calls a tool, relaying what the upstream asks meanwhile to {@code requests}.
     *
     * @param stop completes when the call must be abandoned (agent cancelled, session ended, upstream lost)
     * @param requests answers what the upstream asks while the call runs (elicitation, sampling),
     *                 and names the client capabilities declared when this owner's session opens
     * @return the result, or null when {@code stop} fired first (the upstream is told the request is cancelled)
     * @throws CallFailedException when the upstream answered with a JSON-RPC error or could not be reached
     */
    CallToolResult callTool(String owner, McpSchema.CallToolRequest call, Duration timeout, Mono<Void> stop,
                            UpstreamRequests requests) {
        JsonNode result;
        try {
            result = request(owner, McpSchema.METHOD_TOOLS_CALL, call, timeout, stop, requests);
        } catch (UpstreamErrorException e) {
            throw new CallFailedException(e.getMessage(), null, false);
        }
        return result == null ? null : as(result, CallToolResult.class);
    }

    /**
     * Reads a resource in the agent session's upstream session, so a server that keeps resources
     * per session shows each agent session its own.
     *
     * @param requests what the upstream asks meanwhile, and the client capabilities to declare if
     *                 this read opens the owner's upstream session
     *
     * @return the contents, or null when {@code stop} fired first
     * @throws UpstreamErrorException when the upstream answered with a JSON-RPC error
     * @throws CallFailedException when the upstream could not be reached or answered something else
     */
    McpSchema.ReadResourceResult readResource(String owner, McpSchema.ReadResourceRequest read, Duration timeout,
                                              Mono<Void> stop, UpstreamRequests requests) {
        JsonNode result = request(owner, McpSchema.METHOD_RESOURCES_READ, read, timeout, stop, requests);
        return result == null ? null : as(result, McpSchema.ReadResourceResult.class);
    }

    /**
     * Gets a prompt in the agent session's upstream session (see {@link #readResource}).
     *
     * @param requests as for {@link #readResource}
     *
     * @return the prompt, or null when {@code stop} fired first
     * @throws UpstreamErrorException when the upstream answered with a JSON-RPC error
     * @throws CallFailedException when the upstream could not be reached or answered something else
     */
    McpSchema.GetPromptResult getPrompt(String owner, McpSchema.GetPromptRequest get, Duration timeout, Mono<Void> stop,
                                        UpstreamRequests requests) {
        JsonNode result = request(owner, McpSchema.METHOD_PROMPT_GET, get, timeout, stop, requests);
        return result == null ? null : as(result, McpSchema.GetPromptResult.class);
    }

    private static <T> T as(JsonNode result, Class<T> type) {
        try {
            return McpJson.MAPPER.treeToValue(result, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CallFailedException("upstream result is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Sends one request in the agent session's upstream session (opened on first use) and reads
     * its answer.
     *
     * @return the JSON-RPC result, or null when {@code stop} fired first (the upstream is told the request is cancelled)
     * @throws UpstreamErrorException when the upstream answered with a JSON-RPC error
     * @throws CallFailedException when the upstream could not be reached or answered something else
     */
    private JsonNode request(String owner, String method, Object params, Duration timeout, Mono<Void> stop,
                             UpstreamRequests requests) {
        long id = ids.incrementAndGet();
        ObjectNode msg = request(id, method);
        msg.set("params", McpJson.MAPPER.valueToTree(params));
        CallAbort abort = new CallAbort();
        Disposable watch = stop.subscribe(v -> { }, e -> abort.fire(), abort::fire);
        UpstreamSessions.Session session = null;
        try {
            Exchange ex;
            try {
                session = sessions.session(owner, timeout, requests);
                Relay relay = new Relay(requests, stop);
                ex = exchange(session, msg, timeout, abort, relay);
                if (ex.status == 404 && ex.sentSession != null && !abort.fired()) {
                    sessions.reinitialize(session, ex.sentSession, timeout);
                    ex = exchange(session, msg, timeout, abort, relay);
                }
            } catch (IOException e) {
                if (abort.fired()) {
                    if (!(e instanceof NotSentException) && session != null) {
                        cancelUpstream(session, id, "cancelled by the client or the session ended");
                    }
                    return null;
                }
                if (e instanceof java.net.SocketTimeoutException && session != null) {
                    cancelUpstream(session, id, "timed out in the Warden gateway");
                    throw new CallFailedException("no answer within " + timeout.toSeconds() + " s", e);
                }
                throw new CallFailedException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
            }
            if (ex.status != 200 || ex.reply == null) {
                throw new CallFailedException("upstream answered HTTP " + ex.status
                        + (ex.errorText.isBlank() ? "" : ": " + ex.errorText), null, ex.status >= 500 || ex.status < 400);
            }
            JsonNode error = ex.reply.get("error");
            if (error != null && !error.isNull()) {
                throw new UpstreamErrorException(error.path("code").asInt(INTERNAL_ERROR), error.path("message").asText());
            }
            return ex.reply.path("result");
        } finally {
            watch.dispose();
        }
    }

    /** What came back for one message. */
    private record Exchange(int status, JsonNode reply, String sessionId, String sentSession, String errorText) {
    }

    /** Where the requests an upstream makes during a call go, and the call's stop signal (which ends a relay wait). */
    private record Relay(UpstreamRequests requests, Mono<Void> stop) {
    }

    /**
     * Sends one message in {@code session} (null: outside any session, i.e. initialize) and reads
     * the answer; requests from the upstream on the way go to {@code relay} (null: refused).
     */
    private Exchange exchange(UpstreamSessions.Session session, ObjectNode msg, Duration timeout, CallAbort abort,
                              Relay relay)
            throws IOException {
        byte[] body = McpJson.MAPPER.writeValueAsBytes(msg);
        String sent = session == null ? null : session.id;
        Http1Connection c = pool.borrow(timeout, abort);
        if (abort != null && !abort.bind(c)) {
            pool.release(c, true);
            throw new NotSentException("abandoned before sending");
        }
        boolean reusable = false;
        try {
            Http1Connection.Response r = c.send("POST", target, headers(sent), body, timeout);
            if (r.status() != 200) {
                String text = new String(readBounded(r.body(), 4096, false), StandardCharsets.UTF_8).strip();
                reusable = r.keepAlive() && UpstreamConnectionPool.drained(r.body());
                return new Exchange(r.status(), null, r.header("mcp-session-id"), sent, text);
            }
            String ct = r.contentType();
            JsonNode reply;
            if (ct.startsWith("application/json")) {
                reply = SseReplyReader.matching(McpJson.MAPPER.readTree(readBounded(r.body(), SseReplyReader.MAX_MESSAGE_BYTES, true)),
                        msg.get("id"));
                reusable = r.keepAlive();
            } else if (ct.startsWith("text/event-stream")) {
                long deadline = System.nanoTime() + timeout.toNanos();
                reply = SseReplyReader.readEvents(r.body(), msg.get("id"), deadline,
                        other -> onOther(sent, other, relay, deadline));
                if (reply == null) {
                    reusable = r.keepAlive(); // the stream ended
                } else if (r.keepAlive() && c.available() >= LAST_CHUNK_BYTES) {
                    reusable = UpstreamConnectionPool.drained(r.body()); // the end of the stream has arrived already (the usual case)
                } else if (r.keepAlive()) {
                    pool.drainLater(c, r.body());
                    c = null; // handed to the drain
                }
            } else {
                throw new IOException("unexpected Content-Type from the upstream: " + ct);
            }
            return new Exchange(200, reply, r.header("mcp-session-id"), sent, "");
        } catch (EOFException | SocketException e) {
            pool.closeIdle(); // the connection died under us: the idle ones to the same upstream are suspect too
            throw e;
        } finally {
            if (abort != null) {
                abort.unbind();
            }
            if (c != null) {
                pool.release(c, reusable);
            }
        }
    }

    private void onOther(String session, JsonNode msg, Relay relay, long deadline) {
        String method = msg.path("method").asText("");
        if (McpSchema.METHOD_NOTIFICATION_PROGRESS.equals(method)) {
            try {
                progress.accept(McpJson.MAPPER.treeToValue(msg.get("params"), McpSchema.ProgressNotification.class));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "MCP upstream " + url + ": unreadable progress notification: " + e.getMessage());
            }
        } else if (msg.has("id") && !method.isEmpty()) {
            // a request from the upstream: always answered, so it does not wait. Relayed ones are
            // answered here, on the call's thread: the upstream's stream carries nothing more
            // for this call until it has the answer.
            JsonNode answer;
            if (McpSchema.METHOD_PING.equals(method)) {
                answer = UpstreamRequests.result(msg, Map.of());
            } else if (relay != null && UpstreamRequests.relayable(method)) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                answer = relay.requests().answer(msg, left, relay.stop());
            } else {
                answer = UpstreamRequests.NONE.answer(msg, Duration.ZERO, Mono.empty());
            }
            Thread.ofVirtual().start(() -> post(session, answer));
        }
    }

    private void notify(String session, String method, Duration timeout) throws IOException {
        ObjectNode n = McpJson.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        byte[] body = McpJson.MAPPER.writeValueAsBytes(n);
        Http1Connection c = pool.borrow(timeout, null);
        boolean reusable = false;
        try {
            Http1Connection.Response r = c.send("POST", target, headers(session), body, timeout);
            reusable = r.keepAlive() && UpstreamConnectionPool.drained(r.body());
            if (r.status() / 100 != 2) {
                throw new IOException(method + ": upstream answered HTTP " + r.status());
            }
        } finally {
            pool.release(c, reusable);
        }
    }

    /**
     * Sends an answer to the upstream's own request, or a cancellation, on a connection of its own:
     * outside the bound, because the calls it concerns may hold every pooled connection while they
     * wait for it.
     */
    private void post(String session, JsonNode msg) {
        try {
            sendAside("POST", session, McpJson.MAPPER.writeValueAsBytes(msg), UpstreamSessions.SETUP_TIMEOUT);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "MCP upstream " + url + ": " + e.getMessage());
        }
    }

    /**
     * Sends one request outside the pool, on a connection of its own, and reads the answer to its
     * end (best effort: a failure is logged). For what must go out even when calls hold every pooled
     * connection: answers the upstream waits for, cancellations, ending a session.
     */
    private void sendAside(String method, String session, byte[] body, Duration timeout) {
        try (Http1Connection c = pool.open()) {
            UpstreamConnectionPool.drained(c.send(method, target, headers(session), body, timeout).body());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "MCP upstream " + url + ": " + method + " not sent: " + e.getMessage());
        }
    }

    private void cancelUpstream(UpstreamSessions.Session session, long id, String reason) {
        if (closed) {
            return;
        }
        String sid = session.id;
        ObjectNode params = McpJson.MAPPER.createObjectNode().put("requestId", id).put("reason", reason);
        ObjectNode n = McpJson.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/cancelled");
        n.set("params", params);
        Thread.ofVirtual().start(() -> post(sid, n));
    }

    private Map<String, String> headers(String session) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json, text/event-stream");
        h.put("MCP-Protocol-Version", protocolVersion);
        if (session != null) {
            h.put("Mcp-Session-Id", session);
        }
        return h;
    }

    private static ObjectNode request(long id, String method) {
        return McpJson.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    }

    private static byte[] readBounded(InputStream in, int max, boolean strict) throws IOException {
        byte[] b = in.readNBytes(max + 1);
        if (b.length > max) {
            if (strict) {
                throw new IOException("upstream response larger than " + max + " bytes");
            }
            return java.util.Arrays.copyOf(b, max);
        }
        return b;
    }

    /**
     * Ends every open session upstream (best effort, in parallel, waiting at most a few seconds in
     * all) and closes the connections.
     */
    @Override
    public void close() {
        if (!closed) {
            sessions.close();
        }
        closed = true;
        pool.close();
    }
}
