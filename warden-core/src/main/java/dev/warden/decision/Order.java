package dev.warden.decision;

import dev.warden.Actor;
import java.util.Objects;

/**
 * An operator's order attached to a request: the call is a compensation from a stored rollback
 * plan, made for the original agent because an operator ran the plan. Only the rollback runner
 * attaches one, and the status guard accepts it only while the plan's item is being run
 * ({@link dev.warden.rollback.OrderCheck}); the decision's audit record carries it.
 *
 * @param operator    who ran the plan
 * @param planId      the plan, e.g. {@code rbp_...}
 * @param compensates the decision id of the original call this one compensates
 */
public record Order(Actor operator, String planId, String compensates) {

    /** Checks that nothing is missing. */
    public Order {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(compensates, "compensates");
    }
}
