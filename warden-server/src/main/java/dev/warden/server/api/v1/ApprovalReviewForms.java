package dev.warden.server.api.v1;

import dev.warden.approval.ApprovalReview;
import dev.warden.approval.ApprovalStatistics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wire forms of an approval's review and of approval statistics. */
final class ApprovalReviewForms {
    private ApprovalReviewForms() {
    }

    /** The {@code review} object of {@code GET /v1/approvals/{id}}. */
    static Map<String, Object> review(ApprovalReview r, String agentName, List<String> policyIds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", r.agent().map(a -> {
            Map<String, Object> ag = new LinkedHashMap<>();
            ag.put("name", agentName);
            ag.put("level", a.level());
            ag.put("owner", a.owner());
            ag.put("project", a.project());
            ag.put("status", a.status());
            return (Object) ag;
        }).orElse(null));
        ApprovalReview.RecentRecord rec = r.record();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("since", rec.since().toString());
        record.put("calls", rec.calls());
        record.put("allowed", rec.allowed());
        record.put("denied", rec.denied());
        record.put("approval_required", rec.approvalRequired());
        record.put("incidents", rec.incidents());
        record.put("truncated", rec.truncated());
        m.put("record_7d", record);
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("policy_ids", policyIds);
        why.put("reasons", r.reasons());
        m.put("why", why);
        m.put("risk", r.risk().orElse(null));
        ApprovalReview.SameCall same = r.sameCall();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("approved_before", same.approvedCount());
        s.put("denied_before", same.deniedCount());
        s.put("last_approval_id", same.lastApprovalId().orElse(null));
        s.put("last_approved_at", same.lastApprovedAt().map(Instant::toString).orElse(null));
        s.put("last_approved_by", same.lastApprovedBy().orElse(null));
        m.put("same_call", s);
        return m;
    }

    /** The body of {@code GET /v1/approvals/stats}. */
    static Map<String, Object> stats(ApprovalStatistics.Report r, int days) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("since", r.since().toString());
        m.put("days", days);
        m.put("truncated", r.truncated());
        m.put("approvers", r.approvers().stream().map(a -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("operator", a.operator());
            x.put("approved", a.approved());
            x.put("denied", a.denied());
            x.put("approval_rate", a.approvalRate());
            x.put("median_seconds", a.medianSeconds());
            x.put("p10_seconds", a.p10Seconds());
            x.put("decisions_per_day", a.decisionsPerDay());
            return x;
        }).toList());
        m.put("agents", r.agents().stream().map(a -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("agent", a.agent());
            x.put("requested", a.requested());
            x.put("approved", a.approved());
            x.put("denied", a.denied());
            x.put("revoked", a.revoked());
            x.put("expired", a.expired());
            x.put("pending", a.pending());
            x.put("acceptance_rate", a.acceptanceRate().orElse(null));
            return x;
        }).toList());
        return m;
    }
}
