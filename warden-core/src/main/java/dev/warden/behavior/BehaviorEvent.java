package dev.warden.behavior;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One item of the behaviour stream: a recorded decision or a recorded outcome. */
public sealed interface BehaviorEvent {
    /** The agent. */
    String agent();

    /** When it happened. */
    Instant at();

    /** The decision it belongs to. */
    String decisionId();

    /**
     * A recorded decision.
     *
     * @param session  the caller's session
     * @param tool     the tool (action) asked for
     * @param resource the resource named, if any
     * @param decision {@code allow}, {@code deny} or {@code approval_required}
     * @param reasons  the reason codes
     * @param micros   how long deciding took
     * @param impact   the call's impact when the tool has an impact field and the call gave a number
     * @param read     whether the tool only reads
     */
    record Decided(String agent, String session, String tool, Optional<String> resource, String decision,
                   List<String> reasons, long micros, Optional<Double> impact, boolean read, Instant at,
                   String decisionId) implements BehaviorEvent {
        /** Whether it was denied. */
        public boolean denied() {
            return "deny".equals(decision);
        }
    }

    /**
     * A recorded outcome of an allowed call.
     *
     * @param tool   the tool, when known
     * @param failed whether the action failed
     */
    record Outcome(String agent, String decisionId, Optional<String> tool, boolean failed, Instant at)
            implements BehaviorEvent {
    }
}
