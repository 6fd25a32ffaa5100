package dev.warden.maturity;

import dev.warden.agent.MaturityLevel;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Shadow mode's evidence for one agent at its current level: what the next level would have decided
 * for its calls since it reached this one, and how the calls the next level would have let through
 * without a human turned out.
 *
 * @param agent              the agent
 * @param level              its level
 * @param next               the level above (the one the figures are about)
 * @param since              when it reached {@code level}: the first call counted
 * @param decisions          its decisions since then
 * @param wouldAllow         calls held for an approval only the ceiling asked for, which the next
 *                           level would have allowed without one
 * @param wouldAsk           calls the ceiling denied that the next level would have put to a human
 * @param approved           of {@code wouldAllow}, approved by a human
 * @param rejected           of {@code wouldAllow}, denied by a human
 * @param expired            of {@code wouldAllow}, left undecided until the deadline, or revoked
 * @param failed             of the approved ones run, those whose outcome was {@code failed}
 * @param rolledBack         of the approved ones run, those an operator's rollback plan compensated
 * @param truncated          whether the audit trail was read only up to its limit
 */
public record ShadowReport(String agent, MaturityLevel level, MaturityLevel next, Instant since, long decisions,
                           long wouldAllow, long wouldAsk, long approved, long rejected, long expired, long failed,
                           long rolledBack, boolean truncated) {
    /** Validates. */
    public ShadowReport {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(since, "since");
    }

    /**
     * The agent's measured error rate at the next level: of the calls it would have made there
     * without a human, the share a human rejected, that failed, or that was rolled back. Empty when
     * there is no such call yet.
     */
    public OptionalDouble errorRateAtNext() {
        if (wouldAllow == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) (rejected + failed + rolledBack) / wouldAllow);
    }
}
