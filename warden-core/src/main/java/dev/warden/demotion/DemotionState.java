package dev.warden.demotion;

import java.util.Locale;

/** Where a demotion record stands; the wire form is lower case. */
public enum DemotionState {
    /** The process is under way: root cause or reactivation still missing. */
    OPEN,
    /** The agent was reactivated at the new level after the root cause was recorded. */
    CLOSED,
    /** An operator undid the demotion (the incident response undo): the level it took is back. */
    UNDONE;

    /** The wire form, e.g. {@code open}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static DemotionState parse(String wire) {
        for (DemotionState s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("state must be open, closed or undone");
    }
}
