package dev.warden.rollback;

import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Order;
import dev.warden.json.CanonicalJson;
import java.util.Optional;

/**
 * Whether a request's operator {@link Order} is genuine: it names a stored plan of the calling
 * agent whose item for the compensated decision is being run right now, and the request is
 * exactly that item's compensating call. An order copied, replayed after the run, or attached to
 * another call is refused.
 */
@FunctionalInterface
public interface OrderCheck {

    /** Refuses every order (Warden without rollback plans). */
    OrderCheck NONE = request -> false;

    /** True when the request's order is genuine; false without one. */
    boolean authorizes(DecisionRequest request);

    /** Checks orders against the plans of {@code store}. */
    static OrderCheck of(RollbackPlanStore store) {
        return request -> {
            Optional<Order> order = request.order();
            if (order.isEmpty()) {
                return false;
            }
            Optional<RollbackPlan> plan = store.find(order.get().planId());
            if (plan.isEmpty() || !plan.get().agent().equals(request.caller().agent())) {
                return false;
            }
            Optional<RollbackItem> item = plan.get().item(order.get().compensates());
            if (item.isEmpty() || item.get().result().state() != ItemState.RUNNING || item.get().compensation().isEmpty()) {
                return false;
            }
            PlannedCall call = item.get().compensation().get();
            return call.tool().equals(request.action())
                    && CanonicalJson.write(call.args()).equals(CanonicalJson.write(request.args()));
        };
    }
}
