package dev.warden.server;

import dev.warden.server.api.v1.ApprovalDecisions;
import dev.warden.server.console.ApprovalsConsole;
import dev.warden.server.console.ConsoleApi;
import dev.warden.server.console.ConsoleAssets;
import dev.warden.server.console.ConsoleFeature;
import dev.warden.server.console.ConsoleGuard;
import dev.warden.server.console.ConsoleFigures;
import dev.warden.server.console.ConsolePages;
import dev.warden.server.console.ConsoleSessions;
import dev.warden.server.console.DecisionFeed;
import dev.warden.server.console.LiveConsole;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.warden.Actor;
import dev.warden.WardenException;
import dev.warden.Warden;
import dev.warden.approval.ApproverGroups;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.log.VerifiableLog;
import dev.warden.catalog.ToolCatalog;
import dev.warden.flow.FlowLimits;
import dev.warden.id.IdGenerator;
import dev.warden.limits.LimitsGuard;
import dev.warden.policy.PolicyEngine;
import dev.warden.rollback.Rollbacks;
import dev.warden.policy.cedar.CedarPolicyEngine;
import dev.warden.server.alert.AlertRouter;
import dev.warden.server.alert.WebhookDispatcher;
import dev.warden.server.api.v1.AgentsApi;
import dev.warden.server.api.v1.AlertsApi;
import dev.warden.server.api.v1.BaselineApi;
import dev.warden.server.api.v1.ReadinessApi;
import dev.warden.server.api.v1.PromotionEvidenceApi;
import dev.warden.server.api.v1.DemotionsApi;
import dev.warden.demotion.DemotionService;
import dev.warden.server.api.v1.ShadowApi;
import dev.warden.server.config.AlertSettings;
import dev.warden.server.config.ApproverGroupsLoader;
import dev.warden.server.api.v1.ApprovalsApi;
import dev.warden.server.api.v1.GrantsApi;
import dev.warden.server.api.v1.AuditApi;
import dev.warden.server.api.v1.AuditLogApi;
import dev.warden.server.audit.ServerAuditLog;
import dev.warden.server.api.v1.Auth;
import dev.warden.server.api.v1.DecisionsApi;
import dev.warden.server.api.v1.McpApi;
import dev.warden.server.api.v1.McpAuthenticator;
import dev.warden.server.api.v1.JsonErrorHandler;
import dev.warden.server.api.v1.BreakersApi;
import dev.warden.server.api.v1.IncidentsApi;
import dev.warden.server.api.v1.KpisApi;
import dev.warden.server.api.v1.MetricsApi;
import dev.warden.server.metrics.AuditMetrics;
import dev.warden.incident.Kpis;
import dev.warden.server.api.v1.KillApi;
import dev.warden.server.api.v1.OidcLoginApi;
import dev.warden.server.api.v1.OperatorsApi;
import dev.warden.server.config.OperatorsConfigLoader;
import dev.warden.server.oidc.IdTokenVerifier;
import dev.warden.server.oidc.JwksSource;
import dev.warden.server.config.MaturityConfigLoader;
import dev.warden.server.config.SodConfigLoader;
import dev.warden.operator.OperatorService;
import dev.warden.operator.PasswordHasher;
import dev.warden.operator.SeparationOfDuties;
import dev.warden.operator.SignInLimiter;
import dev.warden.server.api.v1.RollbackApi;
import dev.warden.server.api.v1.SessionsApi;
import dev.warden.server.api.v1.QueryStrings;
import dev.warden.mcp.McpGateway;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import dev.warden.server.api.v1.Responses;
import dev.warden.server.api.v1.TokenApi;
import dev.warden.server.config.ConfigLoader;
import dev.warden.server.config.WardenConfig;
import dev.warden.server.token.AccessTokens;
import dev.warden.server.token.ClientAssertions;
import dev.warden.server.token.SigningKey;
import dev.warden.store.jdbc.JdbcStores;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import dev.warden.mcp.ScanningOutputHook;
import dev.warden.scan.DataGovernance;
import dev.warden.scan.DataGuard;
import dev.warden.scan.MaskingKey;
import dev.warden.scan.OptionalDetectors;
import dev.warden.scan.OutputScans;
import dev.warden.server.api.v1.ScanApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A running Warden server: configuration loaded and validated, SQLite store opened, seed agents
 * registered, the policy load audited, and the HTTP API listening.
 */
