package dev.warden.mcp;

import dev.warden.Actor;
import dev.warden.Warden;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentStatus;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.catalog.ToolPinStore;
import dev.warden.decision.Caller;
import dev.warden.policy.PolicyEngine;
import dev.warden.store.memory.InMemoryToolPinStore;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The MCP gateway: an MCP Streamable HTTP endpoint for agents, backed by supervised upstream MCP
 * servers and governed by the Warden decision point.
 *
 * <p>Mount {@link #servlet()} at {@code /mcp} behind {@link #filter()} (async supported), then
 * {@link #start()}. Every {@code tools/call} is decided before it is forwarded (see
 * {@link ToolCalls}, {@link Governor}); {@code tools/list} shows an agent only what it could ever
 * use ({@link Visibility}); upstream tool definitions are pinned ({@link ToolPins}); resources and
 * prompts pass through ({@link Passthrough}). Each MCP session belongs to one agent; killing or
 * quarantining the agent ends its sessions at once.
 *
 * {@snippet :
 * McpGateway gateway = McpGateway.builder(warden, config)
 *         .policyLoader(catalog -> CedarPolicyEngine.load(policies, catalog))
 *         .pins(stores.toolPins())
 *         .authenticator(token -> ...)
 *         .build();
 * // mount gateway.filter() and gateway.servlet() at /mcp, then:
 * gateway.start();
 * }
 */
public final class McpGateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(McpGateway.class.getName());
    /** Protocol revisions the endpoint accepts, oldest first; the last is offered by default. */
    public static final List<String> PROTOCOL_VERSIONS = List.of("2025-03-26", "2025-06-18", "2025-11-25");

    private final Warden warden;
    private final McpGatewayConfig config;
    private final Clock clock;
    private final Upstreams upstreams = new Upstreams();
    private final ToolDirectory directory = new ToolDirectory();
    private final GatewaySessions sessions = new GatewaySessions(this::endUpstreamSessions);
    private final ResourceSubscriptions subscriptions;
    private final ProgressRoutes progress = new ProgressRoutes();
    private final ToolPins pins;
    private final CatalogSync catalogSync;
    private final Visibility visibility;
    private final ToolCalls toolCalls;
    private final Passthrough passthrough;
    private final HttpServletStreamableServerTransportProvider provider;
    private final EndpointFilter filter;
    private final ThreadLocal<Caller> initializing = new ThreadLocal<>();
    private final GatewayViews views;
    private final ToolLists toolLists;
    private final IdleSessionSweeper sweeper;
    private volatile boolean started;

    private McpGateway(Builder b) {
        this.warden = b.warden;
        this.config = b.config;
        this.clock = b.clock;
        this.pins = new ToolPins(b.pins, warden.auditLog(), config.pinning(), clock);
        this.catalogSync = new CatalogSync(warden, b.policyLoader, config.defaultEffects(), config.defaultRisk());
        this.visibility = new Visibility(warden, upstreams, directory, pins);
        this.toolLists = new ToolLists(sessions, visibility);
        this.views = new GatewayViews(warden, b.warden.rules().catalog(), upstreams, directory, pins, clock);
        this.sweeper = new IdleSessionSweeper(sessions, this::sessionScoped, clock, config.sessionIdleTimeout());
        Governor governor = new Governor(warden, config.approvalWait(), clock);
        this.toolCalls = new ToolCalls(warden, upstreams, directory, governor, b.outputHook, progress, sessions, visibility);
        this.subscriptions = new ResourceSubscriptions(upstreams, sessions);
        this.passthrough = new Passthrough(warden, upstreams, visibility, governor, sessions, subscriptions, b.outputHook);
        UpstreamSupervisor.Events events = new Events();
        for (UpstreamConfig u : config.upstreams()) {
            upstreams.add(new UpstreamSupervisor(u, events, clock, this::sessionClient));
        }
        this.provider = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJson.SDK)
                .mcpEndpoint("/mcp")
                .contextExtractor(r -> (McpTransportContext) r.getAttribute(EndpointFilter.CONTEXT_ATTRIBUTE))
                .keepAliveInterval(Duration.ofSeconds(25))
                .maxRequestSize(b.maxBodyBytes)
                .build();
        provider.setSessionFactory(this::startSession);
        this.filter = new EndpointFilter(b.authenticator, sessions, PROTOCOL_VERSIONS, b.maxBodyBytes, initializing,
                new JsonCallResponder(toolCalls), config.maxSessionsPerAgent(), clock);
    }

    /**
     * The catalog with the gateway's synthesized entries added: {@code <prefix>.resources.read} and
     * {@code <prefix>.prompts.get} (read, low risk) for every upstream, and
     * {@code <prefix>.elicitation.create} and {@code <prefix>.sampling.createMessage} (external,
     * medium risk: see {@link AgentRelay}) for every Streamable HTTP upstream, unless the catalog
     * names them already. Loading policies against this catalog lets them name those actions without a
     * {@code tools.yaml} entry.
     */
    public static ToolCatalog withGatewayEntries(ToolCatalog catalog, McpGatewayConfig config) {
        return GatewayCatalogEntries.addedTo(catalog, config.upstreams());
    }

    /** A builder over an embedded Warden and the {@code mcp:} configuration. */
    public static Builder builder(Warden warden, McpGatewayConfig config) {
        return new Builder(warden, config);
    }

    /** The MCP endpoint servlet (mount at {@code /mcp} with async support). */
    public HttpServlet servlet() {
        return provider;
    }

    /** The guard to put in front of {@link #servlet()} (async support, REQUEST dispatch). */
    public Filter filter() {
        return filter;
    }

    /**
     * Adds the synthesized {@code <prefix>.resources.read} and {@code <prefix>.prompts.get} catalog entries, watches the agent
     * registry (kill, quarantine, level changes), holds tools whose pinned definition is not
     * approved (the decision point denies calls to them) and starts the upstream supervisors.
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        catalogSync.ensure(GatewayCatalogEntries.of(upstreams.all().stream().map(UpstreamSupervisor::config).toList()),
                "mcp: resources/read, prompts/get and relayed requests of upstreams");
        warden.agents().addListener(this::agentChanged);
        warden.agents().addChangeListener(this::tokensRevoked);
        warden.toolHolds().add(name -> directory.find(name).flatMap(pins::hold));
        // the breaker guard denies the tools of an upstream whose breaker is open
        warden.breakers().upstreamResolver(name -> directory.find(name).map(GatewayTool::upstream));
        upstreams.all().forEach(UpstreamSupervisor::start);
        sweeper.start();
    }

    /**
     * Forwards allowed compensations of rollback plans to the upstream that serves their tool, and
     * records their outcomes ({@link dev.warden.rollback.Rollbacks#forwarder}).
     */
    public dev.warden.rollback.CompensationForwarder compensations() {
        return new CompensationCalls(warden, upstreams, directory);
    }

    /**
     * Waits until every upstream has been tried once (connected, or failed its first attempt).
     *
     * @return true when all have been tried within {@code max}
     */
    public boolean awaitUpstreams(Duration max) throws InterruptedException {
        Instant deadline = Instant.now().plus(max);
        for (UpstreamSupervisor u : upstreams.all()) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || !u.awaitFirstAttempt(left)) {
                return false;
            }
        }
        return true;
    }

    /** Every upstream tool with its pin state and classification, by name. */
    public List<ToolView> tools() {
        return views.tools();
    }

    /** The view of one tool. */
    public Optional<ToolView> tool(String name) {
        return views.tool(name);
    }

    /**
     * An operator approves the definition a tool's upstream now serves (audited as
     * {@code mcp.tool_approved}); agents' tool lists are refreshed.
     *
     * @param expectedHash the pending hash the operator reviewed, if given (refused when it changed since)
     * @throws GatewayException {@code tool_not_found}, {@code pin_not_changed}, {@code pin_hash_mismatch}
     */
    public ToolView approve(String tool, Actor operator, Optional<String> expectedHash) {
        pins.approve(tool, directory.find(tool), operator, expectedHash);
        toolLists.refreshAll();
        return tool(tool).orElseThrow();
    }

    /** The upstreams and their state. */
    public List<UpstreamView> upstreams() {
        return views.upstreams();
    }

    /** Open MCP sessions. */
    public int sessionCount() {
        return sessions.all().size();
    }

    /** Ends all sessions and stops the upstreams (stdio processes end). */
    @Override
    public void close() {
        sweeper.close();
        sessions.all().forEach(s -> s.terminate("server stopping"));
        try {
            provider.closeGracefully().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing MCP sessions: " + e.getMessage());
        }
        upstreams.all().forEach(UpstreamSupervisor::close);
    }

    // ---- sessions ----

    /**
     * The client side of the session process an agent session gets in a stdio upstream: the
     * capabilities it may relay ({@link AgentRelay#offered}), and its requests answered through the
     * relay of the session's call running there - over stdio a request names no call, so it is
     * relayed only while exactly one call of the session runs in that upstream.
     */
    private Optional<UpstreamSupervisor.SessionClient> sessionClient(UpstreamSupervisor u, String owner) {
        Optional<GatewaySession> found = sessions.find(owner);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        GatewaySession session = found.get();
        McpSchema.ClientCapabilities offered = AgentRelay.offered(session.declared(), visibility, session.agent(), u.prefix());
        if (offered.elicitation() == null && offered.sampling() == null) {
            return Optional.empty();
        }
        return Optional.of(new UpstreamSupervisor.SessionClient(offered, request -> session.soleRelay(u.name())
                .map(r -> r.answer(request))
                .orElseGet(() -> UpstreamRequests.error(request, UpstreamRequests.METHOD_NOT_FOUND, request.path("method").asText()
                        + " from a stdio session process is relayed only while exactly one call of its agent session runs there",
                        null))));
    }

    /** An agent session has ended: so do the upstream sessions and processes opened for it. */
    private void endUpstreamSessions(String sid) {
        sessionScoped().forEach(c -> c.end(sid));
    }

    /**
     * What upstreams keep per agent session: the call channels of the Streamable HTTP upstreams
     * that are up, and the session processes of stdio upstreams configured with them.
     */
    private List<SessionScoped> sessionScoped() {
        return upstreams.all().stream().flatMap(u -> u.perSession().stream()).toList();
    }

    private McpStreamableServerSession.McpStreamableServerSessionInit startSession(McpSchema.InitializeRequest init) {
        Caller caller = Objects.requireNonNull(initializing.get(), "initialize outside the endpoint filter");
        String sid = UUID.randomUUID().toString();
        McpStreamableServerSession session = new McpStreamableServerSession(sid, init.capabilities(), init.clientInfo(),
                Duration.ofSeconds(30), requestHandlers(), notificationHandlers(),
                () -> Mono.fromRunnable(() -> {
                    sessions.remove(sid);
                    subscriptions.sessionEnded(sid);
                }), null);
        GatewaySession opened = new GatewaySession(sid, caller.agent(), session, clock.instant(), init.capabilities());
        sessions.add(opened);
        if (!ToolCalls.stillAllowed(warden, caller)) {
            // killed while this session opened, after the kill ended the agent's sessions: it is ended too
            sessions.endOne(opened, "agent " + caller.agent() + " is no longer active");
        }
        String requested = init.protocolVersion();
        String version = PROTOCOL_VERSIONS.contains(requested) ? requested : PROTOCOL_VERSIONS.getLast();
        McpSchema.ServerCapabilities caps = McpSchema.ServerCapabilities.builder()
                .tools(true).resources(true, true).prompts(true).build();
        McpSchema.InitializeResult result = new McpSchema.InitializeResult(version, caps,
                new McpSchema.Implementation("warden", "Warden MCP gateway", "0.1.0"),
                "Every tool call goes through Warden: it may be denied (the tool error names the reasons and decision id) "
                        + "or held for a human approval (repeat the same call once approved).");
        return new McpStreamableServerSession.McpStreamableServerSessionInit(session, Mono.just(result));
    }

    private Map<String, McpRequestHandler<?>> requestHandlers() {
        Map<String, McpRequestHandler<?>> h = new HashMap<>();
        h.put(McpSchema.METHOD_PING, (ex, p) -> Mono.just(Map.of()));
        h.put(McpSchema.METHOD_TOOLS_LIST, (ex, p) -> Mono.fromCallable(() -> toolLists.list(ex)));
        h.put(McpSchema.METHOD_TOOLS_CALL, (ex, p) -> Mono.fromCallable(() -> toolCalls.call(ex, p)));
        h.put(McpSchema.METHOD_RESOURCES_LIST, (ex, p) -> Mono.fromCallable(() -> passthrough.listResources(ex)));
        h.put(McpSchema.METHOD_RESOURCES_TEMPLATES_LIST, (ex, p) -> Mono.fromCallable(() -> passthrough.listTemplates(ex)));
        h.put(McpSchema.METHOD_RESOURCES_READ, (ex, p) -> Mono.fromCallable(() -> passthrough.read(ex, p)));
        h.put(McpSchema.METHOD_RESOURCES_SUBSCRIBE, (ex, p) -> Mono.fromCallable(() -> passthrough.subscribe(ex, p)));
        h.put(McpSchema.METHOD_RESOURCES_UNSUBSCRIBE, (ex, p) -> Mono.fromCallable(() -> passthrough.unsubscribe(ex, p)));
        h.put(McpSchema.METHOD_PROMPT_LIST, (ex, p) -> Mono.fromCallable(() -> passthrough.listPrompts(ex)));
        h.put(McpSchema.METHOD_PROMPT_GET, (ex, p) -> Mono.fromCallable(() -> passthrough.getPrompt(ex, p)));
        return h;
    }

    private Map<String, McpNotificationHandler> notificationHandlers() {
        Map<String, McpNotificationHandler> h = new HashMap<>();
        h.put(McpSchema.METHOD_NOTIFICATION_INITIALIZED, (ex, p) -> Mono.empty());
        h.put(McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED, (ex, p) -> Mono.empty());
        h.put("notifications/cancelled", (ex, p) -> Mono.fromRunnable(() -> {
            Object id = p instanceof Map<?, ?> m ? m.get("requestId") : null;
            if (id != null) {
                sessions.find(ex.sessionId()).ifPresent(s -> s.cancel(id.toString()));
            }
        }));
        return h;
    }

    /** An active agent whose tokens were revoked loses its sessions: each was opened with a token now refused. */
    private void tokensRevoked(dev.warden.agent.AgentChange change) {
        Agent agent = change.after();
        if (agent.status() == AgentStatus.ACTIVE && agent.tokenEpoch() != change.before().tokenEpoch()) {
            sessions.ofAgent(agent.name()).forEach(s -> subscriptions.sessionEnded(s.id()));
            int n = sessions.endAll(agent.name(), "the tokens of agent " + agent.name() + " were revoked");
            if (n > 0) {
                LOG.log(Level.INFO, "MCP gateway: ended " + n + " session(s) of " + agent.name() + " (tokens revoked)");
            }
        }
    }

    private void agentChanged(Agent agent) {
        if (agent.status() != AgentStatus.ACTIVE) {
            sessions.ofAgent(agent.name()).forEach(s -> subscriptions.sessionEnded(s.id()));
            int n = sessions.endAll(agent.name(), "agent " + agent.status().wire());
            if (n > 0) {
                LOG.log(Level.INFO, "MCP gateway: ended " + n + " session(s) of " + agent.status().wire() + " agent " + agent.name());
            }
        } else {
            sessions.ofAgent(agent.name()).forEach(toolLists::refresh);
        }
    }

    // ---- upstream events ----

    private void toolsSeen(UpstreamSupervisor u, List<McpSchema.Tool> tools) {
        List<GatewayTool> listed = directory.replace(u.name(), u.prefix(), tools);
        List<Tool> entries = new ArrayList<>();
        for (GatewayTool t : listed) {
            try {
                pins.observe(t);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "MCP gateway: pin of " + t.name() + " not recorded (tool withheld): " + e.getMessage());
            }
            entries.add(catalogSync.defaultEntry(t.name(), t.upstreamTool().description()));
        }
        catalogSync.ensure(entries, "mcp: tools of upstream " + u.name());
        toolLists.refreshAll();
    }

    private final class Events implements UpstreamSupervisor.Events {
        @Override
        public void connected(UpstreamSupervisor u, List<McpSchema.Tool> tools) {
            toolsSeen(u, tools);
            u.link().ifPresent(l -> subscriptions.reconnected(u, l));
            sessions.all().forEach(s -> {
                ToolLists.send(s, McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED);
                ToolLists.send(s, McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED);
            });
        }

        @Override
        public void toolsChanged(UpstreamSupervisor u, List<McpSchema.Tool> tools) {
            toolsSeen(u, tools);
        }

        @Override
        public void resourcesChanged(UpstreamSupervisor u) {
            sessions.all().forEach(s -> ToolLists.send(s, McpSchema.METHOD_NOTIFICATION_RESOURCES_LIST_CHANGED));
        }

        @Override
        public void promptsChanged(UpstreamSupervisor u) {
            sessions.all().forEach(s -> ToolLists.send(s, McpSchema.METHOD_NOTIFICATION_PROMPTS_LIST_CHANGED));
        }

        @Override
        public void disconnected(UpstreamSupervisor u, String why) {
            toolLists.refreshAll();
        }

        @Override
        public void progress(McpSchema.ProgressNotification p) {
            McpGateway.this.progress.deliver(p);
        }

        @Override
        public void resourceUpdated(UpstreamSupervisor u, String uri) {
            subscriptions.updated(u.name(), uri);
        }
    }

    /** Configures a {@link McpGateway}. */
    public static final class Builder {
        private final Warden warden;
        private final McpGatewayConfig config;
        private Function<ToolCatalog, PolicyEngine> policyLoader;
        private ToolPinStore pins = new InMemoryToolPinStore();
        private AgentAuthenticator authenticator;
        private OutputHook outputHook = OutputHook.passThrough();
        private Clock clock = Clock.systemUTC();
        private int maxBodyBytes = 4 << 20;

        private Builder(Warden warden, McpGatewayConfig config) {
            this.warden = Objects.requireNonNull(warden);
            this.config = Objects.requireNonNull(config);
        }

        /** Loads the policies against a grown catalog (required; may throw for policies that do not load). */
        public Builder policyLoader(Function<ToolCatalog, PolicyEngine> loader) {
            this.policyLoader = Objects.requireNonNull(loader);
            return this;
        }

        /** Where tool pins are kept; default in memory. */
        public Builder pins(ToolPinStore store) {
            this.pins = Objects.requireNonNull(store);
            return this;
        }

        /** Checks agents' bearer tokens (required). */
        public Builder authenticator(AgentAuthenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator);
            return this;
        }

        /** The output hook; default {@link OutputHook#passThrough()}. */
        public Builder outputHook(OutputHook hook) {
            this.outputHook = Objects.requireNonNull(hook);
            return this;
        }

        /** The clock for timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Largest accepted request body; default 4 MiB. */
        public Builder maxBodyBytes(int max) {
            if (max < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
            }
            this.maxBodyBytes = max;
            return this;
        }

        /** Builds the gateway (not yet started). */
        public McpGateway build() {
            Objects.requireNonNull(policyLoader, "policyLoader is required");
            Objects.requireNonNull(authenticator, "authenticator is required");
            return new McpGateway(this);
        }
    }
}
