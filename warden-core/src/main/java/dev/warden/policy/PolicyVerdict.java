package dev.warden.policy;

import dev.warden.approval.ApprovalTerms;
import java.util.List;

/**
 * The result of evaluating the policy set for one {@link PolicyQuery}. A value, never an exception.
 */
public sealed interface PolicyVerdict {

    /**
     * At least one permit policy matched and no forbid did, except forbids a human approval can lift.
     *
     * @param policyIds         the matching permit policies
     * @param approvalPolicyIds those of them annotated {@code @approval("required")}; when non-empty
     *                          the action needs a human approval
     * @param heldBy            the matching forbid policies annotated {@code @approval("required")}:
     *                          each would deny the call, but an approval lifts it; when non-empty the
     *                          action needs a human approval
     */
    record Permit(List<String> policyIds, List<String> approvalPolicyIds, List<String> heldBy,
                  ApprovalTerms approvalTerms) implements PolicyVerdict {
        /** Copies the lists. */
        public Permit {
            policyIds = List.copyOf(policyIds);
            approvalPolicyIds = List.copyOf(approvalPolicyIds);
            heldBy = List.copyOf(heldBy);
            java.util.Objects.requireNonNull(approvalTerms, "approvalTerms");
        }

        /** A permit whose approval policies set no deadline and name no approver group. */
        public Permit(List<String> policyIds, List<String> approvalPolicyIds, List<String> heldBy) {
            this(policyIds, approvalPolicyIds, heldBy, ApprovalTerms.NONE);
        }

        /** A permit no forbid holds. */
        public Permit(List<String> policyIds, List<String> approvalPolicyIds) {
            this(policyIds, approvalPolicyIds, List.of());
        }

        /** True when a matching permit carries an approval obligation or a matching forbid asks for one. */
        public boolean approvalRequired() {
            return !approvalPolicyIds.isEmpty() || !heldBy.isEmpty();
        }
    }

    /**
     * A forbid policy matched.
     *
     * @param policyIds the matching forbid policies
     */
    record Forbid(List<String> policyIds) implements PolicyVerdict {
        /** Copies the list. */
        public Forbid {
            policyIds = List.copyOf(policyIds);
        }
    }

    /** No permit policy matched: denied by default. */
    record NoPermit() implements PolicyVerdict {
    }

    /**
     * Evaluation failed in a way that must deny: a forbid policy raised an error, or the engine
     * itself failed. (An error in a permit policy only removes that permit and is not a failure.)
     *
     * @param policyIds the policies that raised errors, if known
     * @param message   what went wrong
     */
    record Failed(List<String> policyIds, String message) implements PolicyVerdict {
        /** Copies the list. */
        public Failed {
            policyIds = List.copyOf(policyIds);
        }
    }
}
