package dev.warden.server.console;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalService;
import dev.warden.approval.ApprovalState;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentStore;
import dev.warden.incident.Kpis;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the overview and the agents page show, for one operator: admins, auditors and approvers see
 * every agent; an owner sees the agents it owns; anyone else none. The KPIs read every decision of
 * the last 24 hours, so they are computed at most once per {@link #KPI_FRESH} however many
 * operators look.
 */
public final class ConsoleFigures {
    /** How long computed KPIs are shown before they are computed again. */
    static final Duration KPI_FRESH = Duration.ofSeconds(30);
    private static final int MAX_COUNTED = 10_000;
    private static final Map<String, String> KPI_LABELS = Map.of(
            "mttd_seconds", "Time to detect",
            "alert_delivery_seconds", "Alert delivery time",
            "false_positive_rate", "False positives",
            "authorization_rate", "Authorization rate",
            "audit_completeness", "Audit completeness",
            "recovery_seconds", "Recovery time");

    private final AgentRegistry agents;
    private final Kpis kpis;
    private final IncidentStore incidents;
    private final ApprovalService approvals;
    private final Clock clock;
    private final java.util.function.LongSupplier decisionsPerMinute;
    private final Object kpiLock = new Object();
    private Instant kpiAt = Instant.MIN;
    private Map<String, Object> kpiValues = Map.of();

    /**
     * Reads from these; {@code clock} times the KPIs' freshness; {@code decisionsPerMinute} counts
     * the decisions of the last minute (the live feed's rate).
     */
    public ConsoleFigures(AgentRegistry agents, Kpis kpis, IncidentStore incidents, ApprovalService approvals, Clock clock,
                          java.util.function.LongSupplier decisionsPerMinute) {
        this.decisionsPerMinute = decisionsPerMinute;
        this.agents = agents;
        this.kpis = kpis;
        this.incidents = incidents;
        this.approvals = approvals;
        this.clock = clock;
    }

    private Map<String, Object> kpis() {
        synchronized (kpiLock) {
            Instant now = clock.instant();
            if (now.isBefore(kpiAt) || !now.isBefore(kpiAt.plus(KPI_FRESH))) {
                kpiValues = kpis.compute(Kpis.DEFAULT_WINDOW);
                kpiAt = now;
            }
            return kpiValues;
        }
    }

    /** The agents {@code p} may see, by name. */
    public List<Agent> visibleAgents(OperatorPrincipal p) {
        boolean all = p.has(Role.ADMIN) || p.has(Role.AUDITOR) || p.has(Role.APPROVER);
        return agents.list().stream().filter(a -> all || p.owns(a.owner()))
                .sorted(java.util.Comparator.comparing(Agent::name)).toList();
    }

    /** The agents page's rows. */
    public List<AgentsView.Row> rows(OperatorPrincipal p) {
        return visibleAgents(p).stream().map(a -> new AgentsView.Row(a.name(), a.level().wire(), a.levelBasis().wire(),
                a.status().wire(), a.owner(), a.project(), a.purpose())).toList();
    }

    /** The overview of {@code p}. */
    public OverviewView overview(OperatorPrincipal p, Chrome chrome) {
        List<Agent> visible = visibleAgents(p);
        List<Figure> levels = new ArrayList<>();
        for (MaturityLevel l : MaturityLevel.values()) {
            long n = visible.stream().filter(a -> a.level() == l).count();
            levels.add(new Figure("agents_level_" + l.wire(), l.wire(), Long.toString(n)));
        }
        List<Figure> states = new ArrayList<>();
        for (AgentStatus s : AgentStatus.values()) {
            long n = visible.stream().filter(a -> a.status() == s).count();
            states.add(new Figure("agents_status_" + s.wire(), s.wire(), Long.toString(n)));
        }
        long open = incidents.list(IncidentQuery.newest(MAX_COUNTED)).stream().filter(i -> i.state().isActive()).count();
        long pending = approvals.list(Optional.of(ApprovalState.PENDING), MAX_COUNTED).size();
        List<Figure> work = List.of(
                new Figure("open_incidents", "Open incidents", count(open)),
                new Figure("pending_approvals", "Pending approvals", count(pending)));
        Map<String, Object> k = kpis();
        List<Figure> kf = Kpis.KEYS.stream().map(key -> new Figure(key, KPI_LABELS.getOrDefault(key, key), format(key, k.get(key)))).toList();
        List<Figure> live = List.of(new Figure("decisions_per_minute", "Decisions per minute",
                Long.toString(decisionsPerMinute.getAsLong())));
        return new OverviewView(chrome, levels, states, work, kf, live);
    }

    private static String count(long n) {
        return n >= MAX_COUNTED ? MAX_COUNTED + "+" : Long.toString(n);
    }

    /** A KPI with its unit: seconds for {@code *_seconds}, per cent for rates; {@code no data} when nothing was measured. */
    static String format(String key, Object value) {
        if (!(value instanceof Number n)) {
            return "no data";
        }
        if (key.endsWith("_seconds")) {
            return String.format(Locale.ROOT, "%.1f s", n.doubleValue());
        }
        return String.format(Locale.ROOT, "%.1f %%", n.doubleValue() * 100);
    }
}
