package dev.warden.simulation;

import java.time.Instant;

/**
 * What to simulate.
 *
 * @param seed         the random seed: the same seed gives the same traffic, call for call
 * @param agents       how many agents (at least 4: one per profile)
 * @param days         simulated days, learning included
 * @param learningDays days of benign traffic only, before any injection (baselines are learned on them)
 * @param perKind      how many anomalies of each kind are injected
 * @param start        the first simulated instant (a Monday, 00:00 UTC, by default)
 */
public record SimulationConfig(long seed, int agents, int days, int learningDays, int perKind, Instant start) {
    /** The seed thresholds are tuned on. */
    public static final long TUNING_SEED = 1;
    /** The seed figures are reported on (never used for tuning). */
    public static final long REPORTING_SEED = 2;
    /** Monday 5 January 2026, 00:00 UTC. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");

    /** Validates. */
    public SimulationConfig {
        if (agents < 4) {
            throw new IllegalArgumentException("agents must be at least 4 (one per profile)");
        }
        if (learningDays < 1) {
            throw new IllegalArgumentException("learning days must be at least 1");
        }
        if (days <= learningDays) {
            throw new IllegalArgumentException("days must be more than the " + learningDays + " learning days");
        }
        if (perKind < 1) {
            throw new IllegalArgumentException("per-kind must be at least 1");
        }
    }

    /** 14 days (7 learning), 3 injections of each kind, from {@link #DEFAULT_START}. */
    public static SimulationConfig of(long seed, int agents, int days) {
        return new SimulationConfig(seed, agents, days, Math.min(7, days - 1), 3, DEFAULT_START);
    }
}
