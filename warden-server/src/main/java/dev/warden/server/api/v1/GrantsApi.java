package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.approval.ApprovalTerms;
import dev.warden.grant.ArgCondition;
import dev.warden.grant.Grant;
import dev.warden.grant.GrantId;
import dev.warden.grant.GrantRequest;
import dev.warden.grant.GrantService;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import dev.warden.operator.SeparationOfDuties;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Grant (pre-approval) endpoints: create, list, read, revoke. Creating needs an admin or an approver
 * whose scope covers the agent's project and the tool, and obeys the separation of duties
 * ({@link GrantService#create}); an admin and an auditor list and read every grant, an approver
 * those in its scope. Refusals are {@code forbidden_role} or {@code sod_*} (and recorded as
 * {@code operator.refused}).
 */
public final class GrantsApi {
    private static final Set<String> CREATE_FIELDS = Set.of("agent", "tool", "resource", "session", "when", "max_uses",
            "expires_in", "reason");

    private final Auth auth;
    private final GrantService grants;
    private final AgentRegistry agents;
    private final SeparationOfDuties sod;
    private final Clock clock;

    /** Wires the endpoints. */
    public GrantsApi(Auth auth, GrantService grants, AgentRegistry agents, SeparationOfDuties sod, Clock clock) {
        this.auth = auth;
        this.grants = grants;
        this.agents = agents;
        this.sod = sod;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/grants", this::create);
        routes.get("/v1/grants", this::list);
        routes.get("/v1/grants/{id}", ctx -> {
            OperatorPrincipal p = auth.principal(ctx);
            Grant g = grants.require(new GrantId(ctx.pathParam("id")));
            if (!Auth.unscoped(p, ctx) && !inScope(p, g)) {
                throw Auth.forbidden(p, "read grant " + g.id(), "admin, auditor or an approver of its project and tool");
            }
            Responses.json(ctx, 200, g.wire(clock.instant()));
        });
        routes.post("/v1/grants/{id}/revoke", this::revoke);
    }

    private void create(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        if (!p.has(Role.ADMIN) && !p.has(Role.APPROVER)) {
            throw Auth.forbidden(p, "grant pre-approvals", "admin or an approver of the agent's project and tool");
        }
        Fields body = Fields.of(Json.parseObject(ctx.body())).allowOnly(CREATE_FIELDS);
        List<ArgCondition> when = new ArrayList<>();
        if (body.map().get("when") != null) {
            List<Fields> items = body.objects("when");
            for (int i = 0; i < items.size(); i++) {
                try {
                    when.add(ArgCondition.fromWire(items.get(i).map()));
                } catch (IllegalArgumentException e) {
                    throw new WardenException(ErrorCode.INVALID_FIELD, "when[" + i + "]: " + e.getMessage());
                }
            }
        }
        GrantRequest req = new GrantRequest(body.string("agent"), body.string("tool"), body.optString("resource"),
                body.optString("session"), when, maxUses(body.map().get("max_uses")),
                ttl(body.string("expires_in")), body.string("reason"));
        Grant g = grants.create(p, req, sod);
        Responses.json(ctx, 201, g.wire(clock.instant()));
    }

    private void list(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        boolean all = Auth.unscoped(p, ctx);
        if (!all && !p.has(Role.APPROVER)) {
            throw Auth.forbidden(p, "list grants", "admin, auditor or approver");
        }
        String state = Optional.ofNullable(ctx.queryParam("state")).orElse("active");
        if (!state.equals("active") && !state.equals("all")) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "state must be active or all");
        }
        Optional<String> agent = Optional.ofNullable(ctx.queryParam("agent")).filter(a -> !a.isBlank());
        int limit = Queries.intParam(ctx, "limit", 100, 1, 1000);
        Instant now = clock.instant();
        // an approver's page is filtered after the read: it may hold fewer than limit of its scope
        List<Map<String, Object>> out = grants.list(agent, state.equals("active"), all ? limit : 1000).stream()
                .filter(g -> all || inScope(p, g)).limit(limit).map(g -> g.wire(now)).toList();
        Responses.json(ctx, 200, Map.of("grants", out));
    }

    private void revoke(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        GrantId id = new GrantId(ctx.pathParam("id"));
        Optional<String> note = ctx.body().isBlank() ? Optional.empty()
                : Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("note")).optString("note");
        Grant g = grants.revoke(id, p, note);
        Responses.json(ctx, 200, g.wire(clock.instant()));
    }

    /** Whether the operator's scope covers the grant: admin, or an approver of its agent's project and tool. */
    private boolean inScope(OperatorPrincipal p, Grant g) {
        String project = agents.find(g.agent()).map(Agent::project).orElse("");
        return p.mayApprove(project, g.tool());
    }

    private static OptionalLong maxUses(Object v) {
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v instanceof Long n) {
            return OptionalLong.of(n);
        }
        if (v instanceof Integer n) {
            return OptionalLong.of(n);
        }
        throw new WardenException(ErrorCode.INVALID_FIELD, "max_uses must be a whole number");
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d} (as policies write them), or an ISO-8601 duration ({@code PT2H}). */
    static Duration ttl(String text) {
        try {
            return ApprovalTerms.parseDuration(text);
        } catch (IllegalArgumentException notShort) {
            try {
                return Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "expires_in must be a duration such as 30m, 2h, 1d or PT2H");
            }
        }
    }
}
