package dev.warden.maturity;

import dev.warden.agent.LevelBasis;
import dev.warden.agent.MaturityLevel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How far an agent is from its next level: the promotion gates with their numbers, and the gates
 * not evaluated (none once the sign-off gates are wired; else {@link #NOT_EVALUATED}, which are
 * not passed).
 *
 * @param agent     the agent
 * @param level     its level
 * @param next      the level a promotion would lead to
 * @param basis     how it reached its level
 * @param since     when it reached it (every figure counts from here)
 * @param gates     the evaluated gates, in order: performance, security validation, business value,
 *                  incident record, governance sign-off (the middle three and the last only when wired)
 * @param pending   the gates not evaluated: empty, or {@link #NOT_EVALUATED} without sign-off evidence
 * @param truncated whether the audit trail was read only up to its limit
 */
public record Readiness(String agent, MaturityLevel level, MaturityLevel next, LevelBasis basis, Instant since,
                        List<GateResult> gates, List<String> pending, boolean truncated) {
    /** The promotion gates not evaluated without a source of sign-off evidence. */
    public static final List<String> NOT_EVALUATED = List.of("security_validation", "business_value", "governance_sign_off");

    /** Validates and copies. */
    public Readiness {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(since, "since");
        gates = List.copyOf(gates);
        pending = List.copyOf(pending);
    }

    /** Whether every computed gate passed (the pending ones still stand between the agent and its promotion). */
    public boolean computedGatesPassed() {
        return gates.stream().allMatch(GateResult::passed);
    }

    /** Whether every gate was evaluated and passed: nothing pending, every gate passed. */
    public boolean allGatesPassed() {
        return pending.isEmpty() && computedGatesPassed();
    }
}
