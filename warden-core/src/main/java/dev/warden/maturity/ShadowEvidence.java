package dev.warden.maturity;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.json.JsonReader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads shadow mode's evidence from the audit trail: the {@code shadow} field of an agent's
 * decision records (what its next level would have decided) joined with what became of those calls
 * ({@code approval.*} records of the approvals they opened, the {@code outcome} of the call that
 * redeemed one, {@code rollback.item} records compensating it).
 */
public final class ShadowEvidence {
    private final AuditStore records;

    /** Reads from {@code records}. */
    public ShadowEvidence(AuditStore records) {
        this.records = records;
    }

    /**
     * The report for an agent at its current level.
     *
     * @throws WardenException {@code invalid_field} naming {@code level} for a Principal (there is no next level)
     */
    public ShadowReport report(Agent agent) {
        MaturityLevel next = agent.level().next().orElseThrow(() -> new WardenException(ErrorCode.INVALID_FIELD,
                "level: " + agent.name() + " is principal; there is no level above to shadow"));
        Tally t = new Tally();
        boolean truncated = LevelRecords.forEach(records, agent, t::add);
        return new ShadowReport(agent.name(), agent.level(), next, agent.levelSince(), t.decisions, t.wouldAllow, t.wouldAsk,
                t.approved, t.rejected, t.expired, t.failed, t.rolledBack, truncated);
    }

    /** The running counts, and the ids that join the records. */
    private static final class Tally {
        long decisions;
        long wouldAllow;
        long wouldAsk;
        long approved;
        long rejected;
        long expired;
        long failed;
        long rolledBack;
        final Set<String> shadowApprovals = new HashSet<>();
        final Set<String> runs = new HashSet<>();

        void add(AuditRecord r) {
            switch (r.kind()) {
                case "decision" -> decision(r);
                case "approval.approved" -> approval(r, "approved");
                case "approval.denied" -> approval(r, "denied");
                case "approval.expired", "approval.revoked" -> approval(r, "expired");
                case "outcome" -> {
                    if (runs.contains(r.decisionId()) && "failed".equals(fields(r).get("outcome"))) {
                        failed++;
                    }
                }
                case "rollback.item" -> {
                    if (runs.remove(String.valueOf(fields(r).get("compensates")))) {
                        rolledBack++; // once per call, however many items and plans name it
                    }
                }
                default -> { }
            }
        }

        private void decision(AuditRecord r) {
            decisions++;
            Map<String, Object> f = fields(r);
            Object approvalId = f.get("approval_id");
            if (f.get("shadow") instanceof Map<?, ?> shadow) {
                if ("allow".equals(shadow.get("decision")) && "approval_required".equals(r.decision())) {
                    wouldAllow++;
                    if (approvalId != null) {
                        shadowApprovals.add(approvalId.toString());
                    }
                } else if ("approval_required".equals(shadow.get("decision"))) {
                    wouldAsk++;
                }
            } else if ("allow".equals(r.decision()) && approvalId != null && shadowApprovals.contains(approvalId.toString())) {
                runs.add(r.decisionId()); // the call that redeemed such an approval
            }
        }

        private void approval(AuditRecord r, String how) {
            if (!(fields(r).get("approval_id") instanceof String id) || !shadowApprovals.contains(id)) {
                return;
            }
            switch (how) {
                case "approved" -> approved++;
                case "denied" -> rejected++;
                default -> expired++;
            }
        }

        private static Map<String, Object> fields(AuditRecord r) {
            return JsonReader.parseObject(r.entry());
        }
    }
}
