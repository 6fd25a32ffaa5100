package dev.warden.operator;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.catalog.RiskTier;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Separation of duties for approvals (on by default). An agent never approves anything (agent
 * tokens are refused on every operator endpoint); an operator cannot approve a request of an agent
 * they own, where {@code ownerCannotApprove} holds for the agent's project; and a call of a tool at
 * {@code twoPersonRisk} or above needs two different approvers.
 *
 * @param ownerCannotApprove the rule for projects not listed in {@code byProject}
 * @param byProject          per-project overrides of {@code ownerCannotApprove}
 * @param twoPersonRisk      the lowest risk whose approvals need two approvers; empty for never
 */
public record SeparationOfDuties(boolean ownerCannotApprove, Map<String, Boolean> byProject,
                                 Optional<RiskTier> twoPersonRisk) {
    /** The defaults: owners never approve their agents' requests; critical-risk calls need two approvers. */
    public static final SeparationOfDuties DEFAULTS = new SeparationOfDuties(true, Map.of(), Optional.of(RiskTier.CRITICAL));

    /** Copies. */
    public SeparationOfDuties {
        byProject = Map.copyOf(byProject);
        Objects.requireNonNull(twoPersonRisk, "twoPersonRisk");
    }

    /** Whether owners may not approve their own agents' requests in this project. */
    public boolean ownerCannotApprove(String project) {
        return byProject.getOrDefault(project, ownerCannotApprove);
    }

    /** How many different approvers a call of a tool at this risk needs: 1, or 2 under the two-person rule. */
    public int approversNeeded(RiskTier risk) {
        return twoPersonRisk.filter(min -> risk.compareTo(min) >= 0).isPresent() ? 2 : 1;
    }

    /**
     * Checks that an operator may approve a request of an agent.
     *
     * @param agentOwner   the agent's owner
     * @param agentProject the agent's project
     * @throws WardenException {@code sod_own_agent} when the operator owns the agent and the
     *                         project forbids it
     */
    public void checkApprover(OperatorPrincipal approver, String agentOwner, String agentProject) {
        if (ownerCannotApprove(agentProject) && approver.name().equals(agentOwner)) {
            throw new WardenException(ErrorCode.SOD_OWN_AGENT, approver.name() + " owns the agent that asked; "
                    + "in project " + agentProject + " another approver must decide (sod.owner_cannot_approve)");
        }
    }
}
