package dev.warden.server.api.v1;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.audit.AuditStore;
import dev.warden.audit.cite.Citations;
import dev.warden.audit.log.VerifiableLog;
import dev.warden.incident.IncidentStore;
import dev.warden.maturity.ControlsInForce;
import dev.warden.maturity.GateEvidence;
import dev.warden.maturity.ShadowEvidence;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * {@code GET /v1/agents/{name}/dossier} (operators with read access, and the agent's owner): the
 * agent's promotion evidence as one document that cites its audit records with inclusion proofs
 * against a signed checkpoint ({@link AgentDossier}).
 */
public final class DossierApi {
    private final Auth auth;
    private final AgentRegistry agents;
    private final AgentDossier dossier;

    /** Wires the endpoint; {@code controls} checks the next level's controls (null: not shown). */
    public DossierApi(Auth auth, AgentRegistry agents, AuditStore records, IncidentStore incidents, GateEvidence gates,
                      ShadowEvidence shadow, ControlsInForce controls, VerifiableLog log, Clock clock) {
        this.auth = auth;
        this.agents = agents;
        this.dossier = new AgentDossier(records, incidents, gates, shadow, controls, new Citations(log), clock);
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/agents/{name}/dossier", this::dossier);
    }

    private void dossier(Context ctx) {
        auth.operatorOrOwner(ctx, ctx.pathParam("name"));
        Agent agent = agents.require(ctx.pathParam("name"));
        Responses.json(ctx, 200, dossier.build(agent));
    }
}
