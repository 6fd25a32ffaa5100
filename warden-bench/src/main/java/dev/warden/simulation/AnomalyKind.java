package dev.warden.simulation;

import java.util.Locale;

/** What the simulation injects into an agent's traffic after the learning period. */
public enum AnomalyKind {
    /** More than 200% of the agent's usual rate for some minutes. */
    VOLUME_SPIKE,
    /** Failed outcomes well above 15% for half an hour. */
    ERROR_BURST,
    /** A tool the agent may call but never called before. */
    FIRST_TOOL,
    /** A resource class the agent never touched before ({@code employee:...}). */
    NEW_RESOURCE_CLASS,
    /** Calls at hours the agent is never active. */
    OFF_HOURS,
    /** Calls to tools the agent lacks or that policy forbids. */
    DENY_SPIKE,
    /** A burst of reads of many distinct resources outside the agent's working set. */
    ENUMERATION,
    /** Volume creeping up 10% a day, compounded. */
    SLOW_ROLL,
    /** Enumeration, then a destructive call, in one session. */
    ROGUE;

    /** The wire form, e.g. {@code volume_spike}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
