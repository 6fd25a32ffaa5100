package dev.warden.incident;

import dev.warden.alert.Alert;
import dev.warden.alert.AlertDelivery;
import dev.warden.alert.AlertQuery;
import dev.warden.alert.AlertStore;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The seed's key performance indicators over a window ending now, from the audit trail, the alert
 * outbox and the incidents. A value with nothing to measure in the window is null.
 *
 * <ul>
 * <li>{@code mttd_seconds}: mean over the anomalies of incidents opened in the window of the time
 *     from the first decision of its evidence to the anomaly;</li>
 * <li>{@code alert_delivery_seconds}: mean over delivered outbox entries of alerts raised in the
 *     window of raised → delivered;</li>
 * <li>{@code false_positive_rate}: incidents opened in the window and marked false positive / those closed;</li>
 * <li>{@code authorization_rate}: allowed decisions / all decisions in the window;</li>
 * <li>{@code audit_completeness}: allowed decisions with a recorded outcome / allowed decisions
 *     (every decision has its audit record by construction: a decision that cannot be audited is denied);</li>
 * <li>{@code recovery_seconds}: mean over incidents opened in the window whose quarantine or kill
 *     was undone of opened → undone (the agent back to active).</li>
 * </ul>
 */
public final class Kpis {
    /** The default window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    /** The KPI keys, in order. */
    public static final List<String> KEYS = List.of("mttd_seconds", "alert_delivery_seconds", "false_positive_rate",
            "authorization_rate", "audit_completeness", "recovery_seconds");
    private static final int MAX_INCIDENTS = 10_000;

    private final AuditStore audit;
    private final AlertStore alerts;
    private final IncidentStore incidents;
    private final Clock clock;

    /** Reads from these stores. */
    public Kpis(AuditStore audit, AlertStore alerts, IncidentStore incidents, Clock clock) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Running mean. */
    private static final class Mean {
        private double sum;
        private long n;

        void add(double v) {
            sum += v;
            n++;
        }

        Double value() {
            return n == 0 ? null : sum / n;
        }
    }

    /**
     * The KPIs over {@code window} ending now: the {@link #KEYS} (null: nothing measured),
     * {@code window_seconds}, {@code since}. Reads every decision record of the window (and looks up
     * the outcome of each allowed one): at tens of thousands of decisions a second, ask for short
     * windows, or read the counters of {@code /metrics}.
     */
    public Map<String, Object> compute(Duration window) {
        return compute(window, true);
    }

    /**
     * The KPIs that do not read decisions ({@code mttd_seconds}, {@code alert_delivery_seconds},
     * {@code false_positive_rate}, {@code recovery_seconds}): cheap whatever the decision rate, as
     * they read incidents and alerts only.
     */
    public Map<String, Object> computeWithoutDecisions(Duration window) {
        return compute(window, false);
    }

    private Map<String, Object> compute(Duration window, boolean withDecisions) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        Map<String, Object> out = new LinkedHashMap<>();
        List<Incident> recent = incidents.list(IncidentQuery.newest(MAX_INCIDENTS)).stream()
                .filter(i -> !i.openedAt().isBefore(since)).toList();
        out.put("mttd_seconds", mttd(recent));
        out.put("alert_delivery_seconds", alertDelivery(since));
        long closed = recent.stream().filter(i -> !i.state().isActive()).count();
        long falsePositives = recent.stream().filter(i -> i.state() == IncidentState.FALSE_POSITIVE).count();
        out.put("false_positive_rate", closed == 0 ? null : (double) falsePositives / closed);
        if (withDecisions) {
            decisions(since, now, out);
        }
        Mean recovery = new Mean();
        for (Incident i : recent) {
            i.responses().stream()
                    .filter(r -> (r.action() == ResponseAction.QUARANTINE || r.action() == ResponseAction.KILL) && r.undoneAt().isPresent())
                    .map(r -> r.undoneAt().get()).min(Instant::compareTo)
                    .ifPresent(back -> recovery.add(seconds(i.openedAt(), back)));
        }
        out.put("recovery_seconds", recovery.value());
        out.put("window_seconds", window.toSeconds());
        out.put("since", since.toString());
        return out;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private Double mttd(List<Incident> recent) {
        Mean mean = new Mean();
        for (Incident i : recent) {
            for (TimelineEntry e : i.timeline()) {
                if (!"anomaly".equals(e.type()) || !(e.detail().get("evidence") instanceof List<?> evidence) || evidence.isEmpty()) {
                    continue;
                }
                Optional<AuditRecord> first = audit.findDecision(String.valueOf(evidence.getFirst()));
                first.ifPresent(r -> mean.add(Math.max(0, seconds(r.time(), e.at()))));
            }
        }
        return mean.value();
    }

    private Double alertDelivery(Instant since) {
        Mean mean = new Mean();
        Optional<String> before = Optional.empty();
        while (true) {
            List<Alert> page = alerts.list(new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), before, 1000));
            for (Alert a : page) {
                if (a.raisedAt().isBefore(since)) {
                    return mean.value();
                }
                for (AlertDelivery d : alerts.deliveries(a.id())) {
                    d.deliveredAt().ifPresent(at -> mean.add(Math.max(0, seconds(a.raisedAt(), at))));
                }
            }
            if (page.size() < 1000) {
                return mean.value();
            }
            before = Optional.of(page.getLast().id());
        }
    }

    private void decisions(Instant since, Instant now, Map<String, Object> out) {
        long all = 0;
        long allowed = 0;
        long withOutcome = 0;
        long after = since.equals(Instant.MIN) ? 0 : audit.lastSeqBefore(since);
        while (true) {
            List<AuditRecord> page = audit.read(new AuditQuery(after, 1000, Optional.empty(), Optional.of("decision")));
            for (AuditRecord r : page) {
                if (r.time().isBefore(since) || r.time().isAfter(now)) {
                    continue;
                }
                all++;
                if ("allow".equals(r.decision())) {
                    allowed++;
                    if (audit.hasOutcome(r.decisionId())) {
                        withOutcome++;
                    }
                }
            }
            if (page.size() < 1000) {
                break;
            }
            after = page.getLast().seq();
        }
        out.put("authorization_rate", all == 0 ? null : (double) allowed / all);
        out.put("audit_completeness", allowed == 0 ? null : (double) withOutcome / allowed);
    }
}
