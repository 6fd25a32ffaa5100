package dev.warden.agent;

import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;

/**
 * Segmentation: the tool must be in the agent's capability manifest ({@link AgentRegistry#claims}),
 * except for a compensation an operator ordered from a rollback plan ({@link StatusGuard#COMPENSATION}):
 * it is the catalog's undo of an action the agent was allowed, so the manifest of the original
 * action covers it, and the agent never needs the compensating tool to call on its own.
 */
public final class CapabilityGuard implements Guard {
    @Override
    public Verdict check(DecisionContext decision) {
        String tool = decision.tool().name();
        if (Boolean.TRUE.equals(decision.entries().get(StatusGuard.COMPENSATION))) {
            return Verdict.PASS;
        }
        if (!AgentRegistry.claims(decision.agent(), tool)) {
            return Verdict.deny(Reason.of("segmentation", "capability_not_claimed",
                    "'" + tool + "' is not in the agent's capability manifest"));
        }
        return Verdict.PASS;
    }
}
