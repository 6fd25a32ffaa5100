package dev.warden.server.api.v1;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.maturity.ShadowEvidence;
import dev.warden.maturity.ShadowReport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shadow mode's evidence for an agent (operators, and the agent's owner): what its next level would
 * have decided for its calls at this level, and how the calls that level would have let through
 * turned out.
 */
public final class ShadowApi {
    private final Auth auth;
    private final AgentRegistry agents;
    private final ShadowEvidence evidence;

    /** Wires the endpoint. */
    public ShadowApi(Auth auth, AgentRegistry agents, ShadowEvidence evidence) {
        this.auth = auth;
        this.agents = agents;
        this.evidence = evidence;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/agents/{name}/shadow", this::shadow);
    }

    private void shadow(Context ctx) {
        auth.operatorOrOwner(ctx, ctx.pathParam("name"));
        Agent agent = agents.require(ctx.pathParam("name"));
        Responses.json(ctx, 200, wire(evidence.report(agent)));
    }

    static Map<String, Object> wire(ShadowReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", r.agent());
        m.put("level", r.level().wire());
        m.put("next_level", r.next().wire());
        m.put("since", r.since().toString());
        m.put("decisions", r.decisions());
        m.put("would_allow_without_approval", r.wouldAllow());
        m.put("would_ask_for_approval", r.wouldAsk());
        Map<String, Object> became = new LinkedHashMap<>();
        became.put("approved", r.approved());
        became.put("rejected", r.rejected());
        became.put("expired_or_revoked", r.expired());
        became.put("failed", r.failed());
        became.put("rolled_back", r.rolledBack());
        m.put("of_those_allowed", became);
        m.put("error_rate_at_next_level", r.errorRateAtNext().isPresent() ? r.errorRateAtNext().getAsDouble() : null);
        m.put("truncated", r.truncated());
        return m;
    }
}
