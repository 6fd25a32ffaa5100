package dev.warden.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** One breaker: a resilience4j circuit breaker on Warden's clock, with the failures that fed it last. */
final class Breaker {
    /** How many failing decision ids a transition names as its trigger. */
    static final int EVIDENCE = 5;
    /** resilience4j wants an exception for a failure; ours carries nothing, so it is shared. */
    private static final Exception FAILED = new Exception("failed outcome", null, false, false) { };

    private final BreakerKey key;
    private final BreakerSettings settings;
    private final Clock clock;
    private final CircuitBreaker circuit;
    private final ArrayDeque<String> failures = new ArrayDeque<>(EVIDENCE);
    private volatile Instant openedAt;
    private volatile Instant halfOpenSince;
    /** Counts the half-open periods, so a probe permission is only given back to the period that gave it. */
    private final AtomicInteger halfOpenPeriod = new AtomicInteger();
    /** Why the next transition happens, when Warden (not an outcome) causes it. */
    private volatile String nextTrigger;

    Breaker(BreakerKey key, BreakerSettings settings, Clock clock, Consumer<Transition> transitions) {
        this.key = key;
        this.settings = settings;
        this.clock = clock;
        this.circuit = CircuitBreaker.of(key.toString(), settings.toConfig(clock));
        // runs on the thread that caused the transition, right after it: only note it, the audit write comes later
        circuit.getEventPublisher().onStateTransition(e -> {
            BreakerState from = BreakerState.of(e.getStateTransition().getFromState());
            BreakerState to = BreakerState.of(e.getStateTransition().getToState());
            Instant at = clock.instant();
            if (to == BreakerState.OPEN) {
                openedAt = at;
            } else if (to == BreakerState.CLOSED) {
                openedAt = null;
            } else {
                halfOpenSince = at;
                halfOpenPeriod.incrementAndGet();
            }
            String trigger = nextTrigger;
            nextTrigger = null;
            CircuitBreaker.Metrics m = circuit.getMetrics();
            transitions.accept(new Transition(this, from, to, at, rate(m.getFailureRate()), m.getNumberOfBufferedCalls(),
                    m.getNumberOfFailedCalls(), trigger == null ? trigger(from, to) : trigger, evidence()));
        });
    }

    /** Why a breaker moves from one state to another. */
    private static String trigger(BreakerState from, BreakerState to) {
        if (from == BreakerState.CLOSED && to == BreakerState.OPEN) {
            return "failure_rate";
        }
        if (to == BreakerState.HALF_OPEN) {
            return "open_time_elapsed";
        }
        return to == BreakerState.CLOSED ? "probes_succeeded" : "probes_failed";
    }

    private static Optional<Float> rate(float r) {
        return r < 0 ? Optional.empty() : Optional.of(r);
    }

    BreakerKey key() {
        return key;
    }

    BreakerSettings settings() {
        return settings;
    }

    BreakerState state() {
        return BreakerState.of(circuit.getState());
    }

    /**
     * Asks to let one call through. An open breaker whose time is up turns half-open here; a
     * half-open one whose probes have had no outcome for the open time opens again (a probe that
     * never reports must not hold the breaker half-open, denying everything, for good).
     */
    boolean tryAcquire() {
        if (circuit.tryAcquirePermission()) {
            return true;
        }
        Instant since = halfOpenSince;
        if (state() == BreakerState.HALF_OPEN && since != null && clock.instant().isAfter(since.plus(settings.openFor()))) {
            nextTrigger = "probes_unanswered";
            circuit.transitionToOpenState();
        }
        return false;
    }

    /** The current half-open period, to give a probe permission back to (see {@link #release}). */
    int halfOpenPeriod() {
        return halfOpenPeriod.get();
    }

    /** Gives back a probe permission taken in half-open period {@code period} for a call that was not made. */
    void release(int period) {
        if (period == halfOpenPeriod.get() && state() == BreakerState.HALF_OPEN) {
            circuit.releasePermission();
        }
    }

    void succeeded(long millis) {
        circuit.onSuccess(millis, TimeUnit.MILLISECONDS);
    }

    void failed(String decisionId, long millis) {
        if (decisionId != null) {
            synchronized (failures) {
                if (failures.size() == EVIDENCE) {
                    failures.removeFirst();
                }
                failures.addLast(decisionId);
            }
        }
        circuit.onError(millis, TimeUnit.MILLISECONDS, FAILED);
    }

    /** The decision ids of the last failures, oldest first. */
    List<String> evidence() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** When an open breaker lets probes through; empty unless open. */
    Optional<Instant> retryAt() {
        Instant opened = openedAt;
        return state() == BreakerState.OPEN && opened != null ? Optional.of(opened.plus(settings.openFor())) : Optional.empty();
    }

    /** How long until an open breaker lets probes through, in milliseconds (at least 1). */
    long retryAfterMillis() {
        Instant at = retryAt().orElseGet(() -> clock.instant().plus(settings.openFor()));
        return Math.max(1, Duration.between(clock.instant(), at).toMillis());
    }

    BreakerView view() {
        CircuitBreaker.Metrics m = circuit.getMetrics();
        BreakerState state = state();
        return new BreakerView(key, state, rate(m.getFailureRate()), m.getNumberOfBufferedCalls(), m.getNumberOfFailedCalls(),
                state == BreakerState.CLOSED ? Optional.empty() : Optional.ofNullable(openedAt), retryAt());
    }

    /** A state change, noted when it happens and audited after. */
    record Transition(Breaker breaker, BreakerState from, BreakerState to, Instant at, Optional<Float> failureRate,
                      int calls, int failedCalls, String trigger, List<String> evidence) {
    }
}
