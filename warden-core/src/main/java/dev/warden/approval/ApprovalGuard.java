package dev.warden.approval;

import dev.warden.agent.Agent;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import java.util.Optional;

/**
 * Approval obligation, the last guard: when an earlier guard asked for a human approval, the call
 * either redeems the approval it carries (which must be granted for exactly this call, by this
 * agent, and unused) or opens a new one. Nothing is stored here: the change that uses up or stores
 * the approval is made with the decision's audit record ({@link ApprovalService#redeeming},
 * {@link ApprovalService#opening}).
 */
public final class ApprovalGuard implements Guard {
    private final ApprovalService approvals;

    /** A guard opening and redeeming approvals of {@code approvals}. */
    public ApprovalGuard(ApprovalService approvals) {
        this.approvals = approvals;
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
                decision.approvalPolicies(), request.rationale());
        decision.open(approval.id(), approval.expiresAt(), approvals.opening(approval),
                () -> Reason.of("approval", "store_unavailable", "approval " + approval.id() + " could not be stored"));
        String shownResource = decision.recordedResource() != null ? decision.recordedResource() : resource;
        decision.onSettled(d -> { // the record is durable: the approval is open, approvers may hear of it
            if (d instanceof Decision.ApprovalRequired opened && opened.approvalId().equals(approval.id())) {
                approvals.announceOpened(new OpenedApproval(approval, shownResource, d.reasons()));
            }
        });
        return Verdict.PASS;
    }

    /** Why a redemption whose approval could no longer be used up when its record was written is denied. */
    private Reason notRedeemed(Approval a) {
        return switch (approvals.redeemable(a.id(), a.agent(), a.fingerprint())) {
            case Redemption.Rejected no -> Reason.of("approval", no.code(), no.message());
            case Redemption.Redeemed again -> Reason.of("approval", "approval_used", "approval " + a.id() + " has already been used");
        };
    }
}
