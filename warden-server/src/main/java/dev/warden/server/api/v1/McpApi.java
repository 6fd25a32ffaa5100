package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.mcp.GatewayException;
import dev.warden.mcp.McpGateway;
import dev.warden.mcp.ToolView;
import dev.warden.mcp.UpstreamView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MCP gateway endpoints (operator): {@code GET /v1/mcp/tools} (upstream tools with pin state and
 * classification), {@code POST /v1/mcp/tools/{name}/approve} (approve a changed or new tool
 * definition; optional body {@code {"hash": "<pending hash reviewed>"}}) and
 * {@code GET /v1/mcp/upstreams}.
 */
public final class McpApi {
    private final Auth auth;
    private final McpGateway gateway;

    /** Wires the endpoints. */
    public McpApi(Auth auth, McpGateway gateway) {
        this.auth = auth;
        this.gateway = gateway;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.exception(GatewayException.class, (e, ctx) -> Responses.error(ctx, e.status(), e.code(), e.getMessage()));
        routes.get("/v1/mcp/tools", ctx -> {
            auth.operator(ctx);
            Responses.json(ctx, 200, Map.of("tools", gateway.tools().stream().map(McpApi::tool).toList()));
        });
        routes.get("/v1/mcp/upstreams", ctx -> {
            auth.operator(ctx);
            Responses.json(ctx, 200, Map.of("upstreams", gateway.upstreams().stream().map(McpApi::upstream).toList()));
        });
        routes.post("/v1/mcp/tools/{name}/approve", this::approve);
    }

    private void approve(Context ctx) {
        Actor operator = auth.operator(ctx);
        Optional<String> hash = ctx.body().isBlank() ? Optional.empty()
                : Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("hash")).optString("hash");
        Responses.json(ctx, 200, tool(gateway.approve(ctx.pathParam("name"), operator, hash)));
    }

    private static Map<String, Object> tool(ToolView t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("upstream", t.upstream());
        m.put("state", t.state());
        m.put("available", t.available());
        m.put("hash", t.hash());
        t.pendingHash().ifPresent(h -> m.put("pending_hash", h));
        t.pendingDefinition().ifPresent(d -> m.put("pending_definition", d));
        m.put("effects", t.effects());
        m.put("risk", t.risk());
        m.put("classified_by", t.classifiedBy());
        m.put("updated_at", t.updatedAt().toString());
        m.put("approved_by", t.approvedBy());
        return m;
    }

    private static Map<String, Object> upstream(UpstreamView u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("prefix", u.prefix());
        m.put("transport", u.transport());
        m.put("state", u.state());
        m.put("since", u.since().toString());
        m.put("restarts", u.restarts());
        m.put("sessions", u.sessions());
        m.put("last_error", u.lastError());
        return m;
    }
}
