package dev.warden.maturity;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.demotion.DemotionStore;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.incident.Incident;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentState;
import dev.warden.incident.IncidentStore;
import dev.warden.incident.TimelineEntry;
import dev.warden.json.JsonReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Computes promotion gates 1 (performance) and 4 (incident record) of an agent for its next level,
 * from the audit trail and the incident store, over its time at the current level, and with a
 * {@link SignOffGates} gates 2, 3 and 5 from the evidence operators recorded.
 *
 * <ul>
 *   <li><b>time at level</b>: now minus {@link Agent#levelSince()};</li>
 *   <li><b>operations</b>: its {@code decision} records since then;</li>
 *   <li><b>accuracy</b>: {@code 1 - (failed outcomes + denied approval requests + rolled-back actions)
 *       / (outcomes reported + approval requests decided by a human)}, where a rolled-back action is
 *       an allowed call of the level that a {@code rollback.item} compensates (counted once);</li>
 *   <li><b>availability</b>: the share of the time at level in which the agent was active (not
 *       quarantined, killed or retired) and none of its circuit breakers was open or half-open,
 *       replayed from its {@code agent.quarantined}, {@code agent.killed}, {@code agent.restored} and
 *       {@code breaker.transition} records (those before the level set the state it started in);</li>
 *   <li><b>response time</b>: the 95th percentile (nearest rank) of outcome record time minus decision
 *       record time, for the outcomes of calls decided at the level;</li>
 *   <li><b>incident record</b>: incidents opened since the level was reached: no critical one (false
 *       positives aside), every other one closed, and, where the target requires it, each resolved
 *       one resolved with a note (the root cause); with {@link #withDemotions}, no demotion record open.</li>
 * </ul>
 */
public final class GateEvidence {
    private static final List<String> STATUS_KINDS = List.of("agent.quarantined", "agent.killed", "agent.restored", "breaker.transition");

    private final AuditStore records;
    private final IncidentStore incidents;
    private final Clock clock;
    private final Function<MaturityLevel, GateThresholds> thresholds;
    private final Optional<SignOffGates> signOffs;
    private volatile DemotionsCheck demotions; // null: the demotion records are not checked

    /**
     * Reads from {@code records} and {@code incidents}.
     *
     * @param thresholds the thresholds of a promotion to a level
     */
    public GateEvidence(AuditStore records, IncidentStore incidents, Clock clock, Function<MaturityLevel, GateThresholds> thresholds) {
        this(records, incidents, clock, thresholds, Optional.empty());
    }

    /**
     * Reads from {@code records} and {@code incidents}, and gates 2, 3 and 5 from {@code signOffs}
     * (empty: those three stay {@linkplain Readiness#pending pending}).
     *
     * @param thresholds the thresholds of a promotion to a level
     */
    public GateEvidence(AuditStore records, IncidentStore incidents, Clock clock, Function<MaturityLevel, GateThresholds> thresholds,
                        Optional<SignOffGates> signOffs) {
        this.records = Objects.requireNonNull(records, "records");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.signOffs = Objects.requireNonNull(signOffs, "signOffs");
    }

    /** With the {@link GateThresholds#defaults ATF defaults} and the baseline's minimum of operations. */
    public GateEvidence(AuditStore records, IncidentStore incidents, Clock clock, long baselineOperations) {
        this(records, incidents, clock, target -> GateThresholds.defaults(target, baselineOperations));
    }

    /**
     * Adds the {@code demotions_closed} check to the incident-record gate: no demotion record of the
     * agent may be open ({@link DemotionsCheck}). Set once, when Warden is wired.
     *
     * @return this
     */
    public GateEvidence withDemotions(DemotionStore store) {
        this.demotions = new DemotionsCheck(store);
        return this;
    }

    /**
     * The gates of an agent for its next level, with no requester: {@link #readiness(Agent, Optional)}.
     *
     * @throws WardenException {@code invalid_field} naming {@code level} for a Principal (there is no level above)
     */
    public Readiness readiness(Agent agent) {
        return readiness(agent, Optional.empty());
    }

    /**
     * The gates of an agent for its next level, in order: performance, security validation, business
     * value, incident record, governance sign-off. Sign-offs by {@code requester} (the operator who
     * requests the promotion) do not count.
     *
     * @throws WardenException {@code invalid_field} naming {@code level} for a Principal (there is no level above)
     */
    public Readiness readiness(Agent agent, Optional<String> requester) {
        MaturityLevel next = agent.level().next().orElseThrow(() -> new WardenException(ErrorCode.INVALID_FIELD,
                "level: " + agent.name() + " is principal; there is no level above to be ready for"));
        GateThresholds t = thresholds.apply(next);
        Instant now = clock.instant();
        Tally tally = tally(agent);
        List<GateResult> gates = new ArrayList<>();
        gates.add(performance(agent, t, tally, now));
        List<GateResult> signed = signOffs.map(s -> s.evaluate(agent, next, requester)).orElse(List.of());
        if (!signed.isEmpty()) {
            gates.add(signed.get(0));
            gates.add(signed.get(1));
        }
        gates.add(incidentRecord(agent, t));
        if (!signed.isEmpty()) {
            gates.add(signed.get(2));
        }
        return new Readiness(agent.name(), agent.level(), next, agent.levelBasis(), agent.levelSince(), gates,
                signOffs.isPresent() ? List.of() : Readiness.NOT_EVALUATED, tally.truncated);
    }

    /** The thresholds of a promotion to {@code target}. */
    public GateThresholds thresholds(MaturityLevel target) {
        return thresholds.apply(target);
    }

    private GateResult performance(Agent agent, GateThresholds t, Tally tally, Instant now) {
        Instant since = agent.levelSince();
        Duration atLevel = now.isBefore(since) ? Duration.ZERO : Duration.between(since, now);
        List<GateCheck> checks = new ArrayList<>();
        checks.add(GateCheck.atLeast("time_at_level", "seconds", atLevel.toSeconds(), t.minTimeAtLevel().toSeconds(),
                days(atLevel) + " at " + agent.level().wire() + " of " + days(t.minTimeAtLevel()) + " required"));
        checks.add(GateCheck.atLeast("operations", "operations", tally.decisions, t.minOperations(),
                tally.decisions + " decisions at the level of " + t.minOperations() + " required (the baseline minimum)"));
        checks.add(accuracy(t, tally));
        checks.add(availability(agent, t, now));
        checks.add(responseTime(t, tally));
        return GateResult.of(GateResult.Gate.PERFORMANCE, checks);
    }

    private static GateCheck accuracy(GateThresholds t, Tally x) {
        long judged = x.outcomes + x.decidedApprovals;
        long wrong = x.failed + x.denied + x.rolledBack;
        String counts = "failed " + x.failed + ", denied " + x.denied + ", rolled back " + x.rolledBack + " of " + x.outcomes
                + " outcomes and " + x.decidedApprovals + " approval requests decided";
        if (t.minAccuracy().isEmpty()) {
            double observed = judged == 0 ? 1.0 : Math.max(0, 1 - (double) wrong / judged);
            return new GateCheck("accuracy", "share", judged == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(observed),
                    0, "not_applicable", true, "not required for " + t.target().wire() + " (" + counts + ")");
        }
        double required = t.minAccuracy().getAsDouble();
        if (judged == 0) {
            return GateCheck.noEvidence("accuracy", "share", required, "above", "no outcome reported and no approval request decided at the level");
        }
        double observed = Math.max(0, 1 - (double) wrong / judged);
        return GateCheck.above("accuracy", "share", observed, required, percent(observed) + " (" + counts + "), above "
                + percent(required) + " required");
    }

    private GateCheck availability(Agent agent, GateThresholds t, Instant now) {
        Instant since = agent.levelSince();
        long total = now.isAfter(since) ? Duration.between(since, now).toMillis() : 0;
        if (total == 0) {
            return GateCheck.noEvidence("availability", "share", t.minAvailability(), "above", "no time at the level yet");
        }
        Replay replay = new Replay();
        long down = 0;
        Instant cursor = since;
        for (AuditRecord r : statusRecords(agent.name())) {
            if (r.time().isAfter(now)) {
                break;
            }
            if (r.time().isAfter(cursor)) {
                if (replay.unavailable()) {
                    down += Duration.between(cursor, r.time()).toMillis();
                }
                cursor = r.time();
            }
            replay.apply(r);
        }
        if (replay.unavailable() && now.isAfter(cursor)) {
            down += Duration.between(cursor, now).toMillis();
        }
        double observed = 1 - (double) down / total;
        return GateCheck.above("availability", "share", observed, t.minAvailability(), percent(observed) + " ("
                + Duration.ofMillis(down).toSeconds() + " s quarantined, killed or behind an open breaker of "
                + Duration.ofMillis(total).toSeconds() + " s at the level), above " + percent(t.minAvailability()) + " required");
    }

    private static GateCheck responseTime(GateThresholds t, Tally x) {
        double sla = t.responseSla().toMillis() / 1000.0;
        if (x.latencies.isEmpty()) {
            return GateCheck.noEvidence("response_time_p95", "seconds", sla, "at_most", "no outcome reported for a call decided at the level");
        }
        List<Long> sorted = x.latencies.stream().sorted().toList();
        int rank = (int) Math.ceil(0.95 * sorted.size());
        double p95 = sorted.get(Math.max(0, rank - 1)) / 1000.0;
        return GateCheck.atMost("response_time_p95", "seconds", p95, sla, String.format(Locale.ROOT,
                "p95 decision-to-outcome latency %.3f s over %d outcomes, at most %.3f s required", p95, sorted.size(), sla));
    }

    private GateResult incidentRecord(Agent agent, GateThresholds t) {
        List<Incident> atLevel = incidentsSince(agent.name(), agent.levelSince());
        long critical = atLevel.stream()
                .filter(i -> i.severity() == AnomalySeverity.CRITICAL && i.state() != IncidentState.FALSE_POSITIVE).count();
        long unresolved = atLevel.stream()
                .filter(i -> i.severity() != AnomalySeverity.CRITICAL && i.state().isActive()).count();
        List<String> withoutCause = atLevel.stream()
                .filter(i -> i.state() == IncidentState.RESOLVED && !hasRootCause(i)).map(Incident::id).toList();
        List<GateCheck> checks = new ArrayList<>();
        checks.add(GateCheck.atMost("critical_incidents", "incidents", critical, 0,
                critical + " critical incidents opened at the level, none allowed"));
        checks.add(GateCheck.atMost("unresolved_minor_incidents", "incidents", unresolved, 0,
                unresolved + " minor incidents at the level still open or acknowledged, all must be resolved"));
        if (t.rootCauseRequired()) {
            checks.add(GateCheck.atMost("root_cause_missing", "incidents", withoutCause.size(), 0,
                    withoutCause.size() + " resolved incidents without a root-cause note" + (withoutCause.isEmpty() ? "" : " " + withoutCause)
                            + ", a note is required for " + t.target().wire()));
        } else {
            checks.add(new GateCheck("root_cause_missing", "incidents", java.util.OptionalDouble.of(withoutCause.size()), 0,
                    "not_applicable", true, "root-cause notes not required for " + t.target().wire()));
        }
        DemotionsCheck open = demotions;
        if (open != null) {
            checks.add(open.check(agent));
        }
        return GateResult.of(GateResult.Gate.INCIDENT_RECORD, checks);
    }

    /** Whether the operator who resolved it wrote a note (the root cause). */
    private static boolean hasRootCause(Incident i) {
        return i.timeline().stream()
                .filter(e -> "operator".equals(e.type()) && "resolved".equals(e.detail().get("state")))
                .map(TimelineEntry::detail)
                .anyMatch(d -> d.get("note") instanceof String note && !note.isBlank());
    }

    private List<Incident> incidentsSince(String agent, Instant since) {
        List<Incident> out = new ArrayList<>();
        Optional<String> before = Optional.empty();
        while (true) {
            List<Incident> page = incidents.list(new IncidentQuery(Optional.of(agent), Optional.empty(), before, 1000));
            for (Incident i : page) {
                if (!i.openedAt().isBefore(since)) {
                    out.add(i);
                }
            }
            // newest first: once a page reaches before the level, older pages cannot count
            if (page.size() < 1000 || page.getLast().openedAt().isBefore(since)) {
                return out;
            }
            before = Optional.of(page.getLast().id());
        }
    }

    /** The agent's status and breaker records of its whole history, in order. */
    private List<AuditRecord> statusRecords(String agent) {
        List<AuditRecord> all = new ArrayList<>();
        for (String kind : STATUS_KINDS) {
            long after = 0;
            while (all.size() < LevelRecords.MAX_RECORDS) {
                List<AuditRecord> page = records.read(new AuditQuery(after, LevelRecords.PAGE, Optional.of(agent), Optional.of(kind)));
                all.addAll(page);
                if (page.size() < LevelRecords.PAGE) {
                    break;
                }
                after = page.getLast().seq();
            }
        }
        all.sort(Comparator.comparingLong(AuditRecord::seq));
        return all;
    }

    private Tally tally(Agent agent) {
        Tally t = new Tally();
        t.truncated = LevelRecords.forEach(records, agent, t::add);
        return t;
    }

    private static String days(Duration d) {
        return String.format(Locale.ROOT, "%.1f days", d.toMillis() / 86_400_000.0);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    /** The counts of one pass over the level's records. */
    private static final class Tally {
        long decisions;
        long outcomes;
        long failed;
        long decidedApprovals;
        long denied;
        long rolledBack;
        boolean truncated;
        final List<Long> latencies = new ArrayList<>();
        final Map<String, Instant> allowed = new HashMap<>();
        final Set<String> compensated = new HashSet<>();

        void add(AuditRecord r) {
            switch (r.kind()) {
                case "decision" -> {
                    decisions++;
                    if ("allow".equals(r.decision()) && r.decisionId() != null) {
                        allowed.put(r.decisionId(), r.time());
                    }
                }
                case "outcome" -> {
                    outcomes++;
                    if ("failed".equals(fields(r).get("outcome"))) {
                        failed++;
                    }
                    Instant decided = r.decisionId() == null ? null : allowed.get(r.decisionId());
                    if (decided != null) {
                        latencies.add(Math.max(0, Duration.between(decided, r.time()).toMillis()));
                    }
                }
                case "approval.approved" -> decidedApprovals++;
                case "approval.denied" -> {
                    decidedApprovals++;
                    denied++;
                }
                case "rollback.item" -> {
                    String id = String.valueOf(fields(r).get("compensates"));
                    if (allowed.containsKey(id) && compensated.add(id)) {
                        rolledBack++; // once per call, however many items and plans name it
                    }
                }
                default -> { }
            }
        }

        private static Map<String, Object> fields(AuditRecord r) {
            return JsonReader.parseObject(r.entry());
        }
    }

    /** An agent's availability state, replayed record by record. */
    private static final class Replay {
        boolean active = true;
        final Set<String> openBreakers = new HashSet<>();

        void apply(AuditRecord r) {
            switch (r.kind()) {
                case "agent.quarantined", "agent.killed" -> active = false;
                case "agent.restored" -> active = true;
                case "breaker.transition" -> {
                    Map<String, Object> f = JsonReader.parseObject(r.entry());
                    String tool = String.valueOf(f.get("tool"));
                    if ("closed".equals(f.get("to"))) {
                        openBreakers.remove(tool);
                    } else {
                        openBreakers.add(tool);
                    }
                }
                default -> { }
            }
        }

        boolean unavailable() {
            return !active || !openBreakers.isEmpty();
        }
    }
}
