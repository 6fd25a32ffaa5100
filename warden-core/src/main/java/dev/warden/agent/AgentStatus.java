package dev.warden.agent;

import java.util.Locale;

/** Lifecycle status of a registered agent. Only {@link #ACTIVE} agents can be allowed to act. */
public enum AgentStatus {
    ACTIVE, QUARANTINED, KILLED, RETIRED;

    /** Lower-case wire form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; unknown values are an {@link IllegalArgumentException}. */
    public static AgentStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
