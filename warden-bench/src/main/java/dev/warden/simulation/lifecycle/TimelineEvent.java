package dev.warden.simulation.lifecycle;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the lifecycle timeline.
 *
 * @param at      simulated time
 * @param level   the agent's level once the event happened
 * @param kind    what happened
 * @param summary one line for a reader
 * @param detail  the figures behind it (gate numbers, failing checks, incident figures), in order
 */
public record TimelineEvent(Instant at, String level, Kind kind, String summary, Map<String, Object> detail) {

    /** Copies the detail, keeping its order. */
    public TimelineEvent {
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    /** Kinds of events. */
    public enum Kind {
        /** The agent was registered. */
        REGISTERED,
        /** Its behaviour baseline stopped learning. */
        BASELINE,
        /** Operators recorded attestations, business value or sign-offs. */
        EVIDENCE,
        /** A promotion request answered 409. */
        PROMOTION_REFUSED,
        /** A promotion request answered 201. */
        PROMOTED,
        /** The rogue episode began. */
        ROGUE,
        /** An incident opened. */
        INCIDENT,
        /** An operator closed a benign incident. */
        INCIDENT_CLOSED,
        /** The level went down. */
        DEMOTED,
        /** A step of the demotion process (root cause, remediation, reactivation). */
        DEMOTION_STEP;

        /** The wire name. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
