package dev.warden.policy;

import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Policy: asks the policy engine in force, with the context entries earlier guards added and the
 * session's data labels. A forbid, no permit (deny by default) or a failed evaluation denies; a
 * permit adds its policies as reasons, and one with an approval obligation, or a forbid that an
 * approval lifts ({@code approval_hold}), asks for a human approval.
 */
public final class PolicyGuard implements Guard {
    @Override
    public Verdict check(DecisionContext decision) {
        String tool = decision.tool().name();
        PolicyVerdict verdict = decision.rules().policies().evaluate(new PolicyQuery(decision.agent(),
                decision.request().caller().sessionId(), decision.tool(), decision.resource(), decision.request().args(),
                decision.entries(), decision.sessionLabels()));
        switch (verdict) {
            case PolicyVerdict.Forbid f -> {
                List<Reason> reasons = new ArrayList<>(f.policyIds().size());
                for (String p : f.policyIds()) {
                    reasons.add(Reason.policy("forbid_policy", p, "forbidden by policy " + p));
                }
                return new Deny(reasons);
            }
            case PolicyVerdict.NoPermit n -> {
                return Verdict.deny(Reason.of("policy", "no_permit", "no policy permits '" + tool
                        + "' for this agent (deny by default)"));
            }
            case PolicyVerdict.Failed f -> {
                return Verdict.deny(new Reason("policy", "evaluation_error",
                        f.policyIds().isEmpty() ? Optional.empty() : Optional.of(f.policyIds().get(0)),
                        "policy evaluation failed: " + f.message()));
            }
            case PolicyVerdict.Permit p -> {
                for (String pid : p.policyIds()) {
                    boolean approval = p.approvalPolicyIds().contains(pid);
                    decision.addReason(Reason.policy(approval ? "approval_policy" : "permit_policy", pid,
                            (approval ? "permitted with approval by policy " : "permitted by policy ") + pid));
                }
                for (String pid : p.heldBy()) {
                    decision.addReason(Reason.policy("approval_hold", pid, "held for a human approval by policy " + pid));
                }
                if (p.approvalRequired()) {
                    List<String> asking = new ArrayList<>(p.approvalPolicyIds());
                    asking.addAll(p.heldBy());
                    decision.requireApprovalOf(asking, p.approvalTerms());
                }
                return Verdict.PASS;
            }
        }
    }
}
