package dev.warden.server.metrics;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentState;
import dev.warden.incident.IncidentStore;
import dev.warden.incident.Kpis;
import dev.warden.json.JsonReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prometheus metrics (Micrometer) counted from the audit trail at each scrape, off the decision
 * path: every record appended since the last scrape is read once, so the counters are exact and
 * cost the decision point nothing. Counters count from the server's start (Prometheus' rate()
 * handles restarts).
 *
 * <ul>
 * <li>{@code warden_decisions_total{agent, decision}}: decisions by value (allow, deny, approval_required);</li>
 * <li>{@code warden_outcomes_total{agent, outcome}}: recorded outcomes (completed, failed);</li>
 * <li>{@code warden_anomalies_total{agent}}: anomalies the incident service received;</li>
 * <li>{@code warden_incidents_opened_total{agent}}, {@code warden_incident_responses_total{action}};</li>
 * <li>{@code warden_incidents_active}: incidents open or acknowledged;</li>
 * <li>{@code warden_kpi{kpi}}: the {@link Kpis}: {@code authorization_rate} and
 *     {@code audit_completeness} from the counters above (since the server started: cheap at any
 *     decision rate); the others over the last 24 hours, recomputed at most once a minute (they read
 *     incidents and alerts only). NaN when nothing was measured.</li>
 * </ul>
 *
 * <p>The {@code agent} label takes at most {@value #MAX_AGENTS} distinct values; agents seen after
 * that are counted under {@code agent="_other"}, so a flood of agent names cannot grow the series
 * without bound.
 */
public final class AuditMetrics {
    private static final System.Logger LOG = System.getLogger(AuditMetrics.class.getName());
    /** Distinct values of the {@code agent} label; the rest are {@value #OTHER}. */
    public static final int MAX_AGENTS = 1000;
    /** The {@code agent} label of agents beyond {@link #MAX_AGENTS}. */
    public static final String OTHER = "_other";
    /** Records read per scrape at most (a backlog is read over the next scrapes). */
    private static final int MAX_PAGES = 200;
    private static final Duration KPI_REFRESH = Duration.ofMinutes(1);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AuditStore audit;
    private final IncidentStore incidents;
    private final Kpis kpis;
    private final Clock clock;
    private final Set<String> labelled = new HashSet<>();
    private final int maxAgents;
    private long lastSeq;
    private Map<String, Object> kpiValues = Map.of();
    private Instant kpisAt = Instant.MIN;
    private volatile long activeIncidents;
    private long decisions;
    private long allowed;
    private long outcomes;

    /** Counts from the audit record after the current head on. */
    public AuditMetrics(AuditStore audit, IncidentStore incidents, Kpis kpis, Clock clock) {
        this(audit, incidents, kpis, clock, MAX_AGENTS);
    }

    /** As above, with another bound on the {@code agent} label (tests). */
    AuditMetrics(AuditStore audit, IncidentStore incidents, Kpis kpis, Clock clock, int maxAgents) {
        this.maxAgents = maxAgents;
        this.audit = audit;
        this.incidents = incidents;
        this.kpis = kpis;
        this.clock = clock;
        this.lastSeq = audit.head().seq();
        for (String key : Kpis.KEYS) {
            Gauge.builder("warden.kpi", this, m -> m.kpi(key)).tag("kpi", key)
                    .description("Key performance indicators over the last 24 hours").register(registry);
        }
        Gauge.builder("warden.incidents.active", this, m -> m.activeIncidents)
                .description("Incidents open or acknowledged").register(registry);
    }

    private synchronized double kpi(String key) {
        return switch (key) {
            case "authorization_rate" -> decisions == 0 ? Double.NaN : (double) allowed / decisions;
            // each outcome belongs to an allowed decision (denied ones take none)
            case "audit_completeness" -> allowed == 0 ? Double.NaN : Math.min(1.0, (double) outcomes / allowed);
            default -> kpiValues.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
        };
    }

    /** Reads what was appended since the last scrape and returns the Prometheus text format. */
    public synchronized String scrape() {
        try {
            readNew();
            refreshGauges();
        } catch (RuntimeException e) {
            // a scrape shows what was counted so far rather than failing
            LOG.log(Level.WARNING, "metrics could not be brought up to date: " + e.getMessage());
        }
        return registry.scrape();
    }

    private void readNew() {
        for (int page = 0; page < MAX_PAGES; page++) {
            var records = audit.read(new AuditQuery(lastSeq, 1000, Optional.empty(), Optional.empty()));
            for (AuditRecord r : records) {
                count(r);
                lastSeq = r.seq();
            }
            if (records.size() < 1000) {
                return;
            }
        }
    }

    private String agent(AuditRecord r) {
        String a = r.agent() == null ? "" : r.agent();
        if (labelled.contains(a)) {
            return a;
        }
        if (labelled.size() < maxAgents) {
            labelled.add(a);
            return a;
        }
        return OTHER;
    }

    private void count(AuditRecord r) {
        switch (r.kind()) {
            case "decision" -> {
                decisions++;
                if ("allow".equals(r.decision())) {
                    allowed++;
                }
                Counter.builder("warden.decisions").tag("agent", agent(r))
                        .tag("decision", r.decision() == null ? "unknown" : r.decision())
                        .description("Decisions by agent and value").register(registry).increment();
            }
            case "outcome" -> {
                outcomes++;
                Counter.builder("warden.outcomes").tag("agent", agent(r))
                        .tag("outcome", String.valueOf(JsonReader.parseObject(r.entry()).get("outcome")))
                        .description("Outcomes of allowed actions by agent and status").register(registry).increment();
            }
            case "incident.opened" -> {
                String a = agent(r);
                Counter.builder("warden.incidents.opened").tag("agent", a).description("Incidents opened").register(registry).increment();
                anomaly(a);
            }
            case "incident.anomaly_added" -> anomaly(agent(r));
            case "incident.response" -> Counter.builder("warden.incident.responses")
                    .tag("action", String.valueOf(JsonReader.parseObject(r.entry()).get("action")))
                    .description("Automatic responses applied").register(registry).increment();
            default -> { }
        }
    }

    private void anomaly(String agent) {
        Counter.builder("warden.anomalies").tag("agent", agent).description("Anomalies received by the incident service")
                .register(registry).increment();
    }

    private void refreshGauges() {
        Instant now = clock.instant();
        if (kpisAt.equals(Instant.MIN) || !now.isBefore(kpisAt.plus(KPI_REFRESH)) || now.isBefore(kpisAt)) {
            kpiValues = kpis.computeWithoutDecisions(Kpis.DEFAULT_WINDOW);
            kpisAt = now;
        }
        long active = 0;
        for (IncidentState s : new IncidentState[] {IncidentState.OPEN, IncidentState.ACKNOWLEDGED}) {
            active += incidents.list(new IncidentQuery(Optional.empty(), Optional.of(s), Optional.empty(), 10_000)).size();
        }
        activeIncidents = active;
    }
}
