package dev.warden.incident;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.AgentChange;
import dev.warden.agent.AgentRegistry;
import dev.warden.alert.Alerts;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.behavior.AnomalySink;
import dev.warden.id.IdGenerator;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Incidents: groups the anomalies of each agent into one incident while it is open or
 * acknowledged (a new anomaly after it was closed opens a new one), applies the
 * {@link ResponsePolicy responses} configured for each anomaly's detector and severity, and takes
 * operator actions (acknowledge, resolve, false positive, undo a response).
 *
 * <p>Every change is durable with its audit record: {@code incident.opened},
 * {@code incident.anomaly_added}, {@code incident.response} (with its trigger: incident, anomaly,
 * detector), {@code incident.response_undone}, {@code incident.acknowledged},
 * {@code incident.resolved}, {@code incident.false_positive} (the last three and undos name the
 * operator). Responses acting on the agent (quarantine, demotion, kill, token revocation) also
 * write the registry's own records with actor {@code system:incidents}. A response that tightens
 * stays in force when its incident record cannot be written (fail closed).
 *
 * <p>{@link #accept} runs on the detectors' thread, never on the decision path, and never throws.
 */
public final class IncidentService implements AnomalySink {
    private static final System.Logger LOG = System.getLogger(IncidentService.class.getName());
    /** Who applies automatic responses. */
    public static final Actor ACTOR = Actor.system("incidents");
    /** The detector id of re-verification reviews: an agent's version or configuration changed. */
    public static final String REVERIFICATION = "reverification";

    private final IncidentStore store;
    private final AuditLog audit;
    private final ResponseGuard guard;
    private final IdGenerator ids;
    private final Clock clock;
    private final Responder responder;
    private volatile ResponsePolicy policy;
    private volatile DemotionRules demotion = DemotionRules.DEFAULT;
    private final AgentRegistry agents;

    /** Wires the service; call {@link #reapply} once at start to put stored throttles and holds back in force. */
    public IncidentService(IncidentStore store, AuditLog audit, AgentRegistry agents, Alerts alerts, ResponseGuard guard,
                           ResponsePolicy policy, IdGenerator ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.responder = new Responder(agents, Objects.requireNonNull(alerts, "alerts"), guard);
    }

    /** The responses in use. */
    public ResponsePolicy policy() {
        return policy;
    }

    /** Replaces the responses for anomalies from now on. */
    public void policy(ResponsePolicy next) {
        this.policy = Objects.requireNonNull(next, "next");
    }

    /** The automatic demotions in use ({@link DemotionRules#DEFAULT} unless configured). */
    public DemotionRules demotion() {
        return demotion;
    }

    /** Replaces the automatic demotions from now on. */
    public void demotion(DemotionRules next) {
        this.demotion = Objects.requireNonNull(next, "next");
    }

    /** The store (KPIs read it). */
    public IncidentStore store() {
        return store;
    }

    /**
     * Puts the throttles and re-verification holds of stored responses still in force back into
     * the guard (they live in memory; the registry's own changes are stored with the agent).
     *
     * @return how many were put back
     */
    public int reapply() {
        int n = 0;
        for (Incident i : store.withResponsesInForce()) {
            for (AppliedResponse r : i.responses()) {
                if (!r.inForce()) {
                    continue;
                }
                if (r.action() == ResponseAction.THROTTLE && r.detail().get("rate_per_minute") instanceof Number rate) {
                    guard.throttle(i.agent(), rate.doubleValue(), i.id(), clock.instant());
                    n++;
                } else if (r.action() == ResponseAction.REQUIRE_APPROVAL) {
                    guard.hold(i.agent(), r.tool(), i.id());
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public void accept(Anomaly anomaly) {
        if (anomaly.learning()) {
            return; // while an agent's baseline is learning, findings are recorded (anomaly.detected), not acted on
        }
        if (anomaly.severity() == AnomalySeverity.MINOR && store.active(anomaly.agent()).isEmpty()) {
            return; // a minor finding alone is recorded (anomaly.detected); it joins an incident another one opened
        }
        try {
            record(anomaly);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "anomaly " + anomaly.id() + " of " + anomaly.agent() + " could not be handled: " + e, e);
        }
    }

    /**
     * Adds the anomaly to the agent's active incident, or opens one, then applies its responses.
     *
     * @return the incident as it is after
     * @throws WardenException {@code store_unavailable} when the incident cannot be recorded
     */
    public synchronized Incident record(Anomaly a) {
        Objects.requireNonNull(a, "anomaly");
        Instant now = clock.instant();
        TimelineEntry entry = new TimelineEntry(a.at(), "anomaly", a.summary(), anomalyDetail(a));
        Optional<Incident> active = store.active(a.agent());
        Incident incident;
        if (active.isEmpty()) {
            String id = ids.nextOrdered("inc", now);
            Incident opened = new Incident(id, a.agent(), a.at(), a.severity(), IncidentState.OPEN, Optional.empty(),
                    List.of(entry), List.of());
            Map<String, Object> fields = trigger(id, a);
            fields.put("severity", a.severity().wire());
            fields.put("summary", a.summary());
            fields.put("evidence", a.evidence());
            audit.appendDurably(AuditEvent.forAgent("incident.opened", now, a.agent(), fields),
                    AuditedChange.of(store, () -> {
                        store.insert(opened);
                        return true;
                    }, () -> store.delete(id)));
            incident = opened;
            responder.alert(opened, a, "incident.opened", "incident " + id + " opened for " + a.agent() + ": " + a.summary());
        } else {
            Incident before = active.get();
            Incident after = before.with(entry, a.severity());
            Map<String, Object> fields = trigger(before.id(), a);
            fields.put("severity", a.severity().wire());
            fields.put("incident_severity", after.severity().wire());
            fields.put("evidence", a.evidence());
            save("incident.anomaly_added", now, before, after, fields);
            incident = after;
        }
        for (ResponseAction action : policy.responses(a.detector(), a.severity())) {
            incident = respond(incident, a, action, Map.of());
        }
        return demote(incident, a, active.isEmpty(), now);
    }

    /** Applies the {@link DemotionRules} after an anomaly was added to {@code i} (or opened it). */
    private Incident demote(Incident i, Anomaly a, boolean opened, Instant now) {
        DemotionRules rules = demotion;
        if (a.detector().equals(REVERIFICATION)) {
            return i; // a review is no misbehaviour: it neither demotes to intern nor counts as a minor incident
        }
        if (i.severity() == AnomalySeverity.CRITICAL) {
            return rules.criticalToIntern()
                    ? respond(i, a, ResponseAction.DEMOTE_TO_INTERN, Map.of("rule", "critical_incident"))
                    : i;
        }
        if (!opened || rules.minorIncidents() == 0) {
            return i;
        }
        Optional<dev.warden.agent.Agent> agent = agents.find(i.agent());
        if (agent.isEmpty()) {
            return i;
        }
        Instant from = now.minus(rules.evaluationPeriod());
        Instant levelSince = agent.get().levelSince();
        List<String> counted = store.list(new IncidentQuery(Optional.of(i.agent()), Optional.empty(), Optional.empty(), 10_000))
                .stream()
                // at the current level only: not before it was reached, nor the incident that demoted to it
                .filter(x -> !x.openedAt().isBefore(from) && !x.openedAt().isBefore(levelSince) && !demoted(x) && !reviewOnly(x))
                .filter(x -> x.state() != IncidentState.FALSE_POSITIVE && x.severity() != AnomalySeverity.CRITICAL)
                .map(Incident::id)
                .toList();
        if (counted.size() < rules.minorIncidents()) {
            return i;
        }
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("rule", "repeated_minor_incidents");
        why.put("incidents", counted);
        why.put("evaluation_days", rules.evaluationPeriod().toDays());
        return respond(i, a, ResponseAction.DEMOTE, why);
    }

    private static Map<String, Object> anomalyDetail(Anomaly a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("anomaly_id", a.id());
        d.put("detector", a.detector());
        d.put("version", a.version());
        d.put("severity", a.severity().wire());
        d.put("tool", a.tool().orElse(null));
        d.put("observed", a.observed());
        d.put("baseline", a.baseline().orElse(null));
        d.put("threshold", a.threshold());
        d.put("evidence", a.evidence());
        return d;
    }

    private static Map<String, Object> trigger(String incident, Anomaly a) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("incident_id", incident);
        f.put("anomaly_id", a.id());
        f.put("detector", a.detector());
        a.tool().ifPresent(t -> f.put("tool", t));
        return f;
    }

    /** Writes {@code after} with its audit record. */
    private void save(String kind, Instant now, Incident before, Incident after, Map<String, Object> fields) {
        audit.appendDurably(AuditEvent.forAgent(kind, now, after.agent(), fields), AuditedChange.of(store, () -> {
            store.update(after);
            return true;
        }, () -> store.update(before)));
    }

    /** Whether every anomaly of an incident is a re-verification review (not counted as a minor incident). */
    private static boolean reviewOnly(Incident x) {
        return x.timeline().stream().filter(e -> e.type().equals("anomaly"))
                .allMatch(e -> REVERIFICATION.equals(e.detail().get("detector")));
    }

    /**
     * Opens a re-verification review of an agent whose version or configuration digest changed
     * ({@code agent.identity_changed}): an incident (or an entry in the agent's open one) from an
     * anomaly of {@value #REVERIFICATION} naming both identities, raising its alert; with
     * {@link DemotionRules#demoteOnChange} the agent is demoted one level, a response an operator
     * undoes once the review passed (resolving the incident records the review's note).
     *
     * @return the incident as it is after
     */
    public synchronized Incident reverify(AgentChange change) {
        Objects.requireNonNull(change, "change");
        Instant now = clock.instant();
        dev.warden.agent.Agent before = change.before();
        dev.warden.agent.Agent after = change.after();
        String summary = after.name() + " changed: version " + before.version() + " -> " + after.version()
                + (before.configDigest().equals(after.configDigest()) ? "" : ", configuration digest "
                + before.configDigest() + " -> " + after.configDigest()) + "; re-verify before trusting it at " + after.level().wire();
        Anomaly a = new Anomaly(ids.next("anm"), now, after.name(), Optional.empty(), REVERIFICATION, 1, AnomalySeverity.MAJOR,
                0, Optional.empty(), 0, summary, List.of(), false);
        Incident i = record(a);
        return demotion.demoteOnChange() ? respond(i, a, ResponseAction.DEMOTE, Map.of("rule", "reverification")) : i;
    }

    private static boolean demoted(Incident x) {
        return x.responses().stream().anyMatch(r -> r.inForce()
                && (r.action() == ResponseAction.DEMOTE || r.action() == ResponseAction.DEMOTE_TO_INTERN));
    }

    /**
     * Applies one response; a response already in force in this incident is not applied twice.
     *
     * @param rule what asked for it beyond the configured responses (a demotion rule), recorded with it
     */
    private Incident respond(Incident i, Anomaly a, ResponseAction action, Map<String, Object> rule) {
        if (action != ResponseAction.ALERT && action != ResponseAction.REVOKE_SESSIONS && i.responses().stream().anyMatch(r ->
                r.inForce() && r.action() == action && (action != ResponseAction.REQUIRE_APPROVAL || r.tool().equals(a.tool())))) {
            return i;
        }
        Map<String, Object> detail = new LinkedHashMap<>(rule);
        Instant now = clock.instant();
        Optional<String> summary = responder.apply(i, a, action, policy.throttleFactor(), detail, now);
        if (summary.isEmpty()) {
            return i;
        }
        AppliedResponse applied = new AppliedResponse(i.responses().size() + 1, action, now, a.id(), a.detector(), a.tool(),
                detail, Optional.empty(), Optional.empty());
        Map<String, Object> timelineDetail = new LinkedHashMap<>(detail);
        timelineDetail.put("response", applied.n());
        timelineDetail.put("action", action.wire());
        timelineDetail.put("anomaly_id", a.id());
        timelineDetail.put("detector", a.detector());
        Incident after = i.with(applied, new TimelineEntry(now, "response", summary.get(), timelineDetail));
        Map<String, Object> fields = trigger(i.id(), a);
        fields.put("response", applied.n());
        fields.put("action", action.wire());
        fields.put("detail", detail);
        try {
            save("incident.response", now, i, after, fields);
        } catch (WardenException e) {
            // fail closed: the response stays in force; only its incident entry is missing
            LOG.log(Level.ERROR, "response " + action.wire() + " for " + i.id() + " is in force but not recorded: " + e.getMessage());
            throw e;
        }
        return after;
    }

    /** The incident with this id. */
    public Optional<Incident> find(String id) {
        return store.find(id);
    }

    /** A page of incidents, newest first. */
    public List<Incident> list(IncidentQuery query) {
        return store.list(query);
    }

    /**
     * Acknowledges an open incident.
     *
     * @throws WardenException {@code incident_not_found}; {@code incident_state} unless it is open
     */
    public synchronized Incident acknowledge(String id, Actor by, String note) {
        return move(id, IncidentState.ACKNOWLEDGED, "incident.acknowledged", by, note);
    }

    /**
     * Resolves an open or acknowledged incident; its responses stay in force until undone.
     *
     * @throws WardenException {@code incident_not_found}; {@code incident_state} when it is closed
     */
    public synchronized Incident resolve(String id, Actor by, String note) {
        return move(id, IncidentState.RESOLVED, "incident.resolved", by, note);
    }

    /**
     * Marks an open or acknowledged incident a false positive; its responses stay in force until undone.
     *
     * @throws WardenException {@code incident_not_found}; {@code incident_state} when it is closed
     */
    public synchronized Incident falsePositive(String id, Actor by, String note) {
        return move(id, IncidentState.FALSE_POSITIVE, "incident.false_positive", by, note);
    }

    private Incident require(String id) {
        return store.find(id).orElseThrow(() -> new WardenException(ErrorCode.INCIDENT_NOT_FOUND, "no incident with id '" + id + "'"));
    }

    private Incident move(String id, IncidentState next, String kind, Actor by, String note) {
        Objects.requireNonNull(by, "by");
        Incident before = require(id);
        boolean allowed = next == IncidentState.ACKNOWLEDGED ? before.state() == IncidentState.OPEN : before.state().isActive();
        if (!allowed) {
            throw new WardenException(ErrorCode.INCIDENT_STATE, "incident " + id + " is " + before.state().wire()
                    + "; it cannot be marked " + next.wire());
        }
        Instant now = clock.instant();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("actor", by.toString());
        detail.put("state", next.wire());
        detail.put("note", note == null || note.isBlank() ? null : note);
        Incident after = before.moved(next, new TimelineEntry(now, "operator", by + " marked it " + next.wire(), detail));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("incident_id", id);
        fields.put("actor", by.toString());
        fields.put("state_before", before.state().wire());
        fields.put("state", next.wire());
        fields.put("note", note == null ? "" : note);
        save(kind, now, before, after, fields);
        return after;
    }

    /**
     * Undoes response {@code n} of the incident: lifts a throttle or re-verification hold, restores a
     * quarantined or killed agent at the level it had, restores a demoted agent's level. Allowed
     * whatever the incident's state.
     *
     * @throws WardenException {@code incident_not_found}, {@code response_not_found};
     *                         {@code response_not_undoable} when it was undone before or cannot be
     *                         (revoked tokens, a raised alert); {@code agent_active} when a
     *                         quarantined or killed agent was restored meanwhile
     */
    public synchronized Incident undo(String id, int n, Actor by) {
        Objects.requireNonNull(by, "by");
        Incident before = require(id);
        AppliedResponse r = before.response(n).orElseThrow(() -> new WardenException(ErrorCode.RESPONSE_NOT_FOUND,
                "incident " + id + " has no response " + n));
        if (!r.action().undoable()) {
            throw new WardenException(ErrorCode.RESPONSE_NOT_UNDOABLE, "response " + n + " (" + r.action().wire()
                    + ") cannot be undone" + (r.action() == ResponseAction.REVOKE_SESSIONS
                    ? ": revoked tokens stay revoked; the agent gets a new token" : ""));
        }
        if (!r.inForce()) {
            throw new WardenException(ErrorCode.RESPONSE_NOT_UNDOABLE, "response " + n + " was undone by "
                    + r.undoneBy().orElse("?") + " at " + r.undoneAt().map(Instant::toString).orElse("?"));
        }
        // the registry records its own loosening first; a guard restriction is lifted only once the undo is recorded
        responder.restoreAgent(before, r, by);
        Instant now = clock.instant();
        AppliedResponse undone = r.undone(by.toString(), now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("response", n);
        detail.put("action", r.action().wire());
        detail.put("actor", by.toString());
        Incident after = before.undone(undone, new TimelineEntry(now, "response_undone",
                by + " undid response " + n + " (" + r.action().wire() + ")", detail));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("incident_id", id);
        fields.put("response", n);
        fields.put("action", r.action().wire());
        fields.put("anomaly_id", r.anomalyId());
        fields.put("detector", r.detector());
        fields.put("actor", by.toString());
        save("incident.response_undone", now, before, after, fields);
        responder.lift(before, r);
        return after;
    }
}
