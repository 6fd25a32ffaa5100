package dev.warden.behavior;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One item of the behaviour stream: a recorded decision or a recorded outcome. */
public sealed interface BehaviorEvent {
    /** Deny codes of Warden's own containment, besides the status guard's {@code agent_*}. */
    java.util.Set<String> CONTAINMENT = java.util.Set.of("order_not_authorized", "circuit_open", "rate_limited",
            "concurrency_limited", "cumulative_limit", "impact_exceeded", "impact_invalid", "throttled", "token_revoked",
            "store_unavailable", "evaluation_error", "hold_check_failed", "tool_definition_changed", "tool_not_approved");
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
     * @param args     the call's arguments (what a read without a resource read is told apart by)
     * @param decision {@code allow}, {@code deny} or {@code approval_required}
     * @param reasons  the reason codes
     * @param micros   how long deciding took
     * @param impact   the call's impact when the tool has an impact field and the call gave a number
     * @param read     whether the tool only reads
     */
    record Decided(String agent, String session, String tool, Optional<String> resource, Map<String, Object> args,
                   String decision,
                   List<String> reasons, long micros, Optional<Double> impact, boolean read, Instant at,
                   String decisionId) implements BehaviorEvent {
        /** What the call read or wrote: its resource, else the tool and its arguments (as a hash). */
        public int target() {
            return resource.map(String::hashCode).orElseGet(() -> tool.hashCode() * 31 + args.hashCode());
        }

        /** Whether it was denied. */
        public boolean denied() {
            return "deny".equals(decision);
        }

        /**
         * Whether it was denied for want of authority (a policy, the capability manifest, the
         * catalog, the schema, the maturity ceiling) rather than by Warden's own containment (a
         * quarantine or kill, a breaker, a limit, a throttle, a revoked token, a store failure):
         * what {@code deny_spike} counts, so Warden's responses to an anomaly do not read as the
         * agent probing.
         */
        public boolean refused() {
            if (!denied()) {
                return false;
            }
            for (String code : reasons) {
                if (code.startsWith("agent_") || CONTAINMENT.contains(code)) {
                    return false;
                }
            }
            return true;
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
