package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** An approval with its review as lines for a human ({@code warden approvals show}). */
final class ApprovalView {
    private ApprovalView() {
    }

    static String render(JsonNode a) {
        List<String> out = new ArrayList<>();
        JsonNode review = a.path("review");
        out.add("Approval " + text(a, "approval_id") + "  " + text(a, "state").toUpperCase(java.util.Locale.ROOT)
                + "  (opened " + text(a, "created_at") + ", decide by " + text(a, "expires_at") + ")");
        JsonNode agent = review.path("agent");
        String who = text(a, "agent");
        if (agent.isObject()) {
            who += "  level " + text(agent, "level") + ", owner " + text(agent, "owner") + ", project "
                    + text(agent, "project") + ", " + text(agent, "status");
        }
        row(out, "Agent", who);
        row(out, "Call", text(a, "action") + " on " + text(a, "resource"));
        row(out, "Arguments", CliJson.write(a.path("args")) + "  (sensitive values masked)");
        String rationale = text(a, "rationale");
        row(out, "Rationale", rationale.isEmpty() ? "(none given)" : rationale);
        row(out, "Risk", (review.hasNonNull("risk") ? text(review, "risk") : "unknown") + "; approvers needed "
                + a.path("approvers_needed").asInt(1));
        List<String> why = new ArrayList<>();
        why.add("policies " + String.join(", ", strings(a.path("policy_ids"))));
        for (JsonNode r : review.path("why").path("reasons")) {
            why.add(text(r, "guard") + ": " + text(r, "code") + (r.hasNonNull("policy_id") ? " (" + text(r, "policy_id") + ")" : "")
                    + (r.hasNonNull("message") && !text(r, "message").isEmpty() ? " - " + text(r, "message") : ""));
        }
        row(out, "Why", why.getFirst());
        why.stream().skip(1).forEach(w -> row(out, "", w));
        JsonNode rec = review.path("record_7d");
        if (rec.isObject()) {
            row(out, "Last 7 days", rec.path("calls").asLong() + " call(s): " + rec.path("allowed").asLong() + " allowed, "
                    + rec.path("denied").asLong() + " denied, " + rec.path("approval_required").asLong() + " held for approval; "
                    + rec.path("incidents").asLong() + " incident(s)" + (rec.path("truncated").asBoolean() ? " (at least: truncated)" : ""));
        }
        JsonNode same = review.path("same_call");
        if (same.isObject()) {
            long approved = same.path("approved_before").asLong();
            row(out, "Same call", approved == 0 ? "never approved before" : "approved " + approved + " time(s) before, last "
                    + text(same, "last_approval_id") + " at " + text(same, "last_approved_at") + " by " + text(same, "last_approved_by"));
            long denied = same.path("denied_before").asLong();
            if (denied > 0) {
                row(out, "", "denied " + denied + " time(s) before");
            }
        }
        if (a.hasNonNull("decided_by")) {
            row(out, "Decided", text(a, "decided_by") + " at " + text(a, "decided_at")
                    + (a.hasNonNull("note") ? ": " + text(a, "note") : ""));
        }
        return String.join("\n", out);
    }

    private static void row(List<String> out, String label, String value) {
        out.add(String.format("  %-12s %s", label, value));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
