package dev.warden.behavior;

import java.util.Locale;

/** How serious an anomaly is; the wire form is lower case. */
public enum AnomalySeverity {
    /** Unusual, probably harmless; recorded. */
    MINOR,
    /** Clearly off the agent's baseline; someone should look. */
    MAJOR,
    /** Behaviour that must be stopped now (a seed red flag, an agent turning rogue). */
    CRITICAL;

    /** The wire form, e.g. {@code major}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static AnomalySeverity parse(String wire) {
        for (AnomalySeverity s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("severity must be minor, major or critical");
    }
}
