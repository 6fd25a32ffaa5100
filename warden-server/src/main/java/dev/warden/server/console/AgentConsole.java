package dev.warden.server.console;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import dev.warden.server.api.v1.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An agent's page ({@code /console/agents/{name}}), the JSON its charts draw
 * ({@code /console/agents/{name}/activity.json}), and its kill, quarantine and restore actions.
 * Admins, auditors and approvers see every agent, an owner the agents it owns (as on the agents
 * list); any other agent is 404. The actions call the registry methods the JSON API's
 * {@code POST /v1/agents/{name}/kill|quarantine|restore} call, with the API's roles: kill and
 * quarantine an admin or the agent's owner, restore an admin. Each needs a reason and is audited
 * with the operator's name.
 */
public final class AgentConsole implements ConsoleFeature {
    private static final String PAGE = "/console/agents/{name}";

    private final AgentRegistry agents;
    private final AgentPageReader reader;

    /** The page over these agents, reading with {@code reader}. */
    public AgentConsole(AgentRegistry agents, AgentPageReader reader) {
        this.agents = agents;
        this.reader = reader;
    }

    @Override
    public void register(RoutesConfig routes, ConsoleGuard guard) {
        routes.get(PAGE, guard.get((ctx, in) -> visible(ctx, guard, in).ifPresent(a -> guard.pages().send(ctx, 200, "agent.jte",
                reader.page(in.chrome(), a, actions(in.principal(), a))))));
        routes.get(PAGE + "/readiness", guard.get((ctx, in) -> visible(ctx, guard, in).ifPresent(a -> {
            AgentReadinessView v = reader.readiness(in.chrome(), a);
            // htmx swaps the section into the agent page; a browser without scripts opens it as a page
            guard.pages().send(ctx, 200, ctx.header("HX-Request") != null ? "agent-readiness.jte" : "agent-readiness-page.jte", v);
        })));
        routes.get(PAGE + "/activity.json", guard.get((ctx, in) -> visible(ctx, guard, in).ifPresent(a -> {
            ctx.header("Cache-Control", "no-store");
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(Json.write(reader.activity(a.name()).wire()));
        })));
        routes.post(PAGE + "/kill", guard.post((ctx, in) -> act(ctx, guard, in, "kill")));
        routes.post(PAGE + "/quarantine", guard.post((ctx, in) -> act(ctx, guard, in, "quarantine")));
        routes.post(PAGE + "/restore", guard.post((ctx, in) -> act(ctx, guard, in, "restore")));
    }

    /** Whether {@code p} sees {@code a}: admins, auditors and approvers every agent, an owner its own. */
    static boolean maySee(OperatorPrincipal p, Agent a) {
        return p.has(Role.ADMIN) || p.has(Role.AUDITOR) || p.has(Role.APPROVER) || p.owns(a.owner());
    }

    /** The actions {@code p} may take on {@code a}, as the API allows them. */
    static AgentPageView.Actions actions(OperatorPrincipal p, Agent a) {
        boolean admin = p.has(Role.ADMIN);
        return new AgentPageView.Actions(admin || (p.has(Role.OWNER) && p.owns(a.owner())), admin);
    }

    /** The agent of the path if the operator may see it; else answers 404. */
    private Optional<Agent> visible(Context ctx, ConsoleGuard guard, SignedIn in) {
        Optional<Agent> a = agents.find(ctx.pathParam("name")).filter(x -> maySee(in.principal(), x));
        if (a.isEmpty()) {
            guard.errorPage(ctx, 404);
        }
        return a;
    }

    private void act(Context ctx, ConsoleGuard guard, SignedIn in, String action) {
        Optional<Agent> found = visible(ctx, guard, in);
        if (found.isEmpty()) {
            return;
        }
        Agent a = found.get();
        AgentPageView.Actions may = actions(in.principal(), a);
        boolean allowed = "restore".equals(action) ? may.restore() : may.kill();
        if (!allowed) {
            guard.refuse(ctx, in, "restore".equals(action)
                    ? "Restoring an agent needs the role admin. Your roles do not include it."
                    : "This needs the role admin, or the role owner for an agent you own. Your roles do not allow it.");
            return;
        }
        String reason = Optional.ofNullable(ctx.formParam("reason")).map(String::strip).orElse("");
        if (reason.isEmpty()) {
            guard.pages().error(ctx, 400, "Reason missing", "Say why: the reason is recorded with the action. Go back and fill it in.");
            return;
        }
        var actor = in.principal().actor();
        switch (action) {
            case "kill" -> agents.kill(a.name(), actor, reason);
            case "quarantine" -> agents.quarantine(a.name(), actor, reason);
            default -> agents.restore(a.name(), null, actor, reason);
        }
        ctx.redirect("/console/agents/" + URLEncoder.encode(a.name(), StandardCharsets.UTF_8).replace("+", "%20"),
                HttpStatus.SEE_OTHER);
    }
}
