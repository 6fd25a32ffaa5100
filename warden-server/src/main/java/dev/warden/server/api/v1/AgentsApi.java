package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.MaturityLevel;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent registry endpoints: register, read, list, level, kill, quarantine, restore (admin); an
 * auditor reads; an owner reads, kills and quarantines the agents it owns.
 */
public final class AgentsApi {
    private static final Set<String> FIELDS = Set.of("name", "owner", "purpose", "capabilities", "version",
            "config_digest", "project", "environment", "level", "level_reason", "public_keys");
    private static final Set<String> KEY_FIELDS = Set.of("kty", "crv", "x", "kid", "use", "alg");

    private final Auth auth;
    private final AgentRegistry agents;

    /** Wires the endpoints. */
    public AgentsApi(Auth auth, AgentRegistry agents) {
        this.auth = auth;
        this.agents = agents;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/agents", this::create);
        routes.get("/v1/agents", ctx -> {
            // an owner (without admin or auditor) lists the agents it owns
            dev.warden.operator.OperatorPrincipal p = auth.principal(ctx);
            boolean all = Auth.unscoped(p, ctx);
            if (!all && !p.has(dev.warden.operator.Role.OWNER)) {
                throw Auth.forbidden(p, "list agents", "admin, auditor or owner");
            }
            Responses.json(ctx, 200, Map.of("agents", agents.list().stream().filter(a -> all || p.owns(a.owner()))
                    .map(WireForms::agent).toList()));
        });
        routes.get("/v1/agents/{name}", ctx -> {
            auth.operatorOrOwner(ctx, ctx.pathParam("name"));
            Responses.json(ctx, 200, WireForms.agent(agents.require(ctx.pathParam("name"))));
        });
        routes.post("/v1/agents/{name}/kill", ctx -> status(ctx, "kill"));
        routes.post("/v1/agents/{name}/quarantine", ctx -> status(ctx, "quarantine"));
        routes.post("/v1/agents/{name}/restore", this::restore);
        routes.post("/v1/agents/{name}/level", this::level);
        routes.post("/v1/agents/{name}/identity", this::identity);
    }

    private void create(Context ctx) {
        Actor operator = auth.operator(ctx);
        Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(FIELDS);
        List<AgentKey> keys = new ArrayList<>();
        for (Fields k : f.objects("public_keys")) {
            k.allowOnly(KEY_FIELDS);
            if (!"OKP".equals(k.string("kty")) || !"Ed25519".equals(k.string("crv"))) {
                throw new WardenException(ErrorCode.INVALID_FIELD, k.prefix() + "kty/crv must be OKP/Ed25519");
            }
            keys.add(new AgentKey(k.string("kid"), k.string("x")));
        }
        AgentRegistration r = new AgentRegistration(f.string("name"), f.optString("owner").orElse(null),
                f.optString("purpose").orElse(null), f.strings("capabilities"), f.optString("version").orElse(null),
                f.optString("config_digest").orElse(null), f.optString("project").orElse(null),
                f.optString("environment").orElse(null), f.optString("level").map(MaturityLevel::parse), keys);
        String levelReason = f.optString("level_reason").orElse("").trim();
        if (r.level().filter(l -> l != MaturityLevel.INTERN).isPresent() && levelReason.isEmpty()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, "level_reason: a starting level above intern is granted"
                    + " without the promotion gates; say why (it is recorded and the agent is flagged until it passes them)");
        }
        Responses.json(ctx, 201, WireForms.agent(agents.register(r, operator, levelReason)));
    }

    private void status(Context ctx, String change) {
        Actor operator = auth.operatorOrOwner(ctx, ctx.pathParam("name"));
        String reason = reason(ctx);
        String name = ctx.pathParam("name");
        var agent = "kill".equals(change) ? agents.kill(name, operator, reason) : agents.quarantine(name, operator, reason);
        Responses.json(ctx, 200, WireForms.agent(agent));
    }

    private void restore(Context ctx) {
        Actor operator = auth.operator(ctx);
        Fields f = ctx.body().isBlank() ? null : Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("level", "reason"));
        // without a level the registry restores one level below the one the agent had
        MaturityLevel level = f == null ? null : f.optString("level").map(MaturityLevel::parse).orElse(null);
        String reason = f == null ? "" : f.optString("reason").orElse("");
        Responses.json(ctx, 200, WireForms.agent(agents.restore(ctx.pathParam("name"), level, operator, reason)));
    }

    /** A new version or configuration digest (model, prompt, tools): recorded, and reviewed before it is trusted. */
    private void identity(Context ctx) {
        Actor operator = auth.operatorOrOwner(ctx, ctx.pathParam("name"));
        Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("version", "config_digest", "reason"));
        Responses.json(ctx, 200, WireForms.agent(agents.changeIdentity(ctx.pathParam("name"), f.string("version"),
                f.string("config_digest"), operator, f.optString("reason").orElse(""))));
    }

    private void level(Context ctx) {
        Actor operator = auth.operator(ctx);
        Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("level", "reason"));
        MaturityLevel level = MaturityLevel.parse(f.string("level"));
        String reason = f.optString("reason").orElse("").trim();
        if (reason.isEmpty() && level.compareTo(agents.require(ctx.pathParam("name")).level()) > 0) {
            throw new WardenException(ErrorCode.MISSING_FIELD, "reason: a raise here is granted without the promotion gates"
                    + " and needs a reason (POST /v1/agents/{name}/promotions promotes through the gates)");
        }
        Responses.json(ctx, 200, WireForms.agent(agents.setLevel(ctx.pathParam("name"), level, operator, reason)));
    }

    private static String reason(Context ctx) {
        if (ctx.body().isBlank()) {
            return "";
        }
        Optional<String> r = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("reason")).optString("reason");
        return r.orElse("");
    }
}
