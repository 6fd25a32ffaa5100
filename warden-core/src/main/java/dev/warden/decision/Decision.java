package dev.warden.decision;

import dev.warden.approval.ApprovalId;
import java.time.Instant;
import java.util.List;

/**
 * The answer to a {@link DecisionRequest}: a value, never an exception.
 */
public sealed interface Decision {

    /** The decision id (audit records and outcomes refer to it). */
    DecisionId id();

    /** Why: guards and policies that determined the result. */
    List<Reason> reasons();

    /** The wire name: {@code allow}, {@code deny} or {@code approval_required}. */
    String wire();

    /**
     * The action may proceed.
     *
     * @param id          decision id
     * @param reasons     the permitting policies and any redeemed approval
     * @param obligations duties attached to the allow (e.g. {@code notify_owner})
     */
    record Allow(DecisionId id, List<Reason> reasons, List<String> obligations) implements Decision {
        /** Copies the lists. */
        public Allow {
            reasons = List.copyOf(reasons);
            obligations = List.copyOf(obligations);
        }

        @Override
        public String wire() {
            return "allow";
        }
    }

    /**
     * The action must not proceed.
     *
     * @param id      decision id
     * @param reasons the guards or policies that denied
     */
    record Deny(DecisionId id, List<Reason> reasons) implements Decision {
        /** Copies the list. */
        public Deny {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String wire() {
            return "deny";
        }
    }

    /**
     * The action may proceed only after a human approves this exact call; the agent then
     * re-submits it with the approval id.
     *
     * @param id         decision id
     * @param reasons    why approval is needed
     * @param approvalId the pending approval
     * @param expiresAt  the approval's deadline
     */
    record ApprovalRequired(DecisionId id, List<Reason> reasons, ApprovalId approvalId, Instant expiresAt)
            implements Decision {
        /** Copies the list. */
        public ApprovalRequired {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String wire() {
            return "approval_required";
        }
    }
}
