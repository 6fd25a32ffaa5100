package dev.warden.agent;

import java.util.Locale;

/**
 * How an agent came to hold its current maturity level. Only a level reached by its gates is
 * earned; a level granted without them is flagged in every report until the agent passes the
 * gates for it.
 */
public enum LevelBasis {
    /** Registered as Intern, where every agent starts. */
    STARTED,
    /** Set by an admin without passing the promotion gates (an explicit starting level, or a raise by the level endpoint). */
    GRANTED,
    /** Reached by a promotion request that passed its gates. */
    PROMOTED,
    /** Lowered, by an operator or automatically (incident, demotion rule, restore one level below). */
    DEMOTED;

    /** The wire form, e.g. {@code granted}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the level was earned or is a safe fall-back: everything but {@link #GRANTED}. */
    public boolean gated() {
        return this != GRANTED;
    }

    /**
     * Parses the wire form.
     *
     * @throws IllegalArgumentException for an unknown value
     */
    public static LevelBasis parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** The basis of a level an agent was registered at: Intern is the start, any other level is granted. */
    public static LevelBasis atRegistration(MaturityLevel level) {
        return level == MaturityLevel.INTERN ? STARTED : GRANTED;
    }

    /** The basis after a change from {@code before} to {@code after} made without gates. */
    public static LevelBasis ofChange(MaturityLevel before, MaturityLevel after, LevelBasis had) {
        int c = after.compareTo(before);
        return c > 0 ? GRANTED : c < 0 ? DEMOTED : had;
    }
}
