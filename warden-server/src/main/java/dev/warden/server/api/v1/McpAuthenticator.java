package dev.warden.server.api.v1;

import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.AgentStatus;
import dev.warden.mcp.AgentAuthenticator;
import dev.warden.mcp.Authentication;
import dev.warden.server.token.AccessClaims;
import dev.warden.server.token.AccessTokens;
import java.util.Optional;

/**
 * Authenticates requests to the MCP endpoint with Warden access tokens: 401 for a missing,
 * invalid or expired token (or one whose agent no longer exists); 403 for a revoked token (the
 * agent was killed since) or an agent that is not active.
 */
public final class McpAuthenticator implements AgentAuthenticator {
    private final AccessTokens tokens;
    private final AgentRegistry agents;

    /** Creates the authenticator. */
    public McpAuthenticator(AccessTokens tokens, AgentRegistry agents) {
        this.tokens = tokens;
        this.agents = agents;
    }

    @Override
    public Authentication authenticate(String bearerToken) {
        if (bearerToken == null) {
            return new Authentication.Rejected(401, "unauthenticated", "send 'Authorization: Bearer <access token>'");
        }
        AccessClaims claims;
        try {
            claims = tokens.verify(bearerToken);
        } catch (WardenException e) {
            return new Authentication.Rejected(401, e.code().wire(), e.getMessage());
        }
        Optional<Agent> agent = agents.find(claims.agent());
        if (agent.isEmpty()) {
            return new Authentication.Rejected(401, "invalid_token", "the token's agent is not registered");
        }
        if (agent.get().tokenEpoch() != claims.epoch()) {
            return new Authentication.Rejected(403, "token_revoked", "the access token was revoked (the agent was killed or its tokens were revoked)");
        }
        if (agent.get().status() != AgentStatus.ACTIVE) {
            return new Authentication.Rejected(403, "agent_" + agent.get().status().wire(),
                    "agent '" + claims.agent() + "' is " + agent.get().status().wire());
        }
        return new Authentication.Authenticated(claims.caller());
    }
}
