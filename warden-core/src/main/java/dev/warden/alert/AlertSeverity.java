package dev.warden.alert;

import java.util.Locale;

/** How urgent an alert is; the wire form is lower case. */
public enum AlertSeverity {
    /** Worth knowing; no one needs to act now (an owner notification). */
    INFO,
    /** Someone should look soon (a limit crossed, a breaker opened). */
    WARNING,
    /** Someone must act now (a kill, a breaker open on a critical tool). */
    CRITICAL;

    /** The wire form, e.g. {@code warning}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static AlertSeverity parse(String wire) {
        for (AlertSeverity s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("severity must be info, warning or critical");
    }
}
