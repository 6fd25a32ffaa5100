package dev.warden.rollback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored rollback plan.
 *
 * @param id        {@code rbp_...}
 * @param agent     whose actions it covers
 * @param since     start of the window (inclusive)
 * @param until     end of the window (inclusive)
 * @param createdAt when it was made
 * @param createdBy the operator who made it ({@code operator:name})
 * @param truncated true when the window held more actions than a plan lists (the newest are
 *                  listed; {@link #coveredSince} says from when)
 * @param ranBy     the operator who ran it, once run (a plan runs once)
 * @param items     the actions, newest first
 */
public record RollbackPlan(String id, String agent, Instant since, Instant until, Instant createdAt, String createdBy,
                           boolean truncated, Optional<String> ranBy, List<RollbackItem> items) {

    /** Copies the items. */
    public RollbackPlan {
        items = List.copyOf(items);
    }

    /** The time of the oldest listed action, or {@link #since} when the plan is complete or empty. */
    public Instant coveredSince() {
        return truncated && !items.isEmpty() ? items.getLast().time() : since;
    }

    /** The item of an original decision. */
    public Optional<RollbackItem> item(String decisionId) {
        return items.stream().filter(i -> i.decisionId().equals(decisionId)).findFirst();
    }
}
