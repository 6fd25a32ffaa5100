package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalService;
import dev.warden.approval.ApprovalState;
import dev.warden.approval.ApproverGroups;
import dev.warden.catalog.RiskTier;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import dev.warden.operator.SeparationOfDuties;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who sees and who decides an approval, and the decision itself, shared by the JSON API
 * ({@code /v1/approvals}) and the console so both apply the same rules: an admin decides every
 * approval, an approver those its scope covers (the agent's project, the tool); approving needs a
 * member of the approver groups the policies named, obeys the separation of duties and counts the
 * approvers the tool's risk needs; anyone who may decide an approval may deny it.
 */
public final class ApprovalDecisions {
    private final ApprovalService approvals;
    private final AgentRegistry agents;
    private final Function<String, Optional<RiskTier>> risk;
    private final SeparationOfDuties sod;
    private final ApproverGroups groups;

    /**
     * Decisions on these approvals.
     *
     * @param risk   the catalog's risk of a tool
     * @param groups the configured approver groups
     */
    public ApprovalDecisions(ApprovalService approvals, AgentRegistry agents, Function<String, Optional<RiskTier>> risk,
                             SeparationOfDuties sod, ApproverGroups groups) {
        this.approvals = approvals;
        this.agents = agents;
        this.risk = risk;
        this.sod = sod;
        this.groups = groups;
    }

    /**
     * The approvals the operator may see, newest first: all of them when {@code unscoped} (an admin,
     * or an auditor reading), else those an approver's scope covers.
     *
     * @throws WardenException {@code forbidden_role} for an operator neither unscoped nor an approver
     */
    public List<Approval> visible(OperatorPrincipal p, boolean unscoped, Optional<ApprovalState> state, int limit) {
        if (!unscoped && !p.has(Role.APPROVER)) {
            throw Auth.forbidden(p, "list approvals", "admin, auditor or approver");
        }
        // an approver's page is filtered after the read: it may hold fewer than limit of its scope
        return approvals.list(state, unscoped ? limit : 1000).stream().filter(a -> unscoped || inScope(p, a))
                .limit(limit).toList();
    }

    /**
     * Approves ({@code approve}) or denies an approval as operator {@code p}, with an optional note.
     *
     * @throws WardenException {@code forbidden_role} out of scope, {@code not_in_approver_group},
     *                         a separation-of-duties refusal, or the service's own refusals
     *                         (not found, already decided, expired)
     */
    public Approval decide(OperatorPrincipal p, ApprovalId id, boolean approve, Optional<String> note) {
        Approval current = approvals.require(id);
        if (!inScope(p, current)) {
            throw Auth.forbidden(p, (approve ? "approve " : "deny ") + id, "admin, or an approver of its project and tool");
        }
        if (!approve) {
            return approvals.deny(id, p.actor(), note);
        }
        if (!groups.mayApprove(current, p.name())) {
            throw new WardenException(ErrorCode.NOT_IN_APPROVER_GROUP, "operator " + p.name() + " may not approve " + id
                    + ": only a member of " + String.join(" or ", current.groups()) + " may (anyone in scope may deny it)");
        }
        agent(current).ifPresent(ag -> sod.checkApprover(p, ag.owner(), ag.project()));
        return approvals.approve(id, p.actor(), note, approversNeeded(current));
    }

    /** Whether the operator may decide the approval: admin, or an approver whose scope covers it. */
    public boolean inScope(OperatorPrincipal p, Approval a) {
        if (p.has(Role.ADMIN)) {
            return true;
        }
        // an approval of an agent no longer registered has no project: only an unscoped approver covers it
        String project = agent(a).map(Agent::project).orElse("");
        return p.mayApprove(project, a.action());
    }

    /** How many different approvers the call's risk needs (1 when the catalog does not know the tool). */
    public int approversNeeded(Approval a) {
        return risk.apply(a.action()).map(sod::approversNeeded).orElse(1);
    }

    /** The operators who signed off a two-person approval so far. */
    public List<String> signOffs(ApprovalId id) {
        return approvals.signOffs(id);
    }

    private Optional<Agent> agent(Approval a) {
        return agents.find(a.agent());
    }
}
