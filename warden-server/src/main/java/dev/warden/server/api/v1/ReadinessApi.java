package dev.warden.server.api.v1;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.maturity.GateCheck;
import dev.warden.maturity.GateEvidence;
import dev.warden.maturity.GateResult;
import dev.warden.maturity.Readiness;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agent's readiness for its next level (operators, and the agent's owner): the five promotion
 * gates (performance, security validation, business value, incident record, governance sign-off)
 * with every check's numbers, and the controls the next level requires and whether each is in
 * force. No requester is assumed (a promotion request leaves out its requester's sign-offs). The
 * answer never says "ready".
 */
public final class ReadinessApi {
    private final Auth auth;
    private final AgentRegistry agents;
    private final GateEvidence evidence;
    private final dev.warden.maturity.ControlsInForce controls;

    /** Wires the endpoint; {@code controls} checks the next level's controls (null: not shown). */
    public ReadinessApi(Auth auth, AgentRegistry agents, GateEvidence evidence, dev.warden.maturity.ControlsInForce controls) {
        this.auth = auth;
        this.agents = agents;
        this.evidence = evidence;
        this.controls = controls;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/agents/{name}/readiness", this::readiness);
    }

    private void readiness(Context ctx) {
        auth.operatorOrOwner(ctx, ctx.pathParam("name"));
        Agent agent = agents.require(ctx.pathParam("name"));
        Readiness r = evidence.readiness(agent);
        Map<String, Object> out = wire(r);
        if (controls != null) {
            // the next level's controls must be in force before a promotion completes
            out.put("controls", wire(controls.check(agent, r.next())));
        }
        Responses.json(ctx, 200, out);
    }

    /** A level's controls as readiness and promotion answers show them. */
    static Map<String, Object> wire(dev.warden.maturity.ControlsReport c) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("passed", c.allInForce());
        in.put("missing", c.missing());
        in.put("controls", ControlsApi.wire(c).get("controls"));
        return in;
    }

    static Map<String, Object> wire(Readiness r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", r.agent());
        m.put("level", r.level().wire());
        m.put("level_basis", r.basis().wire());
        m.put("since", r.since().toString());
        m.put("next_level", r.next().wire());
        m.put("gates", r.gates().stream().map(ReadinessApi::gate).toList());
        m.put("pending", r.pending());
        m.put("truncated", r.truncated());
        return m;
    }

    private static Map<String, Object> gate(GateResult g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gate", g.gate().wire());
        m.put("passed", g.passed());
        m.put("checks", g.checks().stream().map(ReadinessApi::check).toList());
        return m;
    }

    private static Map<String, Object> check(GateCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("unit", c.unit());
        m.put("observed", c.observed().isPresent() ? c.observed().getAsDouble() : null);
        m.put("required", c.required());
        m.put("rule", c.rule());
        m.put("passed", c.passed());
        m.put("why", c.why());
        return m;
    }
}
