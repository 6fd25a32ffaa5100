package dev.warden.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Locale;

/** Where a breaker is: closed (calls pass), open (calls denied), half-open (a few probes pass). */
public enum BreakerState {
    /** Calls pass; outcomes are counted. */
    CLOSED,
    /** Calls are denied until the open time has passed. */
    OPEN,
    /** A limited number of probe calls pass; their outcomes close or reopen the breaker. */
    HALF_OPEN;

    /** The wire form, e.g. {@code half_open}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BreakerState of(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, DISABLED, METRICS_ONLY -> CLOSED;
            case HALF_OPEN -> HALF_OPEN;
            case OPEN, FORCED_OPEN -> OPEN;
        };
    }
}
