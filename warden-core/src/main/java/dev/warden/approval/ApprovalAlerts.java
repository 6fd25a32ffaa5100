package dev.warden.approval;

import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.Alerts;
import dev.warden.catalog.RiskTier;
import dev.warden.decision.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tells approvers of approvals through the alert channels: an opened approval raises
 * {@value #REQUESTED} (severity warning for high and critical risk tools, info otherwise) for the
 * agent's project, so the configured alert routes carry it to the approvers' channels; a human
 * decision raises {@value #DECIDED} (info). The alert carries what an approver needs to judge the
 * call without opening it (agent, tool, resource, risk, deadline, the masked arguments, the
 * policies) and the links to it. The agent's free-text rationale is not sent: it is shown in the
 * API and console only.
 *
 * <p>Raising only queues the alert ({@link Alerts#raise} never throws nor waits): a channel that
 * fails never touches the approval or the decision.
 */
public final class ApprovalAlerts implements ApprovalListener {
    /** The kind of the alert an opened approval raises. */
    public static final String REQUESTED = "approval.requested";
    /** The kind of the alert a human decision raises. */
    public static final String DECIDED = "approval.decided";

    private final Alerts alerts;
    private final Function<String, Optional<RiskTier>> risk;
    private final java.util.function.Supplier<ApprovalLinks> links;
    private final int perAgentPerMinute;
    /** Per agent: the minute its notices are counted in and how many it had (guarded by itself). */
    private final Map<String, long[]> notices = new java.util.HashMap<>();

    /**
     * Raises the alerts on {@code alerts}, notifying at most
     * {@link ReviewSettings#DEFAULTS}' requests of one agent a minute one by one.
     *
     * @param risk  the catalog's risk tier of a tool
     * @param links where the alert links to
     */
    public ApprovalAlerts(Alerts alerts, Function<String, Optional<RiskTier>> risk, ApprovalLinks links) {
        this(alerts, risk, constant(Objects.requireNonNull(links, "links")),
                ReviewSettings.DEFAULTS.notifyPerAgentPerMinute());
    }

    /**
     * Raises the alerts on {@code alerts}, with links as {@code links} gives them when the alert is
     * raised (a server learns its address once it listens), notifying at most
     * {@code perAgentPerMinute} requests of one agent one by one in a minute (0: no bound). Beyond,
     * each further request of that minute raises the same notice that the agent floods approvers
     * (a {@value #REQUESTED} alert without an approval), which the alert service folds into one
     * alert (its count grows; it is sent once per coalescing window). Every request stays in the
     * approval queue.
     */
    public ApprovalAlerts(Alerts alerts, Function<String, Optional<RiskTier>> risk,
                          java.util.function.Supplier<ApprovalLinks> links, int perAgentPerMinute) {
        if (perAgentPerMinute < 0) {
            throw new IllegalArgumentException("perAgentPerMinute must be >= 0");
        }
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.risk = Objects.requireNonNull(risk, "risk");
        this.links = Objects.requireNonNull(links, "links");
        this.perAgentPerMinute = perAgentPerMinute;
    }

    private static java.util.function.Supplier<ApprovalLinks> constant(ApprovalLinks links) {
        return () -> links;
    }

    /** The alert severity of an approval request for a tool of this risk: warning from high up. */
    static AlertSeverity severity(Optional<RiskTier> tier) {
        return tier.map(t -> t.compareTo(RiskTier.HIGH) >= 0 ? AlertSeverity.WARNING : AlertSeverity.INFO)
                .orElse(AlertSeverity.WARNING); // a tool the catalog no longer knows: someone should look
    }

    /** Whether this request of the agent is within its notices of the minute (counts it). */
    private boolean withinNotices(Approval a) {
        if (perAgentPerMinute == 0) {
            return true;
        }
        long minute = a.createdAt().getEpochSecond() / 60;
        synchronized (notices) {
            if (notices.size() > 10_000) {
                notices.values().removeIf(n -> n[0] < minute);
            }
            long[] n = notices.computeIfAbsent(a.agent(), k -> new long[] {minute, 0});
            if (n[0] != minute) {
                n[0] = minute;
                n[1] = 0;
            }
            return ++n[1] <= perAgentPerMinute;
        }
    }

    @Override
    public void opened(OpenedApproval opened) {
        Approval a = opened.approval();
        if (!withinNotices(a)) {
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("notices_per_minute", perAgentPerMinute);
            alerts.raise(new AlertDraft(AlertSeverity.WARNING, REQUESTED, Optional.of(a.agent()), Optional.empty(),
                    a.agent() + " opens more than " + perAgentPerMinute + " approval requests a minute; the rest are"
                            + " in the approval queue (warden approvals list)", numbers, List.of(a.decisionId())));
            return;
        }
        Optional<RiskTier> tier = risk.apply(a.action());
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("approval_id", a.id().value());
        numbers.put("action", a.action());
        numbers.put("resource", opened.resource());
        numbers.put("risk", tier.map(RiskTier::wire).orElse("unknown"));
        numbers.put("expires_at", a.expiresAt().toString());
        numbers.put("args", a.args());
        numbers.put("policy_ids", a.policyIds());
        if (!a.groups().isEmpty()) {
            numbers.put("approver_groups", a.groups()); // who may approve it; their channels hear of it
        }
        List<String> why = new ArrayList<>();
        for (Reason r : opened.reasons()) {
            why.add(r.guard() + ":" + r.code() + r.policyId().map(p -> "(" + p + ")").orElse(""));
        }
        numbers.put("reasons", why);
        ApprovalLinks to = links.get();
        numbers.put("console_url", to.console(a.id()));
        numbers.put("api_url", to.api(a.id()));
        String summary = a.agent() + " asks for approval: " + a.action() + " on " + opened.resource() + " (risk "
                + tier.map(RiskTier::wire).orElse("unknown") + ", decide by " + a.expiresAt() + ") " + a.id();
        alerts.raise(new AlertDraft(severity(tier), REQUESTED, Optional.of(a.agent()), Optional.empty(), summary,
                numbers, List.of(a.decisionId())));
    }

    @Override
    public void decided(Approval a) {
        if (a.decidedAt().isEmpty() || a.decidedBy().isEmpty()) {
            return;
        }
        String verb = a.state() == ApprovalState.DENIED ? "denied" : "approved";
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("approval_id", a.id().value());
        numbers.put("action", a.action());
        numbers.put("state", verb);
        numbers.put("decided_by", a.decidedBy().get());
        numbers.put("seconds_to_decide", Duration.between(a.createdAt(), a.decidedAt().get()).toMillis() / 1000.0);
        numbers.put("console_url", links.get().console(a.id()));
        alerts.raise(new AlertDraft(AlertSeverity.INFO, DECIDED, Optional.of(a.agent()), Optional.empty(),
                a.decidedBy().get() + " " + verb + " " + a.action() + " of " + a.agent() + " " + a.id(), numbers,
                List.of(a.decisionId())));
    }
}
