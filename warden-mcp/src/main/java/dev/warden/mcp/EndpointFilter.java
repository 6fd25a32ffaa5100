package dev.warden.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.decision.Caller;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Guards the MCP endpoint before the SDK sees a byte: Origin check (DNS-rebinding defence: no
 * Origin, or a localhost one), Bearer authentication (401 with {@code WWW-Authenticate: Bearer}
 * when missing, invalid or expired; 403 for a killed or quarantined agent or a revoked token),
 * {@code MCP-Protocol-Version} (400 when unsupported), session ownership (404 for a session that
 * belongs to another agent, was ended by Warden, or does not exist), the body size, and the
 * number of sessions an agent may open (429 for an initialize beyond it). A plain
 * {@code tools/call} is then answered here with one JSON body ({@link JsonCallResponder}); every
 * other request goes on to the SDK with the caller and the JSON-RPC id in the transport context.
 */
final class EndpointFilter implements Filter {
    static final String CONTEXT_ATTRIBUTE = "warden.mcp.context";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final AgentAuthenticator authenticator;
    private final GatewaySessions sessions;
    private final List<String> versions;
    private final int maxBodyBytes;
    private final ThreadLocal<Caller> initializing;
    private final JsonCallResponder calls;
    private final int maxSessionsPerAgent;
    private final Clock clock;
    /** Held while a session is counted and created, so concurrent initializes cannot pass the limit together. */
    private final Object initializeLock = new Object();

    EndpointFilter(AgentAuthenticator authenticator, GatewaySessions sessions, List<String> versions, int maxBodyBytes,
                   ThreadLocal<Caller> initializing, JsonCallResponder calls, int maxSessionsPerAgent, Clock clock) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.versions = versions;
        this.maxBodyBytes = maxBodyBytes;
        this.initializing = initializing;
        this.calls = calls;
        this.maxSessionsPerAgent = maxSessionsPerAgent;
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest sreq, ServletResponse sres, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) sreq;
        HttpServletResponse res = (HttpServletResponse) sres;
        String origin = req.getHeader("Origin");
        if (origin != null && !localOrigin(origin)) {
            error(res, 403, "forbidden_origin", "Origin " + origin + " is not allowed");
            return;
        }
        String header = req.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        Authentication auth = authenticator.authenticate(token == null || token.isEmpty() ? null : token);
        if (auth instanceof Authentication.Rejected r) {
            if (r.status() == 401) {
                res.setHeader("WWW-Authenticate", "Bearer realm=\"warden\""
                        + (token == null ? "" : ", error=\"invalid_token\""));
            }
            error(res, r.status(), r.error(), r.message());
            return;
        }
        Caller caller = ((Authentication.Authenticated) auth).caller();
        String version = req.getHeader("MCP-Protocol-Version");
        if (version != null && !versions.contains(version)) {
            error(res, 400, "unsupported_protocol_version", "MCP-Protocol-Version " + version
                    + " is not supported (supported: " + String.join(", ", versions) + ")");
            return;
        }
        String sid = req.getHeader("Mcp-Session-Id");
        GatewaySession session = null;
        if (sid != null) {
            Optional<GatewaySession> s = sessions.find(sid);
            if (s.isEmpty() || s.get().terminated() || !s.get().agent().equals(caller.agent())) {
                error(res, 404, "session_not_found", "no such MCP session; initialize a new one");
                return;
            }
            session = s.get();
            session.requestStarted(clock.instant());
            try {
                handle(req, res, chain, caller, session);
            } finally {
                session.requestEnded(clock.instant());
            }
        } else {
            handle(req, res, chain, caller, null);
        }
    }

    private void handle(HttpServletRequest req, HttpServletResponse res, FilterChain chain, Caller caller,
                        GatewaySession session) throws IOException, ServletException {
        HttpServletRequest forward = req;
        String rpcId = null;
        boolean initialize = false;
        if ("POST".equalsIgnoreCase(req.getMethod())) {
            byte[] body = readBounded(req.getInputStream(), req.getContentLengthLong());
            if (body == null) {
                error(res, 413, "body_too_large", "request body exceeds " + maxBodyBytes + " bytes");
                return;
            }
            JsonNode rpc = parse(body);
            rpcId = rpcId(rpc);
            if (session != null && !session.relaysRequests() && JsonCallResponder.accepts(rpc, req.getHeader("Accept"))) {
                calls.answer(caller, session, rpc, rpcId, res);
                return;
            }
            initialize = session == null && rpc != null && "initialize".equals(rpc.path("method").asText(null));
            forward = new BufferedRequest(req, body);
        }
        forward.setAttribute(CONTEXT_ATTRIBUTE, RequestContext.of(caller, rpcId));
        if (!initialize) {
            pass(chain, forward, res, caller);
            return;
        }
        synchronized (initializeLock) {
            int open = sessions.countOf(caller.agent());
            if (open >= maxSessionsPerAgent) {
                error(res, 429, "too_many_sessions", "agent '" + caller.agent() + "' has " + open
                        + " open MCP sessions, the most allowed (mcp.max_sessions_per_agent); end one with DELETE /mcp"
                        + " or let an idle one expire");
                return;
            }
            pass(chain, forward, res, caller);
        }
    }

    private void pass(FilterChain chain, HttpServletRequest req, HttpServletResponse res, Caller caller)
            throws IOException, ServletException {
        initializing.set(caller);
        try {
            chain.doFilter(req, res);
        } finally {
            initializing.remove();
        }
    }

    static boolean localOrigin(String origin) {
        try {
            URI u = URI.create(origin);
            String host = u.getHost();
            return host != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The body, or null when it is larger than allowed; sized by Content-Length when one was sent. */
    private byte[] readBounded(InputStream in, long contentLength) throws IOException {
        if (contentLength > maxBodyBytes) {
            return null;
        }
        byte[] body = in.readNBytes(contentLength >= 0 ? (int) contentLength : maxBodyBytes + 1);
        return body.length > maxBodyBytes ? null : body;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return McpJson.MAPPER.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null; // not JSON: the SDK answers 400
        }
    }

    private static String rpcId(JsonNode node) {
        if (node != null && node.has("id") && node.has("method")) {
            JsonNode id = node.get("id");
            // numbers as their plain text, like the id of a notifications/cancelled parsed by the SDK
            return id.isTextual() || id.isNumber() ? id.asText() : id.toString();
        }
        return null;
    }

    private static void error(HttpServletResponse res, int status, String code, String message) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.getOutputStream().write(McpJson.write(java.util.Map.of("error", code, "message", message))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A request whose body was read once and is replayed to the SDK. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
