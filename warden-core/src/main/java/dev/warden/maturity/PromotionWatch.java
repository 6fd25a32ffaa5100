package dev.warden.maturity;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.AgentStatus;
import dev.warden.alert.Alert;
import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertQuery;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.AlertStore;
import dev.warden.alert.Alerts;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Tells an agent's owner when it becomes eligible for promotion: the gates Warden measures
 * (performance, incident record) pass at its level and every control of the next level is in
 * force, so what is left is the people's part (attestations, business value, sign-offs), which the
 * notification lists. One {@code agent.promotion_eligible} alert (info, routed to the owner) per
 * agent and time at level, also across restarts (the alert store is asked before raising).
 */
public final class PromotionWatch {
    /** The alert kind. */
    public static final String KIND = "agent.promotion_eligible";
    private static final Set<GateResult.Gate> MEASURED = Set.of(GateResult.Gate.PERFORMANCE, GateResult.Gate.INCIDENT_RECORD);
    private static final System.Logger LOG = System.getLogger(PromotionWatch.class.getName());

    private final AgentRegistry agents;
    private final GateEvidence gates;
    private final BiFunction<Agent, dev.warden.agent.MaturityLevel, ControlsReport> controls;
    private final Alerts alerts;
    private final AlertStore raised;
    private final Clock clock;
    private final Set<String> notified = ConcurrentHashMap.newKeySet();

    /**
     * @param raised the alerts raised so far (a notification already raised is not raised again)
     */
    public PromotionWatch(AgentRegistry agents, GateEvidence gates, BiFunction<Agent, dev.warden.agent.MaturityLevel, ControlsReport> controls,
                          Alerts alerts, AlertStore raised, Clock clock) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.gates = Objects.requireNonNull(gates, "gates");
        this.controls = Objects.requireNonNull(controls, "controls");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.raised = Objects.requireNonNull(raised, "raised");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks every active agent below Principal not notified at its current level and raises the
     * notification for those now eligible.
     *
     * @return the agents notified by this sweep
     */
    public List<String> sweep() {
        return agents.list().stream().filter(this::candidate).filter(this::notifyIfEligible).map(Agent::name).toList();
    }

    private boolean candidate(Agent a) {
        if (a.status() != AgentStatus.ACTIVE || a.level().next().isEmpty() || notified.contains(key(a))) {
            return false;
        }
        // the gates read the agent's records at its level: skip those still short of the time at level
        Instant due = a.levelSince().plus(gates.thresholds(a.level().next().get()).minTimeAtLevel());
        return !clock.instant().isBefore(due);
    }

    private boolean notifyIfEligible(Agent agent) {
        try {
            Readiness r = gates.readiness(agent);
            boolean measured = r.gates().stream().filter(g -> MEASURED.contains(g.gate())).allMatch(GateResult::passed);
            ControlsReport c = controls.apply(agent, r.next());
            if (!measured || !c.allInForce()) {
                return false;
            }
            if (raisedBefore(agent)) {
                notified.add(key(agent));
                return false;
            }
            List<String> outstanding = Promotions.failures(r, c).stream().map(f -> f.gate() + "." + f.check()).toList();
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("level", agent.level().wire());
            numbers.put("next_level", r.next().wire());
            numbers.put("since", agent.levelSince().toString());
            numbers.put("outstanding", outstanding);
            alerts.raise(new AlertDraft(AlertSeverity.INFO, KIND, Optional.of(agent.name()), Optional.of(agent.project()),
                    "agent " + agent.name() + " has passed the measured gates for " + r.next().wire()
                            + (outstanding.isEmpty() ? "; every gate passes: it can be promoted"
                            : "; outstanding: " + String.join(", ", outstanding)), numbers, List.of()));
            notified.add(key(agent));
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "promotion eligibility of " + agent.name() + " not checked: " + e.getMessage());
            return false;
        }
    }

    private boolean raisedBefore(Agent agent) {
        String since = agent.levelSince().toString();
        List<Alert> mine = raised.list(new AlertQuery(Optional.of(agent.name()), Optional.of(AlertSeverity.INFO), Optional.empty(),
                Optional.empty(), 1000));
        return mine.stream().anyMatch(a -> a.kind().equals(KIND) && since.equals(a.numbers().get("since")));
    }

    private static String key(Agent a) {
        return a.name() + "@" + a.level().wire() + "@" + a.levelSince();
    }
}
