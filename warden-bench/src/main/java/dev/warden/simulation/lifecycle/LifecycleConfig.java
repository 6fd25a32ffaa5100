package dev.warden.simulation.lifecycle;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What one lifecycle run simulates.
 *
 * @param seed              the seed of every random draw of the run (traffic, approvers, timings)
 * @param days              simulated days
 * @param start             the first simulated day, a Monday at 00:00 UTC
 * @param callsScale        multiplies the business-hours profile's rate (1.0: about 1,300 calls a weekday)
 * @param gates             the {@code maturity: gates:} section written to warden.yaml, or empty for the ATF defaults
 * @param learningDays      the behaviour baseline's learning period in days
 * @param learningOperations the behaviour baseline's learning period in operations
 * @param rogueAfterDays    days at principal after which the rogue episode happens (it happens once)
 */
public record LifecycleConfig(long seed, int days, Instant start, double callsScale, String gates, int learningDays,
                              long learningOperations, int rogueAfterDays) {
    /** A Monday. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");
    /** The seed of the documented run. */
    public static final long DEFAULT_SEED = 7;

    /** Checks the values. */
    public LifecycleConfig {
        if (days < 1 || days > 3660) {
            throw new IllegalArgumentException("days must be 1..3660, not " + days);
        }
        if (start.atZone(ZoneOffset.UTC).getDayOfWeek() != DayOfWeek.MONDAY || start.getEpochSecond() % 86_400 != 0) {
            throw new IllegalArgumentException("start must be a Monday at 00:00 UTC");
        }
        if (!(callsScale > 0 && callsScale <= 10)) {
            throw new IllegalArgumentException("callsScale must be in (0, 10]");
        }
        if (rogueAfterDays < 0) {
            throw new IllegalArgumentException("rogueAfterDays must not be negative");
        }
    }

    /**
     * The documented run: the ATF's gate thresholds (2, 4 and 8 weeks at level, 1,000 operations),
     * a 7-day / 1,000-operation baseline, {@code months} of 30 days, about 130 calls a weekday,
     * the rogue episode after 2 weeks at principal.
     */
    public static LifecycleConfig atf(long seed, int months) {
        if (months < 1 || months > 120) {
            throw new IllegalArgumentException("months must be 1..120, not " + months);
        }
        return new LifecycleConfig(seed, months * 30, DEFAULT_START, 0.1, "", 7, 1000, 14);
    }

    /**
     * A short run with scaled thresholds (2 days at each level, 100 operations, a one-day,
     * 80-operation baseline, accuracy above 95 % for principal, the rogue episode after a day at
     * principal): every step of the lifecycle in about 20 simulated days.
     */
    public static LifecycleConfig scaled(long seed, int days) {
        String gates = """
                  gates:
                    junior: {min_days_at_level: 2, min_operations: 100}
                    senior: {min_days_at_level: 2, min_operations: 100}
                    principal: {min_days_at_level: 2, min_operations: 100, min_accuracy_percent: 95}
                """;
        return new LifecycleConfig(seed, days, DEFAULT_START, 0.08, gates, 1, 80, 1);
    }
}
