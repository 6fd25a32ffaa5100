package dev.warden.server.api.v1;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /v1/audit/entries} (operator): pages through the audit trail in sequence order. */
public final class AuditApi {
    private final Auth auth;
    private final AuditStore store;

    /** Wires the endpoint. */
    public AuditApi(Auth auth, AuditStore store) {
        this.auth = auth;
        this.store = store;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/audit/entries", this::entries);
    }

    private void entries(Context ctx) {
        auth.operator(ctx);
        long after = Queries.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = Queries.intParam(ctx, "limit", 100, 1, 1000);
        List<AuditRecord> page = store.read(new AuditQuery(after, limit,
                Optional.ofNullable(ctx.queryParam("agent")).filter(s -> !s.isBlank()),
                Optional.ofNullable(ctx.queryParam("kind")).filter(s -> !s.isBlank())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", page.stream().map(WireForms::auditRecord).toList());
        out.put("next_after", page.isEmpty() ? after : page.getLast().seq());
        Responses.json(ctx, 200, out);
    }
}
