package dev.warden.server.console;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalService;
import dev.warden.approval.ApprovalState;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentState;
import dev.warden.incident.IncidentStore;
import dev.warden.incident.Kpis;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the overview and the agents page show, for one operator: admins, auditors and approvers see
 * every agent; an owner sees the agents it owns; anyone else none.
 *
 * <p>Agents are read from the registry's in-memory view (the agents in force, as decisions see
 * them), so counting and filtering 10,000 agents is one pass in memory; the agents page shows
 * {@link AgentsView#PAGE_SIZE} of them at a time.
 *
 * <p>The KPIs read every decision of the last 24 hours (seconds at millions of entries), so they are
 * computed in the background, at most once per {@link #KPI_FRESH} or {@link #KPI_COST_FACTOR} times
 * the last computation's duration, whichever is longer: a page load shows the last computed values
 * with their age and, when they are older, starts a computation and waits for it at most
 * {@link #KPI_WAIT} (enough for a small installation to see fresh values at once).
 */
public final class ConsoleFigures {
    private static final System.Logger LOG = System.getLogger(ConsoleFigures.class.getName());
    /** How long computed KPIs are shown at least before they are computed again. */
    static final Duration KPI_FRESH = Duration.ofSeconds(30);
    /**
     * Computed KPIs are also kept for this many times as long as their computation took, so a slow
     * computation (seconds over millions of entries) takes at most a sixth of one core.
     */
    static final int KPI_COST_FACTOR = 5;
    /** How long a page load waits for a KPI computation it started. */
    static final Duration KPI_WAIT = Duration.ofMillis(50);
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
    /** The last computed KPIs, or null before the first computation ends. */
    private volatile KpiValues kpiValues;
    /** The computation running, or null. */
    private CompletableFuture<KpiValues> kpiRunning;

    /** KPIs, when they were computed and how long that took. */
    record KpiValues(Map<String, Object> values, Instant at, Duration took) {
        /** Until when they are shown without being computed again. */
        Instant freshUntil() {
            Duration keep = took.multipliedBy(KPI_COST_FACTOR);
            return at.plus(keep.compareTo(KPI_FRESH) > 0 ? keep : KPI_FRESH);
        }
    }

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

    /**
     * The last computed KPIs; starts a computation when they are missing or older than
     * {@link #KPI_FRESH} (unless one runs) and waits for it at most {@code wait}. Null while the
     * first computation runs.
     */
    KpiValues kpis(Duration wait) {
        CompletableFuture<KpiValues> running;
        synchronized (kpiLock) {
            Instant now = clock.instant();
            KpiValues last = kpiValues;
            boolean fresh = last != null && !now.isBefore(last.at()) && now.isBefore(last.freshUntil());
            if (fresh) {
                return last;
            }
            if (kpiRunning == null) {
                CompletableFuture<KpiValues> f = new CompletableFuture<>();
                kpiRunning = f;
                Thread.ofPlatform().daemon(true).name("console-kpis").start(() -> computeKpis(f));
            }
            running = kpiRunning;
        }
        try {
            return running.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return kpiValues;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return kpiValues;
        }
    }

    private void computeKpis(CompletableFuture<KpiValues> f) {
        try {
            Instant at = clock.instant();
            long started = System.nanoTime();
            Map<String, Object> values = kpis.compute(Kpis.DEFAULT_WINDOW);
            KpiValues v = new KpiValues(values, at, Duration.ofNanos(System.nanoTime() - started));
            kpiValues = v;
            f.complete(v);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "computing the console's KPIs failed; the next page load tries again", e);
            f.completeExceptionally(e);
        } finally {
            synchronized (kpiLock) {
                kpiRunning = null;
            }
        }
    }

    private static boolean seesAll(OperatorPrincipal p) {
        return p.has(Role.ADMIN) || p.has(Role.AUDITOR) || p.has(Role.APPROVER);
    }

    /** The agents {@code p} may see, by name. */
    public List<Agent> visibleAgents(OperatorPrincipal p) {
        boolean all = seesAll(p);
        return agents.list().stream().filter(a -> all || p.owns(a.owner())).toList();
    }

    /** The agents page's rows: every agent {@code p} may see (no paging). */
    public List<AgentsView.Row> rows(OperatorPrincipal p) {
        return visibleAgents(p).stream().map(ConsoleFigures::row).toList();
    }

    private static AgentsView.Row row(Agent a) {
        return new AgentsView.Row(a.name(), a.level().wire(), a.levelBasis().wire(), a.status().wire(), a.owner(),
                a.project(), a.purpose());
    }

    /**
     * Page {@code page} (from 1; beyond the last is the last) of the agents {@code p} may see that
     * pass {@code filter}, {@link AgentsView#PAGE_SIZE} per page, by name.
     */
    public AgentsView agentsPage(OperatorPrincipal p, Chrome chrome, AgentsFilter filter, int page) {
        boolean all = seesAll(p);
        List<Agent> matching = agents.list().stream().filter(a -> (all || p.owns(a.owner())) && filter.matches(a)).toList();
        int pages = Math.max(1, (matching.size() + AgentsView.PAGE_SIZE - 1) / AgentsView.PAGE_SIZE);
        int shown = Math.max(1, Math.min(page, pages));
        int from = (shown - 1) * AgentsView.PAGE_SIZE;
        List<AgentsView.Row> rows = matching.subList(Math.min(from, matching.size()),
                Math.min(from + AgentsView.PAGE_SIZE, matching.size())).stream().map(ConsoleFigures::row).toList();
        return new AgentsView(chrome, rows, filter, shown, pages, matching.size(),
                Arrays.stream(MaturityLevel.values()).map(MaturityLevel::wire).toList(),
                Arrays.stream(AgentStatus.values()).map(AgentStatus::wire).toList());
    }

    /** The overview of {@code p}. */
    public OverviewView overview(OperatorPrincipal p, Chrome chrome) {
        boolean all = seesAll(p);
        Map<MaturityLevel, Long> byLevel = new EnumMap<>(MaturityLevel.class);
        Map<AgentStatus, Long> byStatus = new EnumMap<>(AgentStatus.class);
        for (Agent a : agents.list()) { // one pass over the in-memory view
            if (all || p.owns(a.owner())) {
                byLevel.merge(a.level(), 1L, Long::sum);
                byStatus.merge(a.status(), 1L, Long::sum);
            }
        }
        List<Figure> levels = new ArrayList<>();
        for (MaturityLevel l : MaturityLevel.values()) {
            levels.add(new Figure("agents_level_" + l.wire(), l.wire(), Long.toString(byLevel.getOrDefault(l, 0L))));
        }
        List<Figure> states = new ArrayList<>();
        for (AgentStatus s : AgentStatus.values()) {
            states.add(new Figure("agents_status_" + s.wire(), s.wire(), Long.toString(byStatus.getOrDefault(s, 0L))));
        }
        long open = 0;
        for (IncidentState s : IncidentState.values()) {
            if (s.isActive()) { // only the active ones are read, not every incident
                open += incidents.list(new IncidentQuery(Optional.empty(), Optional.of(s), Optional.empty(), MAX_COUNTED)).size();
            }
        }
        long pending = approvals.list(Optional.of(ApprovalState.PENDING), MAX_COUNTED).size();
        List<Figure> work = List.of(
                new Figure("open_incidents", "Open incidents", count(open)),
                new Figure("pending_approvals", "Pending approvals", count(pending)));
        KpiValues k = kpis(KPI_WAIT);
        Map<String, Object> values = k == null ? Map.of() : k.values();
        String pendingText = k == null ? "computing" : null;
        List<Figure> kf = Kpis.KEYS.stream().map(key -> new Figure(key, KPI_LABELS.getOrDefault(key, key),
                pendingText != null ? pendingText : format(key, values.get(key)))).toList();
        List<Figure> live = List.of(new Figure("decisions_per_minute", "Decisions per minute",
                Long.toString(decisionsPerMinute.getAsLong())));
        return new OverviewView(chrome, levels, states, work, kf, kpiNote(k), live);
    }

    /** When the KPIs shown were computed, for people. */
    private String kpiNote(KpiValues k) {
        if (k == null) {
            return "Being computed in the background; reload in a moment.";
        }
        long age = Math.max(0, Duration.between(k.at(), clock.instant()).toSeconds());
        long every = Duration.between(k.at(), k.freshUntil()).toSeconds();
        return age == 0 ? "Computed just now." : "Computed " + age + " s ago; recomputed at most every " + every + " s.";
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
