package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.demotion.Demotion;
import dev.warden.demotion.DemotionService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An agent's demotion records (ATF §4.2, the demotion process step by step):
 * {@code GET /v1/agents/{name}/demotions} newest first and {@code GET /v1/agents/{name}/demotions/{id}}
 * (operators, auditors, the agent's owner); {@code POST .../{id}/root-cause} {@code {"note", "remediation"}}
 * (admins or the agent's owner); {@code POST .../{id}/reactivate} {@code {"reason"}} (admins: it may
 * restore a quarantined or killed agent).
 */
public final class DemotionsApi {
    private final Auth auth;
    private final DemotionService demotions;

    /** Wires the endpoints. */
    public DemotionsApi(Auth auth, DemotionService demotions) {
        this.auth = auth;
        this.demotions = demotions;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/agents/{name}/demotions", this::list);
        routes.get("/v1/agents/{name}/demotions/{id}", this::one);
        routes.post("/v1/agents/{name}/demotions/{id}/root-cause", this::rootCause);
        routes.post("/v1/agents/{name}/demotions/{id}/reactivate", this::reactivate);
    }

    private void list(Context ctx) {
        String name = ctx.pathParam("name");
        auth.operatorOrOwner(ctx, name);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", name);
        out.put("demotions", demotions.list(name).stream().map(DemotionsApi::wire).toList());
        Responses.json(ctx, 200, out);
    }

    private void one(Context ctx) {
        String name = ctx.pathParam("name");
        auth.operatorOrOwner(ctx, name);
        Responses.json(ctx, 200, wire(demotions.require(name, ctx.pathParam("id"))));
    }

    private void rootCause(Context ctx) {
        String name = ctx.pathParam("name");
        Actor by = auth.operatorOrOwner(ctx, name);
        Map<String, Object> body = body(ctx, Set.of("note", "remediation"));
        Responses.json(ctx, 200, wire(demotions.rootCause(name, ctx.pathParam("id"), by, text(body, "note"),
                text(body, "remediation"))));
    }

    private void reactivate(Context ctx) {
        String name = ctx.pathParam("name");
        Actor by = auth.operator(ctx);
        Map<String, Object> body = body(ctx, Set.of("reason"));
        Responses.json(ctx, 200, wire(demotions.reactivate(name, ctx.pathParam("id"), by, text(body, "reason"))));
    }

    private static Map<String, Object> body(Context ctx, Set<String> allowed) {
        if (ctx.body().isBlank()) {
            return Map.of();
        }
        Map<String, Object> m = Json.parseObject(ctx.body());
        Fields.of(m).allowOnly(allowed);
        return m;
    }

    /** A string field (its length is checked by the service: up to 10,000 characters); null when absent. */
    private static String text(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new WardenException(ErrorCode.INVALID_FIELD, field + " must be a string");
    }

    /** The wire form: the record with its steps, and the process steps still pending while it is open. */
    static Map<String, Object> wire(Demotion d) {
        Map<String, Object> m = d.toMap();
        m.put("pending", d.pending());
        return m;
    }
}
