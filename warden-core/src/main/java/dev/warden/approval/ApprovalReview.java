package dev.warden.approval;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an approver needs besides the call itself to decide an approval: who the agent is, how it
 * behaved lately, why the call needs a human, how risky the tool is and whether the same call was
 * approved before.
 *
 * @param agent      the agent's level, owner and project (empty when it is no longer registered)
 * @param record     the agent's decisions and incidents over the last days
 * @param reasons    the reasons of the decision that opened the approval (guard, code, policy id,
 *                   message), as its audit record keeps them; empty when the record is not found
 * @param risk       the tool's risk tier, when the catalog knows the tool
 * @param sameCall   earlier approvals of the same call (same fingerprint)
 */
public record ApprovalReview(Optional<AgentView> agent, RecentRecord record, List<Map<String, Object>> reasons,
                             Optional<String> risk, SameCall sameCall) {
    /** Copies. */
    public ApprovalReview {
        reasons = List.copyOf(reasons);
    }

    /**
     * The agent as the registry has it now.
     *
     * @param level   maturity level
     * @param owner   accountable human
     * @param project project
     * @param status  lifecycle status
     */
    public record AgentView(String level, String owner, String project, String status) {
    }

    /**
     * The agent's record over a window ending now.
     *
     * @param since            start of the window
     * @param calls            decisions on its calls
     * @param allowed          of those, allowed
     * @param denied           of those, denied
     * @param approvalRequired of those, held for a human
     * @param incidents        incidents opened for the agent in the window
     * @param truncated        true when there were more decisions than a review reads (the counts are those of the newest read)
     */
    public record RecentRecord(Instant since, int calls, int allowed, int denied, int approvalRequired, int incidents,
                               boolean truncated) {
    }

    /**
     * Earlier approvals of the same call.
     *
     * @param approvedCount    approved by an operator before (used or not)
     * @param deniedCount      denied by an operator before
     * @param lastApprovalId   the most recent of the approved ones
     * @param lastApprovedAt   when it was approved
     * @param lastApprovedBy   by whom
     */
    public record SameCall(int approvedCount, int deniedCount, Optional<String> lastApprovalId,
                           Optional<Instant> lastApprovedAt, Optional<String> lastApprovedBy) {
    }
}
