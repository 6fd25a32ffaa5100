package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.incident.Incident;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentService;
import dev.warden.incident.IncidentState;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Incident endpoints (operator): {@code GET /v1/incidents} newest first with filters and paging,
 * {@code GET /v1/incidents/{id}} with its timeline and responses,
 * {@code POST /v1/incidents/{id}/ack|resolve|false-positive} (body optional: {@code {"note": "..."}}),
 * {@code POST /v1/incidents/{id}/responses/{n}/undo}.
 */
public final class IncidentsApi {
    private static final String ID = "inc_[0-9a-f]{32}";
    private final Auth auth;
    private final IncidentService incidents;

    /** Wires the endpoints. */
    public IncidentsApi(Auth auth, IncidentService incidents) {
        this.auth = auth;
        this.incidents = incidents;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/incidents", this::list);
        routes.get("/v1/incidents/{id}", this::one);
        routes.post("/v1/incidents/{id}/ack", ctx -> move(ctx, incidents::acknowledge));
        routes.post("/v1/incidents/{id}/resolve", ctx -> move(ctx, incidents::resolve));
        routes.post("/v1/incidents/{id}/false-positive", ctx -> move(ctx, incidents::falsePositive));
        routes.post("/v1/incidents/{id}/responses/{n}/undo", this::undo);
    }

    /** An operator action on an incident. */
    @FunctionalInterface
    private interface Move {
        Incident apply(String id, Actor by, String note);
    }

    private void list(Context ctx) {
        auth.operator(ctx);
        Optional<String> agent = param(ctx, "agent");
        Optional<IncidentState> state = param(ctx, "state").map(s -> {
            try {
                return IncidentState.parse(s);
            } catch (IllegalArgumentException e) {
                throw new WardenException(ErrorCode.INVALID_FIELD, e.getMessage());
            }
        });
        Optional<String> before = param(ctx, "before").map(b -> {
            if (!b.matches(ID)) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "before must be an incident id (inc_ and 32 hex digits)");
            }
            return b;
        });
        int limit = Queries.intParam(ctx, "limit", 100, 1, 1000);
        List<Incident> page = incidents.list(new IncidentQuery(agent, state, before, limit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("incidents", page.stream().map(IncidentsApi::summary).toList());
        // the last id of a full page: before= it gives the next (older) page
        out.put("next_before", page.size() == limit ? page.getLast().id() : null);
        Responses.json(ctx, 200, out);
    }

    /** An incident without its timeline (the list form). */
    private static Map<String, Object> summary(Incident i) {
        Map<String, Object> m = i.toMap();
        m.put("anomalies", i.timeline().stream().filter(e -> e.type().equals("anomaly")).count());
        m.remove("timeline");
        return m;
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(s -> !s.isBlank());
    }

    private void one(Context ctx) {
        auth.operator(ctx);
        Responses.json(ctx, 200, find(ctx.pathParam("id")).toMap());
    }

    private void move(Context ctx, Move move) {
        Actor operator = auth.operator(ctx);
        String id = ctx.pathParam("id");
        find(id);
        String body = ctx.body();
        String note = null;
        if (!body.isBlank()) {
            note = Fields.of(Json.parseObject(body)).allowOnly(Set.of("note")).optString("note").orElse(null);
        }
        Responses.json(ctx, 200, move.apply(id, operator, note).toMap());
    }

    private void undo(Context ctx) {
        Actor operator = auth.operator(ctx);
        String id = ctx.pathParam("id");
        find(id);
        String n = ctx.pathParam("n");
        if (!n.matches("[1-9][0-9]{0,5}")) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "n must be a response number (1, 2, ...)");
        }
        Responses.json(ctx, 200, incidents.undo(id, Integer.parseInt(n), operator).toMap());
    }

    private Incident find(String id) {
        if (!id.matches(ID)) {
            throw new WardenException(ErrorCode.INCIDENT_NOT_FOUND, "no incident with id '" + id + "'");
        }
        return incidents.find(id).orElseThrow(() -> new WardenException(ErrorCode.INCIDENT_NOT_FOUND, "no incident with id '" + id + "'"));
    }
}
