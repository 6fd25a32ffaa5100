package dev.warden.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * How one breaker trips and recovers.
 *
 * @param failureRatePercent the breaker opens when this percentage of the calls in the window failed
 *                           (more than 0, at most 100)
 * @param windowSize         how many calls, or seconds, the window holds
 * @param windowUnit         whether the window counts calls or seconds
 * @param minimumCalls       the calls the window must hold before the rate is judged
 * @param openFor            how long the breaker stays open before it lets probes through
 * @param halfOpenCalls      how many probe calls a half-open breaker lets through; once all are
 *                           reported it closes when their failure rate is under the threshold, else
 *                           opens again
 */
public record BreakerSettings(float failureRatePercent, int windowSize, WindowUnit windowUnit, int minimumCalls,
                              Duration openFor, int halfOpenCalls) {

    /** The settings a breaker gets when nothing is configured: 50% of at least 10 of the last 20 calls, open 30 s, 3 probes. */
    public static final BreakerSettings DEFAULTS = new BreakerSettings(50, 20, WindowUnit.CALLS, 10, Duration.ofSeconds(30), 3);

    /** What a window counts. */
    public enum WindowUnit {
        /** The last N calls. */
        CALLS,
        /** The calls of the last N seconds. */
        SECONDS;

        /** The wire form, e.g. {@code calls}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses the wire form.
         *
         * @throws IllegalArgumentException naming the allowed values
         */
        public static WindowUnit parse(String wire) {
            for (WindowUnit u : values()) {
                if (u.wire().equals(wire)) {
                    return u;
                }
            }
            throw new IllegalArgumentException("window unit must be calls or seconds, not '" + wire + "'");
        }
    }

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the value out of range
     */
    public BreakerSettings {
        Objects.requireNonNull(windowUnit, "windowUnit");
        Objects.requireNonNull(openFor, "openFor");
        if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
            throw new IllegalArgumentException("failure_rate_threshold must be more than 0 and at most 100 (percent)");
        }
        if (windowSize < 1) {
            throw new IllegalArgumentException("window size must be at least 1");
        }
        if (minimumCalls < 1) {
            throw new IllegalArgumentException("minimum_calls must be at least 1");
        }
        if (openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("open_seconds must be positive");
        }
        if (halfOpenCalls < 1) {
            throw new IllegalArgumentException("half_open_calls must be at least 1");
        }
    }

    /** The resilience4j configuration, on {@code clock} (window, open wait and call durations all read it). */
    CircuitBreakerConfig toConfig(Clock clock) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRatePercent)
                .slidingWindow(windowSize, minimumCalls, windowUnit == WindowUnit.CALLS
                                ? CircuitBreakerConfig.SlidingWindowType.COUNT_BASED
                                : CircuitBreakerConfig.SlidingWindowType.TIME_BASED,
                        CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                // half-open is reached when a call asks after the wait, by our clock: no scheduler thread
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // slow calls never trip a breaker: only failures do
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(365))
                .clock(clock)
                .currentTimestampFunction(Clock::millis, TimeUnit.MILLISECONDS)
                .recordExceptions(Throwable.class)
                .build();
    }
}
