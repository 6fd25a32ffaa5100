package dev.warden.server.api.v1;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.MaturityLevel;
import dev.warden.maturity.ControlCheck;
import dev.warden.maturity.ControlsInForce;
import dev.warden.maturity.ControlsReport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controls a maturity level requires, checked for one agent from the live configuration
 * (operators, and the agent's owner): {@code GET /v1/agents/{name}/controls?level=senior}.
 */
public final class ControlsApi {
    private final Auth auth;
    private final AgentRegistry agents;
    private final ControlsInForce controls;

    /** Wires the endpoint. */
    public ControlsApi(Auth auth, AgentRegistry agents, ControlsInForce controls) {
        this.auth = auth;
        this.agents = agents;
        this.controls = controls;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/agents/{name}/controls", this::controls);
    }

    private void controls(Context ctx) {
        auth.operatorOrOwner(ctx, ctx.pathParam("name"));
        Agent agent = agents.require(ctx.pathParam("name"));
        String asked = ctx.queryParam("level");
        MaturityLevel level = asked == null ? agent.level().next().orElse(agent.level()) : MaturityLevel.parse(asked);
        Responses.json(ctx, 200, wire(controls.check(agent, level)));
    }

    static Map<String, Object> wire(ControlsReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", r.agent());
        m.put("level", r.level().wire());
        List<Map<String, Object>> list = r.controls().stream().map(ControlsApi::wire).toList();
        m.put("controls", list);
        m.put("missing", r.missing());
        return m;
    }

    private static Map<String, Object> wire(ControlCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("control", c.control());
        m.put("required_from", c.requiredFrom().wire());
        m.put("in_force", c.inForce());
        m.put("why", c.why());
        return m;
    }
}
