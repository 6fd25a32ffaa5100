package dev.warden.decision;

import java.util.List;

/**
 * One concern of a decision, checked in order by {@link GuardedDecisionPoint}: identity, status,
 * segmentation, catalog and schema, tool holds, maturity ceiling, circuit breakers, limits ({@link dev.warden.limits.LimitsGuard}), incident responses, data labels
 * ({@link dev.warden.flow.FlowGuard}), data scans of arguments and prompts ({@link dev.warden.scan.DataGuard},
 * when data governance is configured), guards added through
 * {@link dev.warden.Warden.Builder#guard}, policy, approval.
 *
 * <p>A guard either denies, which ends the decision with its reasons, or passes. While it passes it
 * may add to the decision through the {@link DecisionContext}: reasons and obligations of an allow,
 * the need for a human approval, and context entries that later guards and the policy engine
 * ({@link dev.warden.policy.PolicyQuery#context}) see.
 *
 * <p>Guards run on every decision: they must be thread-safe, cheap and not block for long. A guard
 * that throws denies the decision ({@code evaluation_error}, or {@code store_unavailable} for a
 * {@link dev.warden.WardenException} of that code): it never lets a call through.
 */
@FunctionalInterface
public interface Guard {

    /** Checks the decision so far; never null. */
    Verdict check(DecisionContext decision);

    /** What a guard says: {@link Pass} or {@link Deny}. */
    sealed interface Verdict {
        /** The verdict of a guard with nothing against the call. */
        Verdict PASS = new Pass();

        /** A deny with one reason. */
        static Verdict deny(Reason reason) {
            return new Deny(List.of(reason));
        }
    }

    /** Nothing against the call; the next guard runs. */
    record Pass() implements Verdict {
    }

    /**
     * The call is denied; no further guard runs, and the decision's reasons are these alone.
     *
     * @param reasons why (a guard should always give at least one)
     */
    record Deny(List<Reason> reasons) implements Verdict {
        /** Copies the list. */
        public Deny {
            reasons = List.copyOf(reasons);
        }
    }
}
