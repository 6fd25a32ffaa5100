package dev.warden.approval;

import dev.warden.agent.Agent;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.grant.Grant;
import dev.warden.grant.GrantCall;
import dev.warden.grant.GrantService;
import java.util.Optional;

/**
 * Approval obligation, the last guard: when an earlier guard asked for a human approval, the call
 * either redeems the approval it carries (which must be granted for exactly this call, by this
 * agent, and unused) or opens a new one. Nothing is stored here: the change that uses up or stores
 * the approval is made with the decision's audit record ({@link ApprovalService#redeeming},
 * {@link ApprovalService#opening}). A new approval is not needed when an active grant (a
 * pre-approval, {@link GrantService#matching}) covers the call: the decision is then an allow naming
 * the grant, whose use is counted with the decision's record ({@link GrantService#using}); a grant
 * whose use can no longer be counted leaves the approval to open as usual. A call that carries an
 * approval id is decided by that approval alone.
 */
public final class ApprovalGuard implements Guard {
    private static final System.Logger LOG = System.getLogger(ApprovalGuard.class.getName());
    private final ApprovalService approvals;
    private final GrantService grants;

    /** A guard opening and redeeming approvals of {@code approvals}. */
    public ApprovalGuard(ApprovalService approvals) {
        this(approvals, null);
    }

    /**
     * A guard opening and redeeming approvals of {@code approvals}, where a matching grant of
     * {@code grants} (null for none) stands in for a new approval.
     */
    public ApprovalGuard(ApprovalService approvals, GrantService grants) {
        this.approvals = approvals;
        this.grants = grants;
    }

    @Override
    public Verdict check(DecisionContext decision) {
        if (!decision.approvalRequired()) {
            return Verdict.PASS;
        }
        DecisionRequest request = decision.request();
        Agent agent = decision.agent();
        String resource = decision.resource();
        if (request.approvalId().isPresent()) {
            String fingerprint = CallFingerprint.of(agent.name(), request.action(), resource, request.args());
            return switch (approvals.redeemable(request.approvalId().get(), agent.name(), fingerprint)) {
                case Redemption.Redeemed ok -> {
                    Approval a = ok.approval();
                    decision.redeem(a.id(), new Reason("approval", "approval_redeemed", Optional.empty(), "approved by "
                            + a.decidedBy().orElse("an operator") + " (" + a.id() + ")"),
                            approvals.redeeming(a), () -> notRedeemed(a));
                    yield Verdict.PASS;
                }
                case Redemption.Rejected no -> Verdict.deny(Reason.of("approval", no.code(), no.message()));
            };
        }
        Approval approval = approvals.prepare(agent.name(), request.caller().sessionId(), decision.id().value(),
                request.action(), resource, request.args(),
                decision.recordedArgs() != null ? decision.recordedArgs() : request.args(), // masked as in the record
                decision.approvalPolicies(), request.rationale(), decision.approvalTerms());
        decision.open(approval.id(), approval.expiresAt(), approvals.opening(approval),
                () -> Reason.of("approval", "store_unavailable", "approval " + approval.id() + " could not be stored"));
        String shownResource = decision.recordedResource() != null ? decision.recordedResource() : resource;
        decision.onSettled(d -> { // the record is durable: the approval is open, approvers may hear of it
            if (d instanceof Decision.ApprovalRequired opened && opened.approvalId().equals(approval.id())) {
                approvals.announceOpened(new OpenedApproval(approval, shownResource, d.reasons()));
            }
        });
        if (grants != null) {
            grant(decision, agent, resource);
        }
        return Verdict.PASS;
    }

    /**
     * Lets a grant that applies to the call stand in for the approval just opened: the use is counted
     * with the decision's record, and when it cannot be the approval opens after all. A grant never
     * turns anything but an approval into an allow: a deny ended the decision before this guard.
     */
    private void grant(DecisionContext decision, Agent agent, String resource) {
        if (!decision.approvalTerms().groups().isEmpty()) {
            return; // the policy names who may approve: only a member decides, call by call
        }
        DecisionRequest request = decision.request();
        Optional<Grant> found;
        try {
            found = grants.matching(new GrantCall(agent.name(), request.action(), resource,
                    request.caller().sessionId(), request.args()), decision.now());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "grants of " + agent.name() + " could not be read; opening an approval: " + e);
            return;
        }
        if (found.isEmpty()) {
            return;
        }
        Grant g = found.get();
        decision.useGrant(g.id().value(), new Reason("grant", "grant_used", Optional.empty(), "pre-approved by grant "
                + g.id() + " of " + g.createdBy() + (g.maxUses().isPresent() ? " (use " + (g.uses() + 1) + " of "
                + g.maxUses().getAsLong() + ")" : "")), grants.using(g));
        decision.onSettled(d -> grants.refresh(agent.name())); // the count in memory follows the store's
    }

    /** Why a redemption whose approval could no longer be used up when its record was written is denied. */
    private Reason notRedeemed(Approval a) {
        return switch (approvals.redeemable(a.id(), a.agent(), a.fingerprint())) {
            case Redemption.Rejected no -> Reason.of("approval", no.code(), no.message());
            case Redemption.Redeemed again -> Reason.of("approval", "approval_used", "approval " + a.id() + " has already been used");
        };
    }
}
