package dev.warden.server.console;

import dev.warden.agent.AgentRegistry;
import dev.warden.agent.KillReport;
import dev.warden.agent.KillScope;
import dev.warden.operator.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The scoped kill switch ({@code /console/kill}, admins only): every agent of an owner, of a
 * project, or all agents, through the registry method {@code POST /v1/kill} calls, with a reason,
 * audited with the operator's name ({@code agent.killed} per agent and one {@code agent.kill_scoped}).
 */
public final class KillConsole implements ConsoleFeature {
    private static final String PAGE = "/console/kill";

    private final AgentRegistry agents;

    /** The switch over these agents. */
    public KillConsole(AgentRegistry agents) {
        this.agents = agents;
    }

    @Override
    public void register(RoutesConfig routes, ConsoleGuard guard) {
        routes.get(PAGE, guard.get((ctx, in) -> {
            if (guard.require(ctx, in, Role.ADMIN)) {
                guard.pages().send(ctx, 200, "kill.jte", new KillView(in.chrome(), Optional.empty()));
            }
        }));
        routes.post(PAGE, guard.post((ctx, in) -> {
            if (guard.require(ctx, in, Role.ADMIN)) {
                kill(ctx, guard, in);
            }
        }));
    }

    private void kill(Context ctx, ConsoleGuard guard, SignedIn in) {
        String scope = Optional.ofNullable(ctx.formParam("scope")).orElse("");
        String value = Optional.ofNullable(ctx.formParam("value")).map(String::strip).orElse("");
        String reason = Optional.ofNullable(ctx.formParam("reason")).map(String::strip).orElse("");
        if (reason.isEmpty()) {
            guard.pages().error(ctx, 400, "Reason missing", "Say why: the reason is recorded with the kill. Go back and fill it in.");
            return;
        }
        KillScope s;
        switch (scope) {
            case "owner", "project" -> {
                if (value.isEmpty()) {
                    guard.pages().error(ctx, 400, "Value missing", "Name the " + scope + " whose agents to kill. Go back and fill it in.");
                    return;
                }
                s = "owner".equals(scope) ? new KillScope.Owner(value) : new KillScope.Project(value);
            }
            case "all" -> s = new KillScope.All();
            default -> {
                guard.pages().error(ctx, 400, "Scope missing", "Choose owner, project or all.");
                return;
            }
        }
        KillReport report = agents.kill(s, in.principal().actor(), reason);
        guard.pages().send(ctx, 200, "kill.jte", new KillView(in.chrome(), Optional.of(new KillView.Result(
                "all".equals(scope) ? "all agents" : scope + " " + value, report.killed(), report.alreadyKilled()))));
    }
}
