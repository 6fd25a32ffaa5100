package dev.warden.agent;

import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;

/** Status: every action of a killed, quarantined or retired agent is denied. */
public final class StatusGuard implements Guard {
    @Override
    public Verdict check(DecisionContext decision) {
        AgentStatus status = decision.agent().status();
        if (status != AgentStatus.ACTIVE) {
            return Verdict.deny(Reason.of("status", "agent_" + status.wire(),
                    "agent is " + status.wire() + "; every action is denied"));
        }
        return Verdict.PASS;
    }
}
