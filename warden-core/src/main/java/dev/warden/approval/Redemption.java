package dev.warden.approval;

/** The result of redeeming an approval for a call. */
public sealed interface Redemption {

    /**
     * The approval was granted for exactly this call and may be used for it: the decision uses it
     * up with its record ({@link ApprovalService#redeeming}).
     *
     * @param approval the approval as it was when checked
     */
    record Redeemed(Approval approval) implements Redemption {
    }

    /**
     * The approval cannot be used for this call.
     *
     * @param code    {@code approval_not_found}, {@code approval_foreign}, {@code approval_mismatch},
     *                {@code approval_pending}, {@code approval_denied}, {@code approval_used} or
     *                {@code approval_expired}
     * @param message explanation
     */
    record Rejected(String code, String message) implements Redemption {
    }
}
