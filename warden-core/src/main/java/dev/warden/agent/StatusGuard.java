package dev.warden.agent;

import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.rollback.OrderCheck;

/**
 * Status: every action of a killed, quarantined or retired agent is denied, except the
 * compensations an operator runs from a stored rollback plan for a killed or quarantined agent.
 * A request carrying an operator's order is checked ({@link OrderCheck}) whatever the agent's
 * status, and when genuine the decision gets the context entry {@value #COMPENSATION}
 * ({@code true}), which later guards and policies see.
 */
public final class StatusGuard implements Guard {
    /** The context entry a genuine compensation carries. */
    public static final String COMPENSATION = "compensation";

    private final OrderCheck orders;

    /** A guard that refuses every operator's order. */
    public StatusGuard() {
        this(OrderCheck.NONE);
    }

    /** A guard that accepts the orders {@code orders} authorizes. */
    public StatusGuard(OrderCheck orders) {
        this.orders = orders;
    }

    @Override
    public Verdict check(DecisionContext decision) {
        AgentStatus status = decision.agent().status();
        if (decision.request().order().isPresent()) {
            if (!orders.authorizes(decision.request())) {
                return Verdict.deny(Reason.of("status", "order_not_authorized",
                        "the operator's order does not match a compensation of a rollback plan being run"));
            }
            if (status != AgentStatus.RETIRED) {
                decision.put(COMPENSATION, Boolean.TRUE);
                return Verdict.PASS;
            }
        }
        if (status != AgentStatus.ACTIVE) {
            return Verdict.deny(Reason.of("status", "agent_" + status.wire(),
                    "agent is " + status.wire() + "; every action is denied"));
        }
        return Verdict.PASS;
    }
}
