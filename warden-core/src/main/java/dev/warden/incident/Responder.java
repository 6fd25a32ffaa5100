package dev.warden.incident;

import dev.warden.Actor;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.ChangeCause;
import dev.warden.agent.LevelBasis;
import dev.warden.agent.MaturityLevel;
import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.Alerts;
import dev.warden.behavior.Anomaly;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Puts responses in force and takes them back: through the registry operations an operator uses
 * (as {@link IncidentService#ACTOR}, with a reason naming incident, anomaly and detector), the
 * {@link ResponseGuard}, or the alert service. Recording them is {@link IncidentService}'s part.
 */
final class Responder {
    /** {@link ChangeCause} kind of a demotion by the critical-incident rule. */
    static final String CRITICAL_INCIDENT = "critical_incident";
    /** {@link ChangeCause} kind of a demotion by the repeated-minor-incidents rule. */
    static final String MINOR_INCIDENTS = "minor_incidents";
    /** {@link ChangeCause} kind of a demotion until a changed agent is re-verified. */
    static final String IDENTITY_CHANGE = "identity_change";
    /** {@link ChangeCause} kind of a demotion the response policy configures for a detector. */
    static final String INCIDENT_RESPONSE = "incident_response";
    /** {@link ChangeCause} kind of the undo of a demotion response ({@code incident_id}, {@code response}). */
    static final String UNDONE = "demotion_undone";
    private final AgentRegistry agents;
    private final Alerts alerts;
    private final ResponseGuard guard;

    Responder(AgentRegistry agents, Alerts alerts, ResponseGuard guard) {
        this.agents = agents;
        this.alerts = alerts;
        this.guard = guard;
    }

    /**
     * Applies {@code action} for anomaly {@code a} of incident {@code i}, adding what undoing needs to {@code detail}.
     *
     * @return a one-line summary, or empty when there was nothing to do (the agent is unknown or already in that state)
     */
    Optional<String> apply(Incident i, Anomaly a, ResponseAction action, double throttleFactor, Map<String, Object> detail,
                           Instant now) {
        Optional<Agent> agent = agents.find(i.agent());
        agent.ifPresent(ag -> {
            detail.put("level_before", ag.level().wire());
            detail.put("status_before", ag.status().wire());
        });
        String why = "incident " + i.id() + ": anomaly " + a.id() + " (" + a.detector() + ")";
        switch (action) {
            case ALERT -> {
                if (i.timeline().size() == 1) {
                    return Optional.empty(); // the opening already raised the alert
                }
                alert(i, a, "incident.anomaly", "incident " + i.id() + " of " + i.agent() + ": " + a.summary());
                return Optional.of("alert raised");
            }
            case THROTTLE -> {
                double rate = Math.max(1.0, a.baseline().orElse(a.threshold()) * throttleFactor);
                detail.put("rate_per_minute", rate);
                guard.throttle(i.agent(), rate, i.id(), now);
                return Optional.of("throttled to " + rate + " calls a minute");
            }
            case REQUIRE_APPROVAL -> {
                guard.hold(i.agent(), a.tool(), i.id());
                return Optional.of("calls to " + a.tool().orElse("every tool") + " need re-verification (approval)");
            }
            case REVOKE_SESSIONS -> {
                if (agent.isEmpty()) {
                    return Optional.empty();
                }
                agents.revokeTokens(i.agent(), IncidentService.ACTOR, why);
                return Optional.of("tokens and sessions revoked");
            }
            case QUARANTINE -> {
                if (agent.isEmpty() || agent.get().status() != AgentStatus.ACTIVE) {
                    return Optional.empty(); // already stopped
                }
                agents.quarantine(i.agent(), IncidentService.ACTOR, why);
                return Optional.of("agent quarantined");
            }
            case DEMOTE -> {
                if (agent.isEmpty() || agent.get().level() == MaturityLevel.values()[0]) {
                    return Optional.empty(); // nothing below
                }
                detail.put("level_since_before", agent.get().levelSince().toString());
                detail.put("level_basis_before", agent.get().levelBasis().wire());
                MaturityLevel to = MaturityLevel.values()[agent.get().level().ordinal() - 1];
                agents.setLevel(i.agent(), to, IncidentService.ACTOR, why, cause(i, a, detail));
                detail.put("level", to.wire());
                return Optional.of("demoted to " + to.wire());
            }
            case DEMOTE_TO_INTERN -> {
                if (agent.isEmpty() || agent.get().level() == MaturityLevel.INTERN) {
                    return Optional.empty(); // nothing below
                }
                detail.put("level_since_before", agent.get().levelSince().toString());
                detail.put("level_basis_before", agent.get().levelBasis().wire());
                agents.setLevel(i.agent(), MaturityLevel.INTERN, IncidentService.ACTOR, why, cause(i, a, detail));
                detail.put("level", MaturityLevel.INTERN.wire());
                return Optional.of("demoted to intern");
            }
            case KILL -> {
                if (agent.isEmpty() || agent.get().status() == AgentStatus.KILLED) {
                    return Optional.empty();
                }
                agents.kill(i.agent(), IncidentService.ACTOR, why);
                return Optional.of("agent killed");
            }
            default -> throw new IllegalStateException(action.toString());
        }
    }

    /** Undoes a response's change to the agent (restore, level back), recorded by the registry as {@code by}'s. */
    void restoreAgent(Incident i, AppliedResponse r, Actor by) {
        String why = "undo of response " + r.n() + " (" + r.action().wire() + ") of incident " + i.id();
        Optional<MaturityLevel> levelBefore = Optional.ofNullable((String) r.detail().get("level_before")).map(MaturityLevel::parse);
        switch (r.action()) {
            case QUARANTINE, KILL -> agents.restore(i.agent(), levelBefore.orElse(null), by, why);
            case DEMOTE, DEMOTE_TO_INTERN -> {
                Optional<LevelBasis> basis = Optional.ofNullable((String) r.detail().get("level_basis_before")).map(LevelBasis::parse);
                Optional<Instant> since = Optional.ofNullable((String) r.detail().get("level_since_before")).map(Instant::parse);
                ChangeCause undone = new ChangeCause(UNDONE, Map.of("incident_id", i.id(), "response", r.n()));
                if (basis.isPresent() && since.isPresent()) {
                    agents.undoDemotion(i.agent(), levelBefore.orElseThrow(), basis.get(), since.get(), by, why, undone);
                } else {
                    agents.setLevel(i.agent(), levelBefore.orElseThrow(), by, why, undone);
                }
            }
            default -> { }
        }
    }

    /**
     * The structured cause of a demotion response, for the demotion records: its kind from the
     * demotion rule that asked for it ({@code critical_incident}, {@code minor_incidents},
     * {@code identity_change}; {@code incident_response} for a response the policy configures), the
     * incident and the number the response will have in it, the incidents counted, the anomaly.
     */
    private static ChangeCause cause(Incident i, Anomaly a, Map<String, Object> detail) {
        Object rule = detail.get("rule");
        String kind = rule == null ? INCIDENT_RESPONSE : switch (rule.toString()) {
            case "critical_incident" -> CRITICAL_INCIDENT;
            case "repeated_minor_incidents" -> MINOR_INCIDENTS;
            case "reverification" -> IDENTITY_CHANGE;
            default -> INCIDENT_RESPONSE;
        };
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rule", rule == null ? null : rule.toString());
        d.put("incident_id", i.id());
        d.put("incidents", detail.get("incidents") instanceof java.util.List<?> l ? l : java.util.List.of(i.id()));
        d.put("response", i.responses().size() + 1); // the number IncidentService gives the response it records
        d.put("anomaly_id", a.id());
        d.put("detector", a.detector());
        return new ChangeCause(kind, d);
    }

    /** Lifts a response's throttle or re-verification hold. */
    void lift(Incident i, AppliedResponse r) {
        if (r.action() == ResponseAction.THROTTLE) {
            guard.unthrottle(i.agent(), i.id());
        } else if (r.action() == ResponseAction.REQUIRE_APPROVAL) {
            guard.release(i.agent(), r.tool(), i.id());
        }
    }

    /** Raises an alert about the incident with the anomaly's figures and evidence. */
    void alert(Incident i, Anomaly a, String kind, String summary) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("incident_id", i.id());
        numbers.put("anomaly_id", a.id());
        numbers.put("detector", a.detector());
        numbers.put("observed", a.observed());
        numbers.put("threshold", a.threshold());
        a.baseline().ifPresent(b -> numbers.put("baseline", b));
        AlertSeverity severity = switch (a.severity()) {
            case MINOR -> AlertSeverity.INFO;
            case MAJOR -> AlertSeverity.WARNING;
            case CRITICAL -> AlertSeverity.CRITICAL;
        };
        alerts.raise(new AlertDraft(severity, kind, Optional.of(i.agent()), Optional.empty(), summary, numbers, a.evidence()));
    }

}
