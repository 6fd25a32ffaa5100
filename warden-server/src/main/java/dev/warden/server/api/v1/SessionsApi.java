package dev.warden.server.api.v1;

import dev.warden.agent.AgentRegistry;
import dev.warden.flow.LabelSource;
import dev.warden.flow.SessionLabels;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data labels of sessions (operator only): what each session has read, and the reads that gave
 * each label. Read-only: labels only accumulate, nothing here takes one away.
 */
public final class SessionsApi {
    private static final int MAX_SESSIONS = 100;

    private final Auth auth;
    private final AgentRegistry agents;
    private final SessionLabels labels;

    /** Wires the endpoints. */
    public SessionsApi(Auth auth, AgentRegistry agents, SessionLabels labels) {
        this.auth = auth;
        this.agents = agents;
        this.labels = labels;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/sessions/{id}", this::one);
        routes.get("/v1/agents/{name}/sessions", this::ofAgent);
    }

    private void one(Context ctx) {
        auth.operator(ctx);
        String id = ctx.pathParam("id");
        Responses.json(ctx, 200, labels.view(id).map(SessionsApi::wire).orElseGet(() -> {
            Map<String, Object> none = new LinkedHashMap<>(); // sessions without labels are not kept
            none.put("session", id);
            none.put("labels", List.of());
            none.put("sources", Map.of());
            return none;
        }));
    }

    private void ofAgent(Context ctx) {
        auth.operator(ctx);
        String name = agents.require(ctx.pathParam("name")).name(); // 404 agent_not_found for an unknown agent
        List<Map<String, Object>> sessions = new ArrayList<>();
        labels.ofAgent(name, MAX_SESSIONS).forEach(v -> sessions.add(wire(v)));
        Responses.json(ctx, 200, Map.of("agent", name, "sessions", sessions));
    }

    private static Map<String, Object> wire(SessionLabels.View view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", view.session());
        out.put("agent", view.agent());
        out.put("labels", List.copyOf(view.labels().keySet()));
        Map<String, Object> sources = new LinkedHashMap<>();
        view.labels().forEach((label, from) -> sources.put(label, from.stream().map(LabelSource::wire).toList()));
        out.put("sources", sources);
        return out;
    }
}
