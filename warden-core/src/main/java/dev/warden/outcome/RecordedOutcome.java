package dev.warden.outcome;

import dev.warden.decision.DecisionId;
import java.time.Instant;

/**
 * An outcome once its audit record is durable, as {@link OutcomeRecorder} listeners see it.
 *
 * @param agent    the agent that reported it (the one the decision allowed)
 * @param decision the allowed decision it closes
 * @param status   {@code completed} or {@code failed}
 * @param at       when it was recorded
 * @param action   the tool of the decision (what circuit breakers count per), null when not known
 */
public record RecordedOutcome(String agent, DecisionId decision, String status, Instant at, String action) {

    /** Without the action. */
    public RecordedOutcome(String agent, DecisionId decision, String status, Instant at) {
        this(agent, decision, status, at, null);
    }

    /** True for a {@code failed} outcome. */
    public boolean failed() {
        return "failed".equals(status);
    }
}
