package dev.warden.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import reactor.core.publisher.Mono;

/**
 * Keeps one upstream connected: connects and lists its tools, watches the connection (process exit
 * for stdio, a periodic ping for HTTP), and reconnects after a loss with exponential backoff from
 * 0.5 s to 30 s (reset once a connection has stayed up for 30 s). A stdio server is a new process
 * on every attempt.
 */
final class UpstreamSupervisor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UpstreamSupervisor.class.getName());
    static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration HTTP_PING_INTERVAL = Duration.ofSeconds(5);

    /** What the supervisor reports. Called on the supervisor's or the SDK's threads; must not block long. */
    interface Events {
        /** A (re)connection is up and its tools are listed. */
        void connected(UpstreamSupervisor upstream, List<McpSchema.Tool> tools);

        /** The upstream announced a new tool list. */
        void toolsChanged(UpstreamSupervisor upstream, List<McpSchema.Tool> tools);

        /** The upstream announced a new resource list. */
        void resourcesChanged(UpstreamSupervisor upstream);

        /** The upstream announced a new prompt list. */
        void promptsChanged(UpstreamSupervisor upstream);

        /** The connection was lost. */
        void disconnected(UpstreamSupervisor upstream, String why);

        /** A progress notification for a forwarded request. */
        void progress(McpSchema.ProgressNotification progress);

        /** The upstream says a resource someone subscribed to has changed. */
        void resourceUpdated(UpstreamSupervisor upstream, String uri);
    }

    /** Lifecycle state. */
    enum State { STARTING, UP, DOWN, STOPPED }

    /**
     * The client side of one session process: the capabilities it declares to the server, and how
     * the server's requests are answered (a JSON-RPC request in, its answer out; may block).
     */
    record SessionClient(McpSchema.ClientCapabilities capabilities, Function<JsonNode, JsonNode> answer) {
    }

    /** Gives the session process of an agent session its client side, if it relays anything. */
    interface SessionClients {
        /** None: the process's client declares nothing and refuses every request. */
        SessionClients NONE = (upstream, owner) -> Optional.empty();

        Optional<SessionClient> forSession(UpstreamSupervisor upstream, String owner);
    }

    private final UpstreamConfig config;
    private final Events events;
    private final Clock clock;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile UpstreamLink link;
    private volatile State state = State.STARTING;
    private volatile Instant since;
    private volatile String lastError = "";
    private volatile int restarts;
    private volatile boolean stopped;
    private Thread loop;
    private final Optional<SessionProcesses> sessionProcesses;
    /** For an HTTPS upstream with a CA file: the TLS context trusting it (kept, so sessions resume across reconnects). */
    private final Optional<SSLContext> tls;

    UpstreamSupervisor(UpstreamConfig config, Events events, Clock clock) {
        this(config, events, clock, SessionClients.NONE);
    }

    /** @param clients the client side of each session process ({@code session_processes}) */
    UpstreamSupervisor(UpstreamConfig config, Events events, Clock clock, SessionClients clients) {
        this.config = config;
        this.events = events;
        this.clock = clock;
        this.since = clock.instant();
        this.tls = config.endpoint() instanceof UpstreamEndpoint.Http h ? h.ca().map(UpstreamCa::sslContext) : Optional.empty();
        this.sessionProcesses = config.endpoint() instanceof UpstreamEndpoint.Stdio s && s.sessionProcesses() > 0
                ? Optional.of(new SessionProcesses(config.name(), s.sessionProcesses(),
                        owner -> connect(clients.forSession(this, owner))))
                : Optional.empty();
    }

    /** The per-agent-session processes of a stdio upstream configured with {@code session_processes}. */
    Optional<SessionProcesses> sessionProcesses() {
        return sessionProcesses;
    }

    /**
     * Where the requests of an agent session go: its own process when this upstream has session
     * processes (started if need be), else {@code shared}, the upstream's live connection.
     *
     * @throws SessionProcesses.UnavailableException when the session's process cannot be had
     */
    UpstreamLink linkFor(String owner, UpstreamLink shared) {
        return sessionProcesses.map(p -> p.link(owner)).orElse(shared);
    }

    /**
     * What this upstream keeps per agent session, if anything: its session processes (stdio with
     * {@code session_processes}) or, while connected, its call channel's upstream sessions
     * (Streamable HTTP).
     */
    Optional<SessionScoped> perSession() {
        return sessionProcesses.<SessionScoped>map(p -> p).or(() -> link().flatMap(UpstreamLink::calls));
    }

    UpstreamConfig config() {
        return config;
    }

    String name() {
        return config.name();
    }

    String prefix() {
        return config.prefix();
    }

    State state() {
        return state;
    }

    Instant since() {
        return since;
    }

    String lastError() {
        return lastError;
    }

    int restarts() {
        return restarts;
    }

    /** The live connection, when up. */
    Optional<UpstreamLink> link() {
        UpstreamLink l = link;
        return state == State.UP && l != null ? Optional.of(l) : Optional.empty();
    }

    /** Starts supervising on a virtual thread. */
    synchronized void start() {
        if (loop == null) {
            loop = Thread.ofVirtual().name("mcp-upstream-" + config.name()).start(this::run);
        }
    }

    /** Waits until the first connection attempt has succeeded or failed. */
    boolean awaitFirstAttempt(Duration max) throws InterruptedException {
        return firstAttempt.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        Duration backoff = MIN_BACKOFF;
        while (!stopped) {
            Instant upAt = null;
            UpstreamLink current = null;
            try {
                current = connect();
                List<McpSchema.Tool> tools = current.hasTools() ? listTools(current) : List.of();
                link = current;
                setState(State.UP);
                upAt = clock.instant();
                lastError = "";
                LOG.log(Level.INFO, "MCP upstream " + name() + " is up with " + tools.size() + " tools");
                events.connected(this, tools);
                firstAttempt.countDown();
                awaitLoss(current);
                if (!stopped) {
                    lastError = "connection lost";
                }
            } catch (RuntimeException | InterruptedException e) {
                if (!stopped) {
                    lastError = rootMessage(e);
                    LOG.log(Level.WARNING, "MCP upstream " + name() + ": " + lastError);
                }
            } finally {
                firstAttempt.countDown();
            }
            link = null;
            if (current != null) {
                current.close();
            }
            if (stopped) {
                break;
            }
            setState(State.DOWN);
            events.disconnected(this, lastError);
            if (upAt != null && Duration.between(upAt, clock.instant()).compareTo(MAX_BACKOFF) >= 0) {
                backoff = MIN_BACKOFF;
            }
            LOG.log(Level.INFO, "MCP upstream " + name() + " down (" + lastError + "); reconnecting in " + backoff.toMillis() + " ms");
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            restarts++;
        }
        setState(State.STOPPED);
    }

    private void setState(State next) {
        state = next;
        since = clock.instant();
    }

    /** Connects once: for stdio, a new process. */
    private UpstreamLink connect() {
        return connect(Optional.empty());
    }

    /**
     * Connects once: for stdio, a new process (also how {@link SessionProcesses} starts one, with
     * the client side of its agent session).
     */
    private UpstreamLink connect(Optional<SessionClient> sessionClient) {
        McpClientTransport raw = switch (config.endpoint()) {
            case UpstreamEndpoint.Stdio s -> {
                ServerParameters params = ServerParameters.builder(s.command().getFirst())
                        .args(s.command().subList(1, s.command().size())).env(s.env()).build();
                SupervisedStdioTransport t = new SupervisedStdioTransport(params, McpJson.SDK, s.cwd());
                t.setStdErrorHandler(line -> LOG.log(Level.DEBUG, "[" + name() + " stderr] " + line));
                yield t;
            }
            case UpstreamEndpoint.Http h -> {
                URI url = h.url();
                String base = url.getScheme() + "://" + url.getRawAuthority();
                String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
                HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
                tls.ifPresent(http::sslContext); // the SDK's client checks the host name itself
                yield HttpClientStreamableHttpTransport.builder(base).endpoint(path).jsonMapper(McpJson.SDK)
                        .clientBuilder(http).connectTimeout(Duration.ofSeconds(5)).build();
            }
        };
        CallTrackingTransport transport = new CallTrackingTransport(raw, n -> {
            if (McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED.equals(n.method())
                    && n.params() instanceof java.util.Map<?, ?> m && m.get("uri") instanceof String uri) {
                events.resourceUpdated(this, uri);
            }
        });
        McpClient.AsyncSpec spec = McpClient.async(transport);
        sessionClient.ifPresent(c -> relayTo(spec, c));
        McpAsyncClient client = spec
                .clientInfo(new McpSchema.Implementation("warden-gateway", "Warden MCP gateway", "0.1.0"))
                .requestTimeout(config.requestTimeout().plusSeconds(5))
                .initializationTimeout(INIT_TIMEOUT)
                .toolsChangeConsumer(tools -> Mono.fromRunnable(() -> events.toolsChanged(this, tools)))
                .resourcesChangeConsumer(r -> Mono.fromRunnable(() -> events.resourcesChanged(this)))
                .promptsChangeConsumer(p -> Mono.fromRunnable(() -> events.promptsChanged(this)))
                .progressConsumer(p -> Mono.fromRunnable(() -> events.progress(p)))
                .build();
        HttpCallChannel calls = null;
        try {
            // a stdio server that exits during initialize fails it at once, not after the timeout
            Mono<Void> exited = raw instanceof SupervisedStdioTransport stdio ? stdio.exited() : Mono.never();
            McpSchema.InitializeResult init = client.initialize().takeUntilOther(exited).block(INIT_TIMEOUT.plusSeconds(5));
            if (init == null) {
                throw new IllegalStateException("the server process exited during initialize");
            }
            if (config.endpoint() instanceof UpstreamEndpoint.Http h && init != null) {
                // its upstream sessions are opened per agent session, on each one's first call
                calls = new HttpCallChannel(h.url(), h.maxConnections(), init.protocolVersion(), events::progress,
                        tls.map(SSLContext::getSocketFactory).orElseGet(() -> (SSLSocketFactory) SSLSocketFactory.getDefault()));
            }
            return new UpstreamLink(client, transport, init, Optional.ofNullable(calls));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Declares the session client's capabilities and routes the server's requests to it. */
    private static void relayTo(McpClient.AsyncSpec spec, SessionClient c) {
        McpSchema.ClientCapabilities caps = c.capabilities();
        spec.capabilities(caps);
        if (caps.sampling() != null) {
            spec.sampling(r -> relayed(c, McpSchema.METHOD_SAMPLING_CREATE_MESSAGE, r, McpSchema.CreateMessageResult.class));
        }
        if (caps.elicitation() != null) {
            spec.elicitation(r -> relayed(c, McpSchema.METHOD_ELICITATION_CREATE, r, McpSchema.ElicitResult.class));
            spec.urlElicitation(r -> relayed(c, McpSchema.METHOD_ELICITATION_CREATE, r, McpSchema.ElicitResult.class));
        }
    }

    /** Answers one server request through the session client, on a virtual thread (the answer may wait for a human). */
    private static <T> Mono<T> relayed(SessionClient c, String method, Object params, Class<T> type) {
        ObjectNode request = McpJson.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", "session-process").put("method", method);
        request.set("params", McpJson.MAPPER.valueToTree(params));
        return Mono.fromFuture(() -> CompletableFuture.supplyAsync(() -> c.answer().apply(request), r -> Thread.ofVirtual().start(r)))
                .flatMap(answer -> {
                    JsonNode error = answer.get("error");
                    if (error != null) {
                        return Mono.error(McpError.builder(error.path("code").asInt()).message(error.path("message").asText()).build());
                    }
                    try {
                        return Mono.just(McpJson.MAPPER.treeToValue(answer.get("result"), type));
                    } catch (JsonProcessingException e) {
                        return Mono.error(e);
                    }
                });
    }

    private List<McpSchema.Tool> listTools(UpstreamLink l) {
        McpSchema.ListToolsResult r = l.client().listTools().block(config.requestTimeout());
        return r == null || r.tools() == null ? List.of() : r.tools();
    }

    private void awaitLoss(UpstreamLink l) throws InterruptedException {
        if (l.transport().delegate() instanceof SupervisedStdioTransport stdio) {
            try {
                stdio.awaitForExit();
            } catch (RuntimeException e) {
                if (e.getCause() instanceof InterruptedException ie) {
                    throw ie;
                }
                throw e;
            }
            return;
        }
        while (!stopped) {
            Thread.sleep(HTTP_PING_INTERVAL);
            try {
                l.client().ping().block(HTTP_PING_INTERVAL);
            } catch (RuntimeException e) {
                lastError = "ping failed: " + rootMessage(e);
                return;
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Stops supervising and closes the connection (ending a stdio process). */
    @Override
    public void close() {
        stopped = true;
        sessionProcesses.ifPresent(SessionProcesses::close);
        UpstreamLink l = link;
        if (l != null) {
            l.close();
        }
        Thread t;
        synchronized (this) {
            t = loop;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = State.STOPPED;
    }
}
