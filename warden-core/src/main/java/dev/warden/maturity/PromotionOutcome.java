package dev.warden.maturity;

import dev.warden.agent.Agent;
import java.util.List;
import java.util.Objects;

/**
 * How a promotion request ended: the agent moved up one level, or it stayed where it was with every
 * reason listed. Both carry the gates and controls they were judged on.
 */
public sealed interface PromotionOutcome {
    /** The agent as it is after the request. */
    Agent agent();

    /** The gates as computed for the request (with the requester's own sign-offs left out). */
    Readiness readiness();

    /** The target level's controls as checked for the request. */
    ControlsReport controls();

    /** Promoted: every gate passed and every control of the new level is in force. */
    record Promoted(Agent agent, Readiness readiness, ControlsReport controls) implements PromotionOutcome {
        /** Validates. */
        public Promoted {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(readiness, "readiness");
            Objects.requireNonNull(controls, "controls");
        }
    }

    /** Refused: at least one gate check or control failed; the agent did not change. */
    record Refused(Agent agent, Readiness readiness, ControlsReport controls, List<PromotionFailure> failures)
            implements PromotionOutcome {
        /** Validates and copies; a refusal names at least one failure. */
        public Refused {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(readiness, "readiness");
            Objects.requireNonNull(controls, "controls");
            failures = List.copyOf(failures);
            if (failures.isEmpty()) {
                throw new IllegalArgumentException("a refusal names at least one failure");
            }
        }
    }
}
