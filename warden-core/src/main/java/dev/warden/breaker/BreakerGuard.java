package dev.warden.breaker;

import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;

/**
 * The {@code breaker} guard: denies {@code circuit_open} (with {@code retry_after_ms}, the time
 * until probes are let through) while the breaker of the agent x tool, or of the MCP upstream
 * serving the tool, is open. A closed breaker costs a map lookup and a state read.
 */
public final class BreakerGuard implements Guard {
    private final Breakers breakers;

    /** A guard over these breakers. */
    public BreakerGuard(Breakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public Verdict check(DecisionContext decision) {
        return breakers.check(decision);
    }
}
