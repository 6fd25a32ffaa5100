package dev.warden.agent;

import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;

/** Segmentation: the tool must be in the agent's capability manifest ({@link AgentRegistry#claims}). */
public final class CapabilityGuard implements Guard {
    @Override
    public Verdict check(DecisionContext decision) {
        String tool = decision.tool().name();
        if (!AgentRegistry.claims(decision.agent(), tool)) {
            return Verdict.deny(Reason.of("segmentation", "capability_not_claimed",
                    "'" + tool + "' is not in the agent's capability manifest"));
        }
        return Verdict.PASS;
    }
}
