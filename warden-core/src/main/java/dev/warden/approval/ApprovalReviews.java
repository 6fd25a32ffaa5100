package dev.warden.approval;

import dev.warden.agent.Agent;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.catalog.RiskTier;
import dev.warden.incident.Incident;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentStore;
import dev.warden.json.JsonReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the {@link ApprovalReview} of an approval from the registry, the audit trail, the
 * incidents and the approval store. Bounded: the agent's record counts at most the newest
 * {@value #MAX_DECISIONS} (and one) decision records ({@link AuditStore#decisionCounts}) and
 * {@value #MAX_INCIDENTS} incidents; the same-call lookup reads at most {@value #MAX_SAME_CALL}
 * approvals of the fingerprint.
 */
public final class ApprovalReviews {
    /** The window of the agent's recent record. */
    public static final Duration RECORD_WINDOW = Duration.ofDays(7);
    static final int MAX_DECISIONS = 20_000;
    static final int MAX_INCIDENTS = 1_000;
    static final int MAX_SAME_CALL = 1_000;

    private final ApprovalStore approvals;
    private final Function<String, Optional<Agent>> agents;
    private final AuditStore audit;
    private final IncidentStore incidents;
    private final Function<String, Optional<RiskTier>> risk;
    private final Clock clock;

    /**
     * Reads from these.
     *
     * @param agents finds a registered agent by name
     * @param risk   the catalog's risk tier of a tool
     */
    public ApprovalReviews(ApprovalStore approvals, Function<String, Optional<Agent>> agents, AuditStore audit,
                           IncidentStore incidents, Function<String, Optional<RiskTier>> risk, Clock clock) {
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.risk = Objects.requireNonNull(risk, "risk");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The review of an approval.
     *
     * @throws dev.warden.WardenException {@code store_unavailable} when a store cannot be read
     */
    public ApprovalReview review(Approval a) {
        Instant now = clock.instant();
        Optional<ApprovalReview.AgentView> agent = agents.apply(a.agent()).map(ag -> new ApprovalReview.AgentView(
                ag.level().wire(), ag.owner(), ag.project(), ag.status().name().toLowerCase(java.util.Locale.ROOT)));
        return new ApprovalReview(agent, record(a.agent(), now.minus(RECORD_WINDOW)), reasons(a.decisionId()),
                risk.apply(a.action()).map(RiskTier::wire), sameCall(a));
    }

    /** The agent's decisions and incidents since {@code since}. */
    ApprovalReview.RecentRecord record(String agent, Instant since) {
        Map<String, Integer> counts = audit.decisionCounts(agent, since, MAX_DECISIONS + 1);
        int calls = counts.values().stream().mapToInt(Integer::intValue).sum();
        boolean truncated = calls > MAX_DECISIONS;
        int allowed = counts.getOrDefault("allow", 0);
        int denied = counts.getOrDefault("deny", 0);
        int held = counts.getOrDefault("approval_required", 0);
        int opened = 0;
        for (Incident i : incidents.list(new IncidentQuery(Optional.of(agent), Optional.empty(), Optional.empty(),
                MAX_INCIDENTS))) {
            if (!i.openedAt().isBefore(since)) {
                opened++;
            }
        }
        return new ApprovalReview.RecentRecord(since, calls, allowed, denied, held, opened, truncated);
    }

    /** The reasons in the audit record of the decision that opened the approval. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> reasons(String decisionId) {
        if (decisionId == null) {
            return List.of();
        }
        Optional<AuditRecord> record = audit.findDecision(decisionId);
        if (record.isEmpty()) {
            return List.of();
        }
        Object reasons = JsonReader.parseObject(record.get().entry()).get("reasons");
        List<Map<String, Object>> out = new ArrayList<>();
        if (reasons instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    out.add(new LinkedHashMap<>((Map<String, Object>) m));
                }
            }
        }
        return out;
    }

    private ApprovalReview.SameCall sameCall(Approval a) {
        int approvedCount = 0;
        int deniedCount = 0;
        Approval last = null;
        for (Approval other : approvals.withFingerprint(a.fingerprint(), MAX_SAME_CALL)) {
            if (other.id().equals(a.id())) {
                continue;
            }
            Optional<String> by = ApprovalStatistics.operatorDecision(other);
            if (by.isEmpty()) {
                continue;
            }
            if (other.state() == ApprovalState.DENIED) {
                deniedCount++;
            } else {
                approvedCount++;
                if (last == null || other.decidedAt().get().isAfter(last.decidedAt().get())) {
                    last = other;
                }
            }
        }
        Approval l = last;
        return new ApprovalReview.SameCall(approvedCount, deniedCount, Optional.ofNullable(l).map(x -> x.id().value()),
                Optional.ofNullable(l).flatMap(Approval::decidedAt), Optional.ofNullable(l).flatMap(Approval::decidedBy));
    }
}
