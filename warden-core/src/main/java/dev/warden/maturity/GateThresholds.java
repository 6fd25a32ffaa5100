package dev.warden.maturity;

import dev.warden.agent.MaturityLevel;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What an agent must show to be promoted to {@code target}: the numbers of promotion gate 1
 * (performance) and the root-cause rule of gate 4 (incident record), ATF maturity model §4.
 *
 * @param target            the level the thresholds lead to
 * @param minTimeAtLevel    least time at the current level
 * @param minOperations     least decisions at the current level (the behaviour baseline's minimum)
 * @param minAccuracy       accuracy must exceed this share; empty when the gate has no accuracy
 *                          requirement (Intern to Junior)
 * @param minAvailability   availability must exceed this share
 * @param responseSla       the 95th percentile of decision-to-outcome latency must be at most this
 * @param rootCauseRequired whether every resolved incident at the level needs a root-cause note
 */
public record GateThresholds(MaturityLevel target, Duration minTimeAtLevel, long minOperations, OptionalDouble minAccuracy,
                             double minAvailability, Duration responseSla, boolean rootCauseRequired) {
    /** The default response-time SLA: p95 decision-to-outcome latency of one minute. */
    public static final Duration DEFAULT_SLA = Duration.ofSeconds(60);

    /** Validates. */
    public GateThresholds {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(minTimeAtLevel, "minTimeAtLevel");
        Objects.requireNonNull(minAccuracy, "minAccuracy");
        Objects.requireNonNull(responseSla, "responseSla");
        if (target == MaturityLevel.INTERN) {
            throw new IllegalArgumentException("target: no promotion leads to intern");
        }
        if (minTimeAtLevel.isNegative() || minOperations < 0 || responseSla.isNegative()) {
            throw new IllegalArgumentException("thresholds must not be negative");
        }
        if (minAvailability < 0 || minAvailability > 1
                || minAccuracy.isPresent() && (minAccuracy.getAsDouble() < 0 || minAccuracy.getAsDouble() > 1)) {
            throw new IllegalArgumentException("accuracy and availability are shares between 0 and 1");
        }
    }

    /**
     * The ATF's figures for a promotion to {@code target}: time at level 2, 4 or 8 weeks (Intern,
     * Junior, Senior); accuracy none, above 95 % or above 99 %; availability above 99 %, 99.5 % or
     * 99.9 %; the default SLA; root causes recorded from Senior.
     *
     * @param baselineOperations the behaviour baseline's minimum of operations ({@code learningOperations})
     */
    public static GateThresholds defaults(MaturityLevel target, long baselineOperations) {
        return switch (target) {
            case INTERN -> throw new IllegalArgumentException("target: no promotion leads to intern");
            case JUNIOR -> new GateThresholds(target, Duration.ofDays(14), baselineOperations, OptionalDouble.empty(), 0.99,
                    DEFAULT_SLA, false);
            case SENIOR -> new GateThresholds(target, Duration.ofDays(28), baselineOperations, OptionalDouble.of(0.95), 0.995,
                    DEFAULT_SLA, true);
            case PRINCIPAL -> new GateThresholds(target, Duration.ofDays(56), baselineOperations, OptionalDouble.of(0.99), 0.999,
                    DEFAULT_SLA, true);
        };
    }
}
