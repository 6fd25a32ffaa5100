package dev.warden.incident;

import java.util.Locale;

/** Where an incident stands; the wire form is lower case ({@code false_positive}). */
public enum IncidentState {
    /** New anomalies of the agent join it; nobody has looked yet. */
    OPEN,
    /** An operator looks at it; new anomalies of the agent still join it. */
    ACKNOWLEDGED,
    /** Closed: the behaviour was real and dealt with. */
    RESOLVED,
    /** Closed: the behaviour was benign (counts against the false-positive rate). */
    FALSE_POSITIVE;

    /** The wire form, e.g. {@code acknowledged}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether anomalies of the agent still join it. */
    public boolean isActive() {
        return this == OPEN || this == ACKNOWLEDGED;
    }

    /**
     * Parses the wire form.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static IncidentState parse(String wire) {
        for (IncidentState s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("state must be open, acknowledged, resolved or false_positive");
    }
}
