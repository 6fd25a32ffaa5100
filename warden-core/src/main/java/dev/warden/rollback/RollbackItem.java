package dev.warden.rollback;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One allowed action of the agent in the plan's window.
 *
 * @param decisionId   the original decision id
 * @param time         when it was decided
 * @param action       the tool called
 * @param args         its arguments as recorded
 * @param outcome      {@code completed}, {@code failed} or {@code missing} (no outcome reported)
 * @param compensation the compensating call, when there is one to run
 * @param none         why there is none: {@code no_compensation} (the tool declares none),
 *                     {@code outcome_failed}, {@code outcome_missing}, or {@code argument_masked}
 *                     (an argument it needs is stored masked in the audit trail)
 * @param result       where the item stands
 */
public record RollbackItem(String decisionId, Instant time, String action, Map<String, Object> args, String outcome,
                           Optional<PlannedCall> compensation, Optional<String> none, ItemResult result) {

    /** Copies the arguments. */
    public RollbackItem {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** The same item with another result. */
    public RollbackItem withResult(ItemResult next) {
        return new RollbackItem(decisionId, time, action, args, outcome, compensation, none, next);
    }
}
