package dev.warden.server.console;

import java.util.List;
import java.util.Optional;

/**
 * One approval request with everything its approver needs to decide it.
 *
 * @param chrome          the frame
 * @param id              the approval id
 * @param state           pending, approved, denied, used or expired
 * @param agent           the agent that asked
 * @param tool            the tool it wants to call
 * @param resource        what the call acts on
 * @param args            the call's arguments, masked as in the audit record, each value as text
 * @param rationale       the agent's stated intent (empty when it gave none)
 * @param agentInfo       the agent as the registry has it now (empty when no longer registered)
 * @param record          the agent's last seven days
 * @param policyIds       the policies that required the approval
 * @param reasons         the decision's reasons, each as one line of text
 * @param risk            the tool's risk tier ({@code unknown} when the catalog does not list it)
 * @param createdAt       when it was asked
 * @param deadline        when it expires
 * @param sameCall        earlier decisions on the same call
 * @param approversNeeded how many different approvers the risk needs
 * @param signedOff       who signed off so far (two-person approvals)
 * @param groups          the approver groups that alone may approve (empty: anyone in scope)
 * @param decidedBy       who decided it
 * @param decidedAt       when
 * @param note            the operator's note
 * @param mayDecide       whether this operator sees the approve and deny forms
 * @param mayGrant        whether this operator sees the grant form
 */
public record ApprovalView(Chrome chrome, String id, String state, String agent, String tool, String resource,
                           List<Arg> args, String rationale, Optional<AgentInfo> agentInfo, Record record,
                           List<String> policyIds, List<String> reasons, String risk, String createdAt, String deadline,
                           SameCall sameCall, int approversNeeded, List<String> signedOff, List<String> groups,
                           Optional<String> decidedBy, Optional<String> decidedAt, Optional<String> note,
                           boolean mayDecide, boolean mayGrant) {
    /** Copies. */
    public ApprovalView {
        args = List.copyOf(args);
        policyIds = List.copyOf(policyIds);
        reasons = List.copyOf(reasons);
        signedOff = List.copyOf(signedOff);
        groups = List.copyOf(groups);
    }

    /** Whether the request still waits for a decision. */
    public boolean pending() {
        return "pending".equals(state);
    }

    /** One argument: its name and its (masked) value as text. */
    public record Arg(String name, String value) {
    }

    /** The agent: level, owner, project, status. */
    public record AgentInfo(String level, String owner, String project, String status) {
    }

    /** The agent's decisions and incidents of the last seven days ({@code truncated}: more than a review reads). */
    public record Record(String since, int calls, int allowed, int denied, int approvalRequired, int incidents,
                         boolean truncated) {
    }

    /** The same call decided before: counts, and the latest approval (empty when none). */
    public record SameCall(int approved, int denied, Optional<String> lastApprovalId, Optional<String> lastApprovedAt,
                           Optional<String> lastApprovedBy) {
    }
}
