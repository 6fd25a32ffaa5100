package dev.warden.agent;

import dev.warden.decision.Caller;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import java.util.Optional;

/**
 * Identity: the caller must be a registered agent, with a credential issued under its current
 * token epoch (a kill revokes every older one). Puts the agent, as the registry has it, into the
 * decision; its level is read from here, never from the credential.
 */
public final class IdentityGuard implements Guard {
    private final AgentRegistry agents;

    /** A guard reading agents from {@code agents}. */
    public IdentityGuard(AgentRegistry agents) {
        this.agents = agents;
    }

    @Override
    public Verdict check(DecisionContext decision) {
        Caller caller = decision.request().caller();
        Optional<Agent> found = agents.find(caller.agent());
        if (found.isEmpty()) {
            return Verdict.deny(Reason.of("identity", "unknown_agent", "agent '" + caller.agent() + "' is not registered"));
        }
        Agent agent = found.get();
        decision.agent(agent);
        if (caller.tokenEpoch() != agent.tokenEpoch()) {
            return Verdict.deny(Reason.of("identity", "token_revoked", "the credential was revoked (the agent was killed or its tokens were revoked)"));
        }
        return Verdict.PASS;
    }
}
