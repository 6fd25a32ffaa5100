package dev.warden.approval;

/**
 * Hears of approvals opened and decided: notifications to approvers, the rubber-stamp watch.
 * Called after the change is durable (the approval's record written), on the thread that made it;
 * an implementation must be quick (hand work to a queue) and must not throw: what it throws is
 * logged and ignored, and never changes the decision or the approval.
 */
public interface ApprovalListener {

    /** A decision opened an approval; its record is durable. */
    default void opened(OpenedApproval opened) {
    }

    /**
     * An operator approved or denied an approval; the record is durable.
     *
     * @param decided the approval as stored after the decision (state APPROVED or DENIED, decided by and at set)
     */
    default void decided(Approval decided) {
    }
}
