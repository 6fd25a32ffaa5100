package dev.warden.alert;

import java.util.Locale;

/** Where an alert stands: open until an operator acknowledges it. The wire form is lower case. */
public enum AlertState {
    /** Nobody has acknowledged it yet. */
    OPEN,
    /** An operator acknowledged it (who and when are on the alert). */
    ACKED;

    /** The wire form, e.g. {@code open}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static AlertState parse(String wire) {
        for (AlertState s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("state must be open or acked");
    }
}