public final class WardenServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WardenServer.class.getName());
    private static final int MCP_MAX_BODY = 4 << 20;
    private static final java.time.Duration UPSTREAM_STARTUP_WAIT = java.time.Duration.ofSeconds(20);

    private final JdbcStores stores;
    private final Warden warden;
    private final Javalin http;
    private final String adminToken;
    private final WardenConfig config;
    private final Optional<McpGateway> gateway;
    private final VerifiableLog auditLog;
    private final Path data;
    private final WebhookDispatcher alertDelivery;
    private final ApproverGroups approverGroups;
    private final BackgroundSweeps sweeps;
    /** How often agents are checked for promotion eligibility (their owners are told once per level). */
    static final Duration PROMOTION_WATCH_INTERVAL = Duration.ofMinutes(5);

    private WardenServer(JdbcStores stores, Warden warden, Javalin http, String adminToken, WardenConfig config,
                         Optional<McpGateway> gateway, VerifiableLog auditLog, Path data, WebhookDispatcher alertDelivery,
                         ApproverGroups approverGroups, BackgroundSweeps sweeps) {
        this.approverGroups = approverGroups;
        this.sweeps = sweeps;
        this.data = data;
        this.alertDelivery = alertDelivery;
        this.gateway = gateway;
        this.auditLog = auditLog;
        this.stores = stores;
        this.warden = warden;
        this.http = http;
        this.adminToken = adminToken;
        this.config = config;
    }

    /**
     * Loads the configuration and starts the server. Configuration and policy errors are thrown
     * before anything is opened or written.
     *
     * @throws dev.warden.server.config.ConfigException  for an invalid config file (names file and line)
     * @throws dev.warden.policy.PolicyLoadException     for an invalid policy file (names file and line)
     * @throws IOException                               when the data directory cannot be used
     * @throws dev.warden.WardenException                {@code store_in_use} when another server (or
     *                                                   store) has this data directory's database open
     * @throws DataDirectoryException                    when the data directory belongs to another config
     */
    public static WardenServer start(ServerOptions options) throws IOException {
        WardenConfig config = ConfigLoader.load(options.configDir());
        AlertSettings alertSettings = AlertSettings.load(options.configDir(), config.projects(), System::getenv);
        // the MCP gateway's resources/read and prompts/get actions exist before policies load, so policies can name them
        ToolCatalog catalog = config.mcp().map(m -> McpGateway.withGatewayEntries(config.catalog(), m)).orElse(config.catalog());
        PolicyEngine engine = CedarPolicyEngine.load(config.policies(), catalog, contextEntries(config));
        ApproverGroups approverGroups = ApproverGroupsLoader.load(options.configDir());
        ApproverGroupsLoader.requireDefined(engine.approverGroups(), approverGroups);
        Path data = options.dataDir();
        Files.createDirectories(data.resolve("keys"));
        // first: the store's lock refuses a second server on this directory before it writes anything here
        JdbcStores stores = JdbcStores.openSqlite(data.resolve("warden.db"),
                config.powerLossSafe() ? JdbcStores.Durability.POWER_LOSS_SAFE : JdbcStores.Durability.PROCESS_CRASH_SAFE);
        Warden warden = null;
        Javalin http = null;
        Optional<McpGateway> gateway = Optional.empty();
        VerifiableLog auditLog = null;
        WebhookDispatcher alertDelivery = null;
        BackgroundSweeps sweeper = null;
        try {
            DataDirectory.bindConfig(data, options.configDir());
            String adminToken = adminToken(options, data);
            OctetKeyPair signingKey = SigningKey.loadOrCreate(data.resolve("keys").resolve("token-signing.jwk.json"), "warden");
            auditLog = ServerAuditLog.open(options, config.trustDomain(), stores);
            SecureRandom random = new SecureRandom();
            // stable across restarts, so keyed hashes of equal values correlate from one run to the next
            MaskingKey maskingKey = MaskingKey.loadOrCreate(data.resolve("keys").resolve("data-hmac.key"));
            warden = Warden.builder()
                    .data(new DataGovernance(options.detectors(), OptionalDetectors.installed(), config.data(), maskingKey))
                    .stores(stores.agents(), stores.approvals(), stores.audit())
                    .grantStore(stores.grants())
                    .rollbackPlans(stores.rollbackPlans())
                    .catalog(catalog).projects(config.projects()).policyEngine(engine)
                    .trustDomain(config.trustDomain()).clock(options.clock()).random(random)
                    .approvalTtl(config.approvalTtl())
                    .limits(config.limits())
                    .flow(FlowLimits.DEFAULTS.withIdle(longer(FlowLimits.DEFAULTS.idle(), config.tokenTtl())))
                    .alertStore(stores.alerts())
                    .incidentStore(stores.incidents())
                    .responses(config.responses())
                    .breakers(config.breakers())
                    .behavior(config.behavior())
                    .baselineStore(stores.baselines())
                    .build();
            auditLog.start(warden);
            warden.incidents().demotion(MaturityConfigLoader.load(options.configDir()));
            // every lowering of a level from now on opens a demotion record (ATF demotion process)
            // one check of each level's controls, for demotion records, readiness, promotions, dossiers and the eligibility sweep
            var controls = new dev.warden.maturity.ControlsInForce(warden);
            DemotionService demotions = new DemotionService(stores.demotions(), warden.auditLog(), warden.agents(),
                    controls::check, new IdGenerator(random), options.clock()).attach();
            alertDelivery = alerts(warden, alertSettings, stores, options, approverGroups);
            auditPolicyLoad(warden, config, engine, options);
            IdGenerator ids = new IdGenerator(random);
            AccessTokens tokens = new AccessTokens(signingKey, config.issuer(), config.tokenTtl(), options.clock(), ids);
            // approval notifications link to http.public_url, else to where the server listens (known once it does)
            var approvalReview = dev.warden.server.config.ApprovalReviewLoader.load(options.configDir());
            var approvalLinks = new java.util.concurrent.atomic.AtomicReference<>(new dev.warden.approval.ApprovalLinks(
                    approvalReview.publicUrl().orElse("http://" + options.host() + ":" + options.port())));
            approvalNotices(warden, approvalReview, approvalLinks::get);
            gateway = mcpGateway(config, warden, tokens, stores, options);
            Warden built = warden; // the forwarder of rollback compensations to the gateway's upstreams
            gateway.ifPresent(g -> built.rollbacks().forwarder(g.compensations()));
            var gates = MaturityConfigLoader.gates(options.configDir(), warden.behavior().map(m -> m.config().learningOperations())
                    .orElse(dev.warden.behavior.BehaviorConfig.DEFAULTS.learningOperations()));
            // promotion gates 2, 3 and 5: evidence operators record in the sign-off roles of maturity.sign_off_roles
            var promotionEvidence = new dev.warden.maturity.PromotionEvidence(stores.evidence(), warden.auditLog(), warden.agents(),
                    stores.operators(), MaturityConfigLoader.signOffRoles(options.configDir()), ids, options.clock());
            var signOffGates = new dev.warden.maturity.SignOffGates(stores.evidence(), promotionEvidence.roles(),
                    dev.warden.maturity.SignOffGates.Baselines.of(warden.behavior()));
            var gateEvidence = new dev.warden.maturity.GateEvidence(warden.auditStore(), warden.incidents().store(), options.clock(),
                    gates::get, Optional.of(signOffGates)).withDemotions(stores.demotions());
            http = http(options, config, warden, tokens, stores, adminToken, gateway, auditLog, approverGroups, gateEvidence,
                    promotionEvidence, demotions, controls);
            var eligibility = new dev.warden.maturity.PromotionWatch(warden.agents(), gateEvidence, controls::check, warden.alerts(),
                    warden.alerts().store(), options.clock());
            sweeper = BackgroundSweeps.start(List.of(
                    new BackgroundSweeps.Sweep("approval expiry", Duration.ofSeconds(1), warden.approvals()::expireDue),
                    new BackgroundSweeps.Sweep("promotion eligibility", PROMOTION_WATCH_INTERVAL, eligibility::sweep)));
            String url = "http://" + options.host() + ":" + http.port();
            approvalLinks.set(new dev.warden.approval.ApprovalLinks(approvalReview.publicUrl().orElse(url)));
            SeedKeys.registerMissing(config.seeds(), warden.agents(), data.resolve("keys"), url);
            if (gateway.isPresent()) {
                gateway.get().start();
                awaitUpstreams(gateway.get());
            }
            DataDirectory.publishUrl(data, url);
            return new WardenServer(stores, warden, http, adminToken, config, gateway, auditLog, data, alertDelivery,
                    approverGroups, sweeper);
        } catch (RuntimeException | IOException e) {
            if (sweeper != null) {
                sweeper.close();
            }
            gateway.ifPresent(McpGateway::close);
            if (http != null) {
                http.stop();
            }
            if (alertDelivery != null) {
                alertDelivery.close();
            }
            if (auditLog != null) {
                auditLog.close();
            }
            if (warden != null) {
                warden.close();
            }
            stores.close();
            throw e;
        }
    }

    private static java.time.Duration longer(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The context entries guards add, declared for Cedar: the compensation flag and the limits' budgets. */
    private static Map<String, dev.warden.catalog.JsonSchema> contextEntries(WardenConfig config) {
        Map<String, dev.warden.catalog.JsonSchema> entries = new LinkedHashMap<>(Rollbacks.CONTEXT_ENTRIES);
        entries.putAll(LimitsGuard.contextSchema(config.limits()));
        entries.putAll(DataGuard.CONTEXT_ENTRIES);
        return entries;
    }

    /** Routes alerts as configured and starts delivering the outbox (what a previous run left goes out now). */
    private static WebhookDispatcher alerts(Warden warden, AlertSettings settings, JdbcStores stores, ServerOptions options,
                                            ApproverGroups approverGroups) {
        // approval requests also reach the notify channels of the approver groups they name
        warden.alerts().routing(dev.warden.approval.ApprovalChannels.adding(new AlertRouter(settings),
                dev.warden.approval.ApprovalChannels.ofGroups(approverGroups)));
        warden.alerts().coalesceWindow(settings.coalesce());
        WebhookDispatcher dispatcher = new WebhookDispatcher(stores.alerts(), settings.channels(), options.clock(),
                warden.auditLog());
        warden.alerts().onQueued(dispatcher::wake);
        dispatcher.start();
        return dispatcher;
    }

    /**
     * Approvals opened reach approvers on the alert channels, with {@code links}; operators'
     * approvals are watched for rubber-stamping ({@code approvals.review}).
     */
    private static void approvalNotices(Warden warden, dev.warden.server.config.ApprovalReviewLoader.Loaded review,
                                        java.util.function.Supplier<dev.warden.approval.ApprovalLinks> links) {
        var risk = riskOf(warden);
        warden.approvals().listen(new dev.warden.approval.ApprovalAlerts(warden.alerts(), risk, links,
                review.settings().notifyPerAgentPerMinute()));
        warden.approvals().listen(new dev.warden.approval.RubberStampWatch(warden.alerts(), review.settings(),
                name -> warden.agents().find(name).map(dev.warden.agent.Agent::project)));
    }

    private static java.util.function.Function<String, Optional<dev.warden.catalog.RiskTier>> riskOf(Warden warden) {
        return tool -> warden.rules().catalog().find(tool).map(dev.warden.catalog.Tool::risk);
    }

    private static Optional<McpGateway> mcpGateway(WardenConfig config, Warden warden, AccessTokens tokens,
                                                   JdbcStores stores, ServerOptions options) {
        return config.mcp().map(mcp -> McpGateway.builder(warden, mcp)
                .policyLoader(catalog -> CedarPolicyEngine.load(config.policies(), catalog, contextEntries(config)))
                .pins(stores.toolPins())
                .authenticator(new McpAuthenticator(tokens, warden.agents()))
                .clock(options.clock())
                .maxBodyBytes(MCP_MAX_BODY)
                .outputHook(new ScanningOutputHook(OutputScans.of(warden, options.clock())))
                .build());
    }

    private static void awaitUpstreams(McpGateway gateway) {
        try {
            if (!gateway.awaitUpstreams(UPSTREAM_STARTUP_WAIT)) {
                LOG.log(Level.WARNING, "MCP gateway: not every upstream answered within " + UPSTREAM_STARTUP_WAIT.toSeconds()
                        + " s; they keep being retried in the background");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void mount(JavalinConfig cfg, McpGateway gateway) {
        cfg.jetty.modifyServletContextHandler(handler -> {
            ServletHolder servlet = new ServletHolder(gateway.servlet());
            servlet.setAsyncSupported(true);
            handler.addServlet(servlet, "/mcp");
            FilterHolder filter = new FilterHolder(gateway.filter());
            filter.setAsyncSupported(true);
            handler.addFilter(filter, "/mcp", EnumSet.of(DispatcherType.REQUEST));
        });
    }

    private static final int ACCEPT_BACKLOG = 1024;
    /**
     * Platform threads Jetty's tasks run on while one is idle (its selector and acceptor take two for
     * good); beyond them tasks run on virtual threads ({@link PlatformFirstThreadPool}).
     */
    private static final int PLATFORM_THREADS = 10;

    private static Javalin http(ServerOptions options, WardenConfig config, Warden warden, AccessTokens tokens,
                                JdbcStores stores, String adminToken, Optional<McpGateway> gateway,
                                VerifiableLog auditLog, ApproverGroups approverGroups,
                                dev.warden.maturity.GateEvidence gateEvidence,
                                dev.warden.maturity.PromotionEvidence promotionEvidence, DemotionService demotions,
                                dev.warden.maturity.ControlsInForce controls) {
        OperatorService operators = operators(warden, stores, options);
        Auth auth = new Auth(tokens, warden.agents(), adminToken, operators);
        SeparationOfDuties sod = SodConfigLoader.load(options.configDir(), config.projects());
        ClientAssertions assertions = new ClientAssertions(warden.agents(), stores.nonces(),
                Set.of(config.issuer(), "http://" + options.host() + ":" + options.port() + "/v1/token"), options.clock());
        Kpis kpis = new Kpis(warden.auditStore(), warden.alerts().store(),
                warden.incidents().store(), options.clock());
        ConsoleAssets consoleAssets = new ConsoleAssets();
        ConsoleGuard consoleGuard = new ConsoleGuard(operators, new ConsoleSessions(options.clock(), new SecureRandom()),
                new ConsolePages(consoleAssets));
        // the live feed hears every recorded decision (off the decision path: a lock-free hand-off per listener)
        DecisionFeed decisionFeed = new DecisionFeed(options.clock());
        warden.addDecisionListener(decisionFeed);
        // each part of the console past the overview and the agents list registers its own routes
        var shadow = new dev.warden.maturity.ShadowEvidence(warden.auditStore());
        LiveConsole liveConsole = new LiveConsole(decisionFeed, warden.agents());
        Optional<dev.warden.server.console.OidcConsole> oidcConsole = oidcConsole(options, operators);
        List<ConsoleFeature> consoleFeatures = new java.util.ArrayList<>(List.of(
                new dev.warden.server.console.AgentConsole(warden.agents(), new dev.warden.server.console.AgentPageReader(
                        new dev.warden.server.console.AgentActivity(warden.auditStore(), warden.behavior(), options.clock()),
                        warden.incidents().store(), warden.breakers(), config.limits(), gateEvidence, controls, shadow)),
                new dev.warden.server.console.KillConsole(warden.agents()),
                new dev.warden.server.console.IncidentsConsole(warden.incidents(), warden.alerts()),
                new ApprovalsConsole(warden.approvals(), new ApprovalDecisions(warden.approvals(), warden.agents(),
                        riskOf(warden), sod, approverGroups), warden.approvalReviews(), warden.grants(), warden.agents(),
                        sod, riskOf(warden), options.clock()),
                new dev.warden.server.console.AuditExplorer(warden.auditStore(), auditLog),
                liveConsole));
        oidcConsole.ifPresent(consoleFeatures::add);
        ConsoleApi console = new ConsoleApi(operators, consoleGuard, consoleAssets,
                new ConsoleFigures(warden.agents(), kpis, warden.incidents().store(), warden.approvals(), options.clock(),
                        decisionFeed::perMinute),
                consoleFeatures, oidcConsole.map(dev.warden.server.console.OidcConsole::displayName));
        Javalin app = Javalin.create(cfg -> {
            cfg.jetty.host = options.host();
            cfg.jetty.port = options.port();
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.concurrency.useVirtualThreads = true;
            cfg.jetty.threadPool = new PlatformFirstThreadPool("warden-http", PLATFORM_THREADS);
            cfg.jetty.modifyServer(WardenServer::acceptBacklog);
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            errors(cfg, auth, console);
            cfg.events.serverStopping(liveConsole::close); // live feed streams end before their responses go
            cfg.routes.get("/healthz", ctx -> Responses.json(ctx, 200, Map.of("status", "ok")));
            new TokenApi(tokens, assertions, warden.auditLog(), warden.sessionLabels(), options.clock()).register(cfg.routes);
            new AgentsApi(auth, warden.agents()).register(cfg.routes);
            new KillApi(auth, warden.agents()).register(cfg.routes);
            new RollbackApi(auth, warden.rollbacks(), warden.agents(), options.clock()).register(cfg.routes);
            new AlertsApi(auth, warden.alerts()).register(cfg.routes);
            new BreakersApi(auth, warden.breakers()).register(cfg.routes);
            warden.behavior().ifPresent(m -> new BaselineApi(auth, warden.agents(), m).register(cfg.routes));
            new ShadowApi(auth, warden.agents(), shadow).register(cfg.routes);
            new dev.warden.server.api.v1.ControlsApi(auth, warden.agents(), controls).register(cfg.routes);
            new PromotionEvidenceApi(auth, warden.agents(), promotionEvidence).register(cfg.routes);
            new ReadinessApi(auth, warden.agents(), gateEvidence, controls).register(cfg.routes);
            new dev.warden.server.api.v1.PromotionsApi(auth, new dev.warden.maturity.Promotions(warden.agents(), gateEvidence,
                    controls::check, warden.auditLog(), options.clock())).register(cfg.routes);
            new DemotionsApi(auth, demotions).register(cfg.routes);
            new dev.warden.server.api.v1.DossierApi(auth, warden.agents(), warden.auditStore(), warden.incidents().store(),
                    gateEvidence, shadow, controls, auditLog, options.clock())
                    .register(cfg.routes);
            new SessionsApi(auth, warden.agents(), warden.sessionLabels()).register(cfg.routes);
            new IncidentsApi(auth, warden.incidents()).register(cfg.routes);
            new KpisApi(auth, kpis).register(cfg.routes);
            new MetricsApi(auth, new AuditMetrics(warden.auditStore(),
                    warden.incidents().store(), kpis, options.clock())).register(cfg.routes);
            new DecisionsApi(auth, warden.decisions(), warden.outcomes(), config.maxBodyBytes())
                    .outputs(OutputScans.of(warden, options.clock())).register(cfg.routes);
            new ScanApi(auth, warden.data().orElseThrow(), warden.agents()).register(cfg.routes);
            new ApprovalsApi(auth, warden.approvals(), options.clock(), warden.agents(), riskOf(warden), sod, approverGroups)
                    .review(warden.approvalReviews(), warden.approvalStatistics())
                    .register(cfg.routes);
            new GrantsApi(auth, warden.grants(), warden.agents(), sod, options.clock()).register(cfg.routes);
            new OperatorsApi(auth, operators).register(cfg.routes);
            new OidcLoginApi(operators, OperatorsConfigLoader.oidc(options.configDir()).map(o -> new IdTokenVerifier(o,
                    new JwksSource(o, options.clock()), options.clock()))).register(cfg.routes);
            new AuditApi(auth, warden.auditStore()).register(cfg.routes);
            new AuditLogApi(auth, auditLog).register(cfg.routes);
            console.register(cfg.routes);
            gateway.ifPresent(g -> {
                mount(cfg, g);
                new McpApi(auth, g).register(cfg.routes);
            });
        });
        return app.start();
    }

    /** The console's OIDC sign-in, when {@code operators.oidc} is configured. */
    private static Optional<dev.warden.server.console.OidcConsole> oidcConsole(ServerOptions options, OperatorService operators) {
        Optional<dev.warden.server.oidc.OidcSettings> settings = OperatorsConfigLoader.oidc(options.configDir());
        Optional<dev.warden.server.oidc.OidcClient> client = OperatorsConfigLoader.client(options.configDir(), System::getenv);
        if (settings.isEmpty() || client.isEmpty()) {
            return Optional.empty();
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2))
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        dev.warden.server.oidc.OidcSettings o = settings.get();
        return Optional.of(new dev.warden.server.console.OidcConsole(operators, client.get(),
                new IdTokenVerifier(o, new JwksSource(o, http, options.clock()), options.clock()),
                new dev.warden.server.oidc.ProviderEndpoints(o, http, options.clock()),
                new dev.warden.server.oidc.CodeExchange(client.get(), http),
                new dev.warden.server.console.PendingOidcLogins(options.clock(), new SecureRandom()),
                dev.warden.server.config.ApprovalReviewLoader.load(options.configDir()).publicUrl()));
    }

    /** Operator accounts on the store, audited; sign-in limited per name and source. */
    private static OperatorService operators(Warden warden, JdbcStores stores, ServerOptions options) {
        SecureRandom random = new SecureRandom();
        return new OperatorService(stores.operators(), warden.auditLog(), options.clock(), random,
                new PasswordHasher(random), new SignInLimiter(options.clock()), OperatorService.TOKEN_TTL);
    }

    /**
     * Lets the kernel queue up to {@value #ACCEPT_BACKLOG} connections not yet accepted (the JDK's
     * default is 50): a burst of agents connecting at once during a pause must not overflow the queue,
     * where every dropped handshake costs its client a SYN retransmission of a second or more.
     */
    private static void acceptBacklog(org.eclipse.jetty.server.Server server) {
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
                    if (c instanceof org.eclipse.jetty.server.ServerConnector sc) {
                        sc.setAcceptQueueSize(ACCEPT_BACKLOG);
                    }
                }
            }
        });
    }

    private static void errors(JavalinConfig cfg, Auth auth, ConsoleApi console) {
        // requests Jetty rejects before routing, and servlet errors, get the API's JSON errors too
        JsonErrorHandler jsonErrors = new JsonErrorHandler();
        cfg.jetty.modifyServer(server -> server.setErrorHandler(jsonErrors));
        cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(jsonErrors));
        cfg.routes.before(ctx -> QueryStrings.check(ctx.queryString()));
        cfg.routes.exception(WardenException.class, (e, ctx) -> {
            if (ConsoleApi.isConsole(ctx.path())) {
                // the console answers people: an HTML page, never JSON or a trace
                console.errorPage(ctx, switch (e.code().kind()) {
                    case BAD_REQUEST, TOO_LARGE -> 400;
                    case UNAUTHENTICATED, FORBIDDEN -> 403;
                    case NOT_FOUND -> 404;
                    case TOO_MANY_REQUESTS -> 429;
                    default -> 500;
                });
                return;
            }
            auth.recordRefusal(ctx, e);
            Responses.error(ctx, e);
        });
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (ConsoleApi.isConsole(ctx.path())) {
                console.errorPage(ctx, e.getStatus());
                return;
            }
            Responses.error(ctx, e.getStatus(), Responses.code(e.getStatus()), e.getMessage());
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            if (ConsoleApi.isConsole(ctx.path())) {
                LOG.log(Level.ERROR, "unhandled error on " + ctx.method() + " " + ctx.path(), e);
                console.errorPage(ctx, 500);
                return;
            }
            org.eclipse.jetty.http.HttpException unreadable = JsonErrorHandler.httpCause(e);
            if (unreadable != null && unreadable.getCode() >= 400 && unreadable.getCode() < 500) {
                // a body Jetty could not read (broken chunking, cut short): the client's fault, not ours
                Responses.error(ctx, unreadable.getCode(), Responses.code(unreadable.getCode()),
                        JsonErrorHandler.describe(unreadable.getCode(), unreadable.getReason()));
                return;
            }
            if (e instanceof java.nio.charset.UnsupportedCharsetException
                    || e instanceof java.nio.charset.IllegalCharsetNameException) {
                Responses.error(ctx, 400, "invalid_request", "Content-Type names a charset Warden does not know; send UTF-8");
                return;
            }
            LOG.log(Level.ERROR, "unhandled error on " + ctx.method() + " " + ctx.path(), e);
            Responses.error(ctx, 500, "internal_error", "internal error; see the server log");
        });
        cfg.routes.error(404, ctx -> {
            if (ConsoleApi.isConsole(ctx.path())) {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    console.errorPage(ctx, 404);
                }
                return;
            }
            if (ctx.result() == null || ctx.result().isEmpty()) {
                Responses.error(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
        cfg.routes.error(405, ctx -> {
            if (ConsoleApi.isConsole(ctx.path())) {
                console.errorPage(ctx, 405);
                return;
            }
            Responses.error(ctx, 405, "method_not_allowed", "method not allowed");
        });
    }

    private static void auditPolicyLoad(Warden warden, WardenConfig config, PolicyEngine engine, ServerOptions options) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("config_dir", options.configDir().toAbsolutePath().normalize().toString());
        fields.put("files", config.policyDigests());
        fields.put("policy_ids", engine.policyIds());
        fields.put("tools", warden.rules().catalog().tools().stream().map(t -> t.name()).sorted().toList());
        fields.put("actor", Actor.system("startup").toString());
        warden.auditLog().appendDurably(AuditEvent.of("policy.loaded", options.clock().instant(), fields));
    }

    private static String adminToken(ServerOptions options, Path data) throws IOException {
        if (options.adminToken().isPresent()) {
            String t = options.adminToken().get();
            if (t.length() < 16) {
                throw new IllegalArgumentException("WARDEN_ADMIN_TOKEN must be at least 16 characters");
            }
            return t;
        }
        Path file = data.resolve("admin.token");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = "wdn_op_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SigningKey.writePrivate(file, token + "\n");
        return token;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8470}. */
    public String url() {
        return "http://" + http.jettyServer().server().getURI().getHost() + ":" + http.port();
    }

    /** The bound port. */
    public int port() {
        return http.port();
    }

    /** The operator token. */
    public String adminToken() {
        return adminToken;
    }

    /** The embedded Warden (decision point, registry, approvals, audit). */
    public Warden warden() {
        return warden;
    }

    /** The verifiable audit log (checkpoints, proofs, exports). */
    public VerifiableLog auditLog() {
        return auditLog;
    }

    /**
     * The approver groups of {@code approvals.groups}: who may approve an approval naming a group,
     * and the alert channels to notify of one ({@link ApproverGroups#notifyChannels(dev.warden.approval.Approval)}).
     */
    public ApproverGroups approverGroups() {
        return approverGroups;
    }

    /** The loaded configuration. */
    public WardenConfig config() {
        return config;
    }

    /** The MCP gateway, when the configuration has an {@code mcp:} section. */
    public Optional<McpGateway> mcpGateway() {
        return gateway;
    }

    /** Stops HTTP, flushes the audit log and closes the store (and with it the data directory's lock). */
    @Override
    public void close() {
        DataDirectory.withdrawUrl(data); // while the store's lock still keeps other servers off the directory
        gateway.ifPresent(McpGateway::close);
        http.stop();
        sweeps.close();
        alertDelivery.close(); // what it has not delivered stays in the outbox for the next start
        auditLog.close();
        warden.close();
        stores.close();
    }

    /** The alert outbox's delivery worker. */
    public WebhookDispatcher alertDelivery() {
        return alertDelivery;
    }
}
