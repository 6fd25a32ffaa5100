package dev.warden.server.api.v1;

import dev.warden.agent.AgentRegistry;
import dev.warden.behavior.BehaviorMonitor;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** An agent's behaviour baseline (operator only): what it usually does and whether it still learns. */
public final class BaselineApi {
    private final Auth auth;
    private final AgentRegistry agents;
    private final BehaviorMonitor monitor;

    /** Wires the endpoint. */
    public BaselineApi(Auth auth, AgentRegistry agents, BehaviorMonitor monitor) {
        this.auth = auth;
        this.agents = agents;
        this.monitor = monitor;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/agents/{name}/baseline", this::baseline);
    }

    private void baseline(Context ctx) {
        auth.operator(ctx);
        String name = agents.require(ctx.pathParam("name")).name(); // 404 agent_not_found for an unknown agent
        monitor.drain(); // what was decided before this request is in the answer
        Map<String, Object> view = monitor.baseline(name).orElseGet(() -> {
            Map<String, Object> empty = new LinkedHashMap<>();
            empty.put("agent", name);
            empty.put("learning", true);
            empty.put("operations", 0L);
            empty.put("monitor", monitor.stats());
            return empty;
        });
        Responses.json(ctx, 200, view);
    }
}
