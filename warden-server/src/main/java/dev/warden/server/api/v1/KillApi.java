package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.KillReport;
import dev.warden.agent.KillScope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scoped kill switch (operator only): one agent, an owner's, a project's, or all agents. */
public final class KillApi {
    private static final List<String> SCOPES = List.of("agent", "owner", "project", "all");

    private final Auth auth;
    private final AgentRegistry agents;

    /** Wires the endpoint. */
    public KillApi(Auth auth, AgentRegistry agents) {
        this.auth = auth;
        this.agents = agents;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/kill", this::kill);
    }

    private void kill(Context ctx) {
        Actor operator = auth.operator(ctx);
        Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("agent", "owner", "project", "all", "reason"));
        KillScope scope = scope(f);
        String reason = f.string("reason");
        KillReport report = agents.kill(scope, operator, reason);
        Responses.json(ctx, 200, Map.of("killed", report.killed(), "already_killed", report.alreadyKilled()));
    }

    private static KillScope scope(Fields f) {
        List<String> given = SCOPES.stream().filter(f.map()::containsKey).toList();
        if (given.isEmpty()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, "one of agent, owner, project or all is required");
        }
        if (given.size() > 1) {
            throw new WardenException(ErrorCode.INVALID_FIELD,
                    String.join(", ", given) + ": give exactly one of agent, owner, project or all");
        }
        return switch (given.getFirst()) {
            case "agent" -> new KillScope.OneAgent(f.string("agent"));
            case "owner" -> new KillScope.Owner(f.string("owner"));
            case "project" -> new KillScope.Project(f.string("project"));
            default -> {
                if (!Boolean.TRUE.equals(f.map().get("all"))) {
                    throw new WardenException(ErrorCode.INVALID_FIELD, "all must be true");
                }
                yield new KillScope.All();
            }
        };
    }
}
