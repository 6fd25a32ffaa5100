package dev.warden.server.console;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import dev.warden.server.api.v1.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The live decision feed: {@code GET /console/live} (the page, with its agent and decision
 * filters), {@code GET /console/live/stream} (the decisions as server-sent events, filtered on the
 * server; an operator with only the {@code owner} role gets only its agents' decisions) and
 * {@code GET /console/live/rate} (the overview's decisions per minute, as JSON). A stream ends when
 * its session does (signed out, timed out, operator disabled); it does not keep the session alive.
 */
public final class LiveConsole implements ConsoleFeature {
    /** The page. */
    public static final String PAGE = "/console/live";
    /** The event stream. */
    public static final String STREAM = "/console/live/stream";
    /** The decisions per minute. */
    public static final String RATE = "/console/live/rate";
    private static final int MAX_SUGGESTED = 500;
    private static final List<LiveView.Choice> DECISIONS = List.of(
            new LiveView.Choice("allow", "Allowed", false),
            new LiveView.Choice("deny", "Denied", false),
            new LiveView.Choice("approval_required", "Approval required", false));

    private final DecisionFeed feed;
    private final AgentRegistry agents;
    private final Duration heartbeat;
    private final Duration sessionCheck;
    private final ExecutorService writers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("warden-live-", 0).factory());

    /** The feed's pages over {@code feed}, showing the agents of {@code agents}. */
    public LiveConsole(DecisionFeed feed, AgentRegistry agents) {
        this(feed, agents, LiveStream.HEARTBEAT, LiveStream.SESSION_CHECK);
    }

    /** With other heartbeat and session check intervals (tests). */
    LiveConsole(DecisionFeed feed, AgentRegistry agents, Duration heartbeat, Duration sessionCheck) {
        this.feed = feed;
        this.agents = agents;
        this.heartbeat = heartbeat;
        this.sessionCheck = sessionCheck;
    }

    @Override
    public void register(RoutesConfig routes, ConsoleGuard guard) {
        routes.get(PAGE, guard.get((ctx, in) -> page(ctx, in, guard)));
        routes.get(STREAM, guard.get((ctx, in) -> stream(ctx, in, guard)));
        routes.get(RATE, guard.get((ctx, in) -> {
            ctx.header("Cache-Control", "no-store");
            ctx.contentType("application/json");
            ctx.result(Json.write(Map.of("decisions_per_minute", feed.perMinute())));
        }));
    }

    private void page(Context ctx, SignedIn in, ConsoleGuard guard) {
        FeedFilter filter = FeedFilter.of(ctx.queryParam("agent"), ctx.queryParam("decision"));
        String agent = filter.agent().orElse("");
        String decision = filter.decision().orElse("");
        String stream = STREAM + "?agent=" + enc(agent) + "&decision=" + enc(decision);
        List<String> names = agents.list().stream().filter(visibility(in.principal())::test0).map(Agent::name)
                .sorted().limit(MAX_SUGGESTED).toList();
        List<LiveView.Choice> choices = DECISIONS.stream()
                .map(c -> new LiveView.Choice(c.value(), c.label(), c.value().equals(decision))).toList();
        guard.pages().send(ctx, 200, "live.jte", new LiveView(in.chrome(), agent, decision, stream, names, choices));
    }

    private void stream(Context ctx, SignedIn in, ConsoleGuard guard) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            guard.pages().error(ctx, 406, "Not acceptable", "This address is an event stream for the live feed page.");
            return;
        }
        Optional<FeedSubscriber> subscriber = feed.subscribe(FeedFilter.of(ctx.queryParam("agent"), ctx.queryParam("decision")));
        if (subscriber.isEmpty()) {
            guard.pages().error(ctx, 503, "Too many listeners", "The live feed has as many listeners as it serves. Try again later.");
            return;
        }
        String sessionId = in.session().id();
        LiveStream stream = new LiveStream(subscriber.get(), () -> guard.sessions().peek(sessionId)
                .flatMap(guard::signedIn).<Predicate<String>>map(now -> visibility(now.principal())), heartbeat, sessionCheck);
        ctx.status(200);
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setContentType("text/event-stream");
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Accel-Buffering", "no");
        ctx.async(cfg -> {
            cfg.executor = writers;
            cfg.timeout = 0;
        }, () -> {
            try {
                stream.run(ctx.res().getOutputStream());
            } catch (java.io.IOException | IllegalStateException gone) {
                // the client went away (or the server stopped and took the response back)
            } finally {
                feed.unsubscribe(subscriber.get());
            }
        });
    }

    /**
     * Ends every stream and waits a little for their writers, so that the HTTP server, stopped
     * next, finds no response still being written.
     */
    public void close() {
        feed.close();
        writers.shutdown();
        try {
            writers.awaitTermination(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Which agents' decisions {@code p} may see: all for admins, auditors and approvers, else those it owns. */
    private Visibility visibility(OperatorPrincipal p) {
        boolean all = p.has(Role.ADMIN) || p.has(Role.AUDITOR) || p.has(Role.APPROVER);
        return new Visibility(all, p, agents);
    }

    /** Whether an agent (by name) is one the operator may see. */
    private record Visibility(boolean all, OperatorPrincipal principal, AgentRegistry agents) implements Predicate<String> {
        @Override
        public boolean test(String agent) {
            return all || agents.find(agent).map(a -> principal.owns(a.owner())).orElse(false);
        }

        boolean test0(Agent a) {
            return all || principal.owns(a.owner());
        }
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
