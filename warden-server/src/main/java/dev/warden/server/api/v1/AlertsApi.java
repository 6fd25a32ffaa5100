package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.alert.Alert;
import dev.warden.alert.AlertQuery;
import dev.warden.alert.AlertService;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.AlertState;
import dev.warden.server.alert.AlertPayloads;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alert endpoints (operator): {@code GET /v1/alerts} newest first with filters and paging,
 * {@code GET /v1/alerts/{id}} with its deliveries, {@code POST /v1/alerts/{id}/ack}.
 */
public final class AlertsApi {
    private static final String ID = "alr_[0-9a-f]{32}";
    private final Auth auth;
    private final AlertService alerts;

    /** Wires the endpoints. */
    public AlertsApi(Auth auth, AlertService alerts) {
        this.auth = auth;
        this.alerts = alerts;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/alerts", this::list);
        routes.get("/v1/alerts/{id}", this::one);
        routes.post("/v1/alerts/{id}/ack", this::ack);
    }

    private void list(Context ctx) {
        auth.operator(ctx);
        Optional<String> agent = param(ctx, "agent");
        Optional<AlertSeverity> severity = param(ctx, "severity").map(s -> {
            try {
                return AlertSeverity.parse(s);
            } catch (IllegalArgumentException e) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "severity must be info, warning or critical");
            }
        });
        Optional<AlertState> state = param(ctx, "state").map(s -> {
            try {
                return AlertState.parse(s);
            } catch (IllegalArgumentException e) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "state must be open or acked");
            }
        });
        Optional<String> before = param(ctx, "before").map(b -> {
            if (!b.matches(ID)) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "before must be an alert id (alr_ and 32 hex digits)");
            }
            return b;
        });
        int limit = Queries.intParam(ctx, "limit", 100, 1, 1000);
        List<Alert> page = alerts.list(new AlertQuery(agent, severity, state, before, limit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alerts", page.stream().map(AlertPayloads::alert).toList());
        // the last id of a full page: before= it gives the next (older) page
        out.put("next_before", page.size() == limit ? page.getLast().id() : null);
        Responses.json(ctx, 200, out);
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(s -> !s.isBlank());
    }

    private void one(Context ctx) {
        auth.operator(ctx);
        Alert a = find(ctx.pathParam("id"));
        Map<String, Object> out = AlertPayloads.alert(a);
        out.put("deliveries", alerts.store().deliveries(a.id()).stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("delivery_id", d.id());
            m.put("channel", d.channel());
            m.put("to", d.recipient().orElse(null));
            m.put("attempts", d.attempts());
            m.put("next_attempt_at", d.deliveredAt().isPresent() ? null : d.nextAttemptAt().toString());
            m.put("delivered_at", d.deliveredAt().map(Object::toString).orElse(null));
            m.put("last_error", d.lastError().orElse(null));
            return m;
        }).toList());
        Responses.json(ctx, 200, out);
    }

    private void ack(Context ctx) {
        var operator = auth.operator(ctx);
        String id = ctx.pathParam("id");
        find(id);
        Responses.json(ctx, 200, AlertPayloads.alert(alerts.ack(id, operator)));
    }

    private Alert find(String id) {
        if (!id.matches(ID)) {
            throw new WardenException(ErrorCode.ALERT_NOT_FOUND, "no alert with id '" + id + "'");
        }
        return alerts.find(id).orElseThrow(() -> new WardenException(ErrorCode.ALERT_NOT_FOUND, "no alert with id '" + id + "'"));
    }
}
