package dev.warden.approval;

import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.Alerts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Watches operators' approvals for rubber-stamping and raises {@value #KIND} (severity warning):
 * <ul>
 * <li><b>fast</b>: an approval decided less than {@link ReviewSettings#minDecision} after it was
 *     opened (a human cannot have read it);</li>
 * <li><b>bulk</b>: the approval that makes one operator's approvals within
 *     {@link ReviewSettings#bulkWindow} more than {@link ReviewSettings#bulkCount}.</li>
 * </ul>
 * Each alert names the operator, the figures and the approval ids, and is audited as every alert
 * is ({@code alert.raised}). Flood suppression: one operator raises at most one alert of each
 * check per window; what it approves meanwhile is counted, not alerted on. Denials are never
 * rubber-stamping. Only operators' decisions are watched; the state is in memory (a restart
 * starts counting afresh).
 */
public final class RubberStampWatch implements ApprovalListener {
    /** The alert kind. */
    public static final String KIND = "approval.rubber_stamp";
    /** Approval ids an alert names at most. */
    static final int MAX_IDS = 50;

    private final Alerts alerts;
    private final ReviewSettings settings;
    private final Function<String, Optional<String>> projectOf;
    /** Per operator: its approvals within the window, oldest first (guarded by this). */
    private final Map<String, ArrayDeque<Seen>> recent = new HashMap<>();
    /** Per operator and check: until when further alerts are suppressed (guarded by this). */
    private final Map<String, Instant> quietUntil = new HashMap<>();

    private record Seen(Instant at, String approvalId, String agent) {
    }

    /**
     * Raises its alerts on {@code alerts}.
     *
     * @param projectOf an agent's project (an alert about several agents of one project is routed to it)
     */
    public RubberStampWatch(Alerts alerts, ReviewSettings settings, Function<String, Optional<String>> projectOf) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.projectOf = Objects.requireNonNull(projectOf, "projectOf");
    }

    @Override
    public void decided(Approval a) {
        if (a.state() != ApprovalState.APPROVED || a.decidedAt().isEmpty()
                || a.decidedBy().filter(by -> by.startsWith("operator:")).isEmpty()) {
            return;
        }
        String operator = a.decidedBy().get();
        Instant at = a.decidedAt().get();
        List<AlertDraft> raise = new ArrayList<>(2);
        synchronized (this) {
            Duration taken = Duration.between(a.createdAt(), at);
            if (settings.minDecision().isPositive() && taken.compareTo(settings.minDecision()) < 0
                    && !quiet(operator + "\u0000fast", at)) {
                raise.add(fast(a, operator, taken));
            }
            if (settings.bulkCount() > 0) {
                ArrayDeque<Seen> seen = recent.computeIfAbsent(operator, k -> new ArrayDeque<>());
                seen.addLast(new Seen(at, a.id().value(), a.agent()));
                Instant from = at.minus(settings.bulkWindow());
                while (!seen.isEmpty() && !seen.peekFirst().at().isAfter(from)) {
                    seen.pollFirst();
                }
                if (seen.size() > settings.bulkCount() && !quiet(operator + "\u0000bulk", at)) {
                    raise.add(bulk(operator, List.copyOf(seen)));
                }
                if (recent.size() > 10_000) { // operators who went quiet long ago
                    recent.values().removeIf(q -> q.isEmpty() || !q.peekLast().at().isAfter(from));
                }
            }
        }
        raise.forEach(alerts::raise);
    }

    /** True when an alert of this key was raised within the window; else starts a quiet window now. */
    private boolean quiet(String key, Instant at) {
        Instant until = quietUntil.get(key);
        if (until != null && at.isBefore(until)) {
            return true;
        }
        quietUntil.put(key, at.plus(settings.bulkWindow()));
        return false;
    }

    private AlertDraft fast(Approval a, String operator, Duration taken) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("check", "fast");
        numbers.put("operator", operator);
        numbers.put("seconds_to_decide", taken.toMillis() / 1000.0);
        numbers.put("min_decision_seconds", settings.minDecision().toMillis() / 1000.0);
        numbers.put("approval_ids", List.of(a.id().value()));
        String summary = operator + " approved " + a.id() + " (" + a.action() + " of " + a.agent() + ") "
                + seconds(taken) + " after it was opened, under the " + seconds(settings.minDecision()) + " floor";
        return new AlertDraft(AlertSeverity.WARNING, KIND, Optional.of(a.agent()), Optional.empty(), summary, numbers,
                List.of(a.decisionId()));
    }

    private AlertDraft bulk(String operator, List<Seen> seen) {
        List<String> ids = seen.stream().map(Seen::approvalId).toList();
        Set<String> agents = new LinkedHashSet<>();
        seen.forEach(s -> agents.add(s.agent()));
        Set<Optional<String>> projects = new LinkedHashSet<>();
        agents.forEach(ag -> projects.add(project(ag)));
        Optional<String> project = projects.size() == 1 ? projects.iterator().next() : Optional.empty();
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("check", "bulk");
        numbers.put("operator", operator);
        numbers.put("approvals_in_window", seen.size());
        numbers.put("bulk_count", settings.bulkCount());
        numbers.put("window_seconds", settings.bulkWindow().toSeconds());
        numbers.put("approval_ids", ids.size() > MAX_IDS ? ids.subList(ids.size() - MAX_IDS, ids.size()) : ids);
        String summary = operator + " approved " + seen.size() + " requests within " + seconds(settings.bulkWindow())
                + " (more than " + settings.bulkCount() + ")";
        return new AlertDraft(AlertSeverity.WARNING, KIND, agents.size() == 1 ? Optional.of(agents.iterator().next())
                : Optional.empty(), project, summary, numbers, List.of());
    }

    private Optional<String> project(String agent) {
        try {
            return projectOf.apply(agent);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
