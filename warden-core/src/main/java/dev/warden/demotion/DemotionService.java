package dev.warden.demotion;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentChange;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.ChangeCause;
import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.id.IdGenerator;
import dev.warden.maturity.ControlCheck;
import dev.warden.maturity.ControlsReport;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Keeps the demotion records (ATF §4.2, the demotion process), listening to the agent registry.
 *
 * <p>Every change that lowers an agent's level opens a record: an automatic demotion (an incident
 * response, whose {@link ChangeCause} names the rule and incidents), an operator's level change, a
 * restore one level below. The opening records, as they are at that moment:
 * <ol>
 *   <li>{@code trigger}: kind {@code critical_incident}, {@code minor_incidents}, {@code identity_change},
 *       {@code incident_response} (a demotion the response policy configures), {@code operator} or
 *       {@code restore}, with the incidents and rule, or the operator and reason;</li>
 *   <li>{@code isolation}, when the agent is quarantined or killed at that moment (or, for a restore,
 *       was until it);</li>
 *   <li>{@code new_level}: the level it was demoted to (its ceiling applies at once);</li>
 *   <li>{@code controls}: the controls the new level requires and which of them are not in force.</li>
 * </ol>
 * While a record is open, the agent's first quarantine or kill is its {@code isolation} step; an agent
 * that stayed active until the reactivation gets {@code isolation} {@code not_needed} then. The
 * {@code root_cause} is an operator's note; {@link #reactivate} needs it, restores a stopped agent at
 * the new level (never above it, never above the level it has) and closes the record. The undo of
 * the incident response that demoted closes it as {@code undone}. A new demotion while one is open
 * opens its own record.
 *
 * <p>Each step is audited durably as {@value #AUDIT_KIND} with {@code demotion_id}, {@code step},
 * {@code actor}, {@code level_before}, {@code level} and {@code detail}; a step that changes the
 * stored record commits with its audit record.
 */
public final class DemotionService implements Consumer<AgentChange> {
    private static final System.Logger LOG = System.getLogger(DemotionService.class.getName());
    /** The audit record kind of every step. */
    public static final String AUDIT_KIND = "agent.demotion_step";
    /** Who records the steps Warden takes itself (controls, isolation not needed). */
    public static final Actor ACTOR = Actor.system("demotions");
    /** The longest root-cause note, remediation or reactivation reason, in characters. */
    public static final int MAX_TEXT_CHARS = 10_000;
    /** The {@link ChangeCause} kinds of an automatic demotion (the incident responses). */
    static final Set<String> AUTOMATIC = Set.of("critical_incident", "minor_incidents", "identity_change", "incident_response");
    /** The {@link ChangeCause} kind of the undo of a demotion response. */
    static final String UNDO = "demotion_undone";

    private final DemotionStore store;
    private final AuditLog audit;
    private final AgentRegistry agents;
    private final BiFunction<Agent, MaturityLevel, ControlsReport> controls;
    private final IdGenerator ids;
    private final Clock clock;

    /**
     * Creates the service; {@link #attach} starts listening to the registry.
     *
     * @param controls checks the controls a level requires for an agent (e.g. {@code ControlsInForce::check})
     */
    public DemotionService(DemotionStore store, AuditLog audit, AgentRegistry agents,
                           BiFunction<Agent, MaturityLevel, ControlsReport> controls, IdGenerator ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.controls = Objects.requireNonNull(controls, "controls");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Listens to the registry's changes from now on. */
    public DemotionService attach() {
        agents.addChangeListener(this);
        return this;
    }

    /** The store the records are kept in. */
    public DemotionStore store() {
        return store;
    }

    /** Opens, steps or closes records after a change of an agent (a registry listener: quick, on the caller's thread). */
    @Override
    public void accept(AgentChange change) {
        if (change.after().level().compareTo(change.before().level()) < 0) {
            open(change);
        } else if (change.after().status() != AgentStatus.ACTIVE && change.before().status() == AgentStatus.ACTIVE) {
            isolated(change);
        }
        change.cause().filter(c -> UNDO.equals(c.kind())).ifPresent(c -> undone(change, c));
    }

    /**
     * The agent's records, newest first.
     *
     * @throws WardenException {@code agent_not_found}
     */
    public List<Demotion> list(String agent) {
        agents.require(agent);
        return store.list(agent);
    }

    /**
     * One record of the agent.
     *
     * @throws WardenException {@code agent_not_found}, {@code demotion_not_found}
     */
    public Demotion require(String agent, String id) {
        agents.require(agent);
        return store.find(id).filter(d -> d.agent().equals(agent)).orElseThrow(() ->
                new WardenException(ErrorCode.DEMOTION_NOT_FOUND, "agent '" + agent + "' has no demotion record " + id));
    }

    /**
     * Records the root-cause analysis of an open record (step 3). A second note amends the first:
     * both stay in the record, the latest counts.
     *
     * @param remediation what was done about it (optional)
     * @throws WardenException {@code missing_field}/{@code invalid_field} naming {@code note} or
     *                         {@code remediation}; {@code agent_not_found}, {@code demotion_not_found};
     *                         {@code demotion_closed} when it was closed or undone
     */
    public synchronized Demotion rootCause(String agent, String id, Actor by, String note, String remediation) {
        Objects.requireNonNull(by, "by");
        String n = text("note", note, true);
        String r = text("remediation", remediation, false);
        Demotion before = requireOpen(agent, id, "record a root cause");
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("note", n);
        detail.put("remediation", r.isEmpty() ? null : r);
        before.step(DemotionStep.ROOT_CAUSE).ifPresent(previous -> detail.put("amends", previous.at().toString()));
        return step(before, before.with(new DemotionStep(DemotionStep.ROOT_CAUSE, clock.instant(), by.toString(), detail)));
    }

    /**
     * Reactivates the agent at the new level and closes the record (step 6). A quarantined or killed
     * agent is restored ({@link AgentRegistry#restore(String, MaturityLevel, Actor, String)}) at the
     * record's level, or at the level it has when that is lower: a reactivation never raises the
     * level. For an agent that is active it only records the reactivation. An agent that stayed
     * active since the demotion gets its {@code isolation} step as {@code not_needed} first.
     *
     * @throws WardenException {@code missing_field}/{@code invalid_field} naming {@code reason};
     *                         {@code agent_not_found}, {@code demotion_not_found}; {@code demotion_closed}
     *                         when it was closed or undone; {@code root_cause_missing} before the root
     *                         cause is recorded
     */
    public Demotion reactivate(String agent, String id, Actor by, String reason) {
        Objects.requireNonNull(by, "by");
        String why = text("reason", reason, true);
        Demotion d = requireReactivatable(agent, id);
        Agent now = agents.require(agent);
        AgentStatus statusBefore = now.status();
        MaturityLevel level = now.level().compareTo(d.level()) < 0 ? now.level() : d.level();
        Agent after = now;
        // the registry call is made without this service's lock: its listeners (this service) run under the registry's
        if (now.status() != AgentStatus.ACTIVE) {
            after = agents.restore(agent, level, by, "reactivation after demotion " + id + ": " + why);
        }
        synchronized (this) {
            Demotion before = requireReactivatable(agent, id);
            Instant at = clock.instant();
            if (!before.has(DemotionStep.ISOLATION)) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("isolated", false);
                detail.put("outcome", "not_needed");
                detail.put("why", "the agent stayed active from the demotion until its reactivation");
                before = step(before, before.with(new DemotionStep(DemotionStep.ISOLATION, at, ACTOR.toString(), detail)));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reason", why);
            detail.put("status_before", statusBefore.wire());
            detail.put("status", after.status().wire());
            detail.put("restored", statusBefore != AgentStatus.ACTIVE);
            detail.put("level", after.level().wire());
            return step(before, before.ended(DemotionState.CLOSED, new DemotionStep(DemotionStep.REACTIVATION, at, by.toString(), detail)));
        }
    }

    private synchronized Demotion requireReactivatable(String agent, String id) {
        Demotion d = requireOpen(agent, id, "reactivate");
        if (!d.has(DemotionStep.ROOT_CAUSE)) {
            throw new WardenException(ErrorCode.ROOT_CAUSE_MISSING, "demotion " + id + " of '" + agent + "' has no root cause"
                    + " recorded; record it (POST .../demotions/" + id + "/root-cause) before reactivating");
        }
        return d;
    }

    private Demotion requireOpen(String agent, String id, String what) {
        Demotion d = require(agent, id);
        if (!d.isOpen()) {
            throw new WardenException(ErrorCode.DEMOTION_CLOSED, "cannot " + what + ": demotion " + id + " of '" + agent
                    + "' is " + d.state().wire() + " since " + d.closedAt().map(Instant::toString).orElse("?"));
        }
        return d;
    }

    /** Opens the record of a change that lowered the level: trigger, isolation when stopped, new level, controls. */
    private synchronized void open(AgentChange c) {
        Instant at = clock.instant();
        Agent before = c.before();
        Agent after = c.after();
        List<DemotionStep> steps = new ArrayList<>();
        steps.add(new DemotionStep(DemotionStep.TRIGGER, at, c.actor(), trigger(c)));
        if (after.status() != AgentStatus.ACTIVE) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("isolated", true);
            d.put("status", after.status().wire());
            d.put("when", "at_demotion");
            steps.add(new DemotionStep(DemotionStep.ISOLATION, at, c.actor(), d));
        } else if (before.status() != AgentStatus.ACTIVE) {
            Map<String, Object> d = new LinkedHashMap<>(); // a restore one level below: stopped until this change
            d.put("isolated", true);
            d.put("status", before.status().wire());
            d.put("when", "before_demotion");
            steps.add(new DemotionStep(DemotionStep.ISOLATION, at, c.actor(), d));
        }
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("level_before", before.level().wire());
        level.put("level", after.level().wire());
        level.put("level_basis", after.levelBasis().wire());
        level.put("ceiling_in_force", true);
        steps.add(new DemotionStep(DemotionStep.NEW_LEVEL, at, c.actor(), level));
        steps.add(new DemotionStep(DemotionStep.CONTROLS, at, ACTOR.toString(), controls(after)));
        Demotion d = new Demotion(ids.nextOrdered("dem", at), after.name(), before.level(), after.level(), at,
                DemotionState.OPEN, Optional.empty(), steps);
        try {
            audit.appendDurably(event(d, steps.getFirst()), AuditedChange.of(store, () -> {
                store.insert(d);
                return true;
            }, () -> store.delete(d.id())));
            for (DemotionStep s : steps.subList(1, steps.size())) {
                audit.appendDurably(event(d, s));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the demotion of " + after.name() + " from " + before.level().wire() + " to "
                    + after.level().wire() + " is in force but its demotion record " + d.id() + " could not be written", e);
        }
    }

    /** The first quarantine or kill of the agent while a record is open is its isolation step. */
    private synchronized void isolated(AgentChange c) {
        for (Demotion d : store.open(c.after().name())) {
            if (d.has(DemotionStep.ISOLATION)) {
                continue;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("isolated", true);
            detail.put("status", c.after().status().wire());
            detail.put("when", "while_open");
            detail.put("reason", c.reason());
            try {
                step(d, d.with(new DemotionStep(DemotionStep.ISOLATION, clock.instant(), c.actor(), detail)));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "the isolation step of demotion " + d.id() + " could not be written", e);
            }
        }
    }

    /** The undo of the incident response that demoted: its record (open or closed) ends as undone. */
    private synchronized void undone(AgentChange c, ChangeCause cause) {
        Object incident = cause.detail().get("incident_id");
        Object response = cause.detail().get("response");
        for (Demotion d : store.list(c.after().name())) {
            if (d.state() == DemotionState.UNDONE) {
                continue;
            }
            Map<String, Object> t = d.step(DemotionStep.TRIGGER).map(DemotionStep::detail).orElse(Map.of());
            if (incident == null || !incident.equals(t.get("incident_id")) || !sameNumber(response, t.get("response"))) {
                continue;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("incident_id", incident);
            detail.put("response", response);
            detail.put("reason", c.reason());
            detail.put("state_before", d.state().wire());
            detail.put("level", c.after().level().wire());
            try {
                step(d, d.ended(DemotionState.UNDONE, new DemotionStep(DemotionStep.UNDONE, clock.instant(), c.actor(), detail)));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "the undo of demotion " + d.id() + " could not be recorded", e);
            }
        }
    }

    private static boolean sameNumber(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y && x.longValue() == y.longValue();
    }

    /** Stores {@code after} with the audit record of its last step. */
    private Demotion step(Demotion before, Demotion after) {
        audit.appendDurably(event(after, after.steps().getLast()), AuditedChange.of(store, () -> {
            store.update(after);
            return true;
        }, () -> store.update(before)));
        return after;
    }

    private static AuditEvent event(Demotion d, DemotionStep s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("demotion_id", d.id());
        fields.put("step", s.step());
        fields.put("actor", s.actor());
        fields.put("level_before", d.levelBefore().wire());
        fields.put("level", d.level().wire());
        fields.put("detail", s.detail());
        return AuditEvent.forAgent(AUDIT_KIND, s.at(), d.agent(), fields);
    }

    /** Step 1's detail: the automatic rule and incidents, or the operator and reason. */
    private static Map<String, Object> trigger(AgentChange c) {
        Map<String, Object> t = new LinkedHashMap<>();
        Optional<ChangeCause> automatic = c.cause().filter(x -> AUTOMATIC.contains(x.kind()));
        if (automatic.isPresent()) {
            t.put("kind", automatic.get().kind());
            automatic.get().detail().forEach(t::putIfAbsent);
        } else {
            t.put("kind", "agent.restored".equals(c.kind()) ? "restore" : "operator");
            t.put("operator", c.actor());
        }
        t.put("reason", c.reason());
        t.put("change", c.kind());
        return t;
    }

    /** Step 5's detail: the new level's controls for the agent, and which are missing. */
    private Map<String, Object> controls(Agent agent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", agent.level().wire());
        try {
            ControlsReport r = controls.apply(agent, agent.level());
            m.put("all_in_force", r.allInForce());
            m.put("missing", r.missing());
            m.put("required", r.controls().stream().map(ControlCheck::control).toList());
            List<Map<String, Object>> checks = new ArrayList<>();
            for (ControlCheck ck : r.controls()) {
                if (!ck.inForce()) {
                    checks.add(Map.of("control", ck.control(), "why", ck.why()));
                }
            }
            m.put("not_in_force", checks);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "controls of " + agent.name() + " at " + agent.level().wire() + " could not be checked", e);
            m.put("all_in_force", false);
            m.put("error", String.valueOf(e.getMessage()));
        }
        return m;
    }

    /** A text field: trimmed; required ones not blank; at most {@link #MAX_TEXT_CHARS}. */
    private static String text(String field, String value, boolean required) {
        String v = value == null ? "" : value.trim();
        if (required && v.isEmpty()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, field + " is required");
        }
        if (v.length() > MAX_TEXT_CHARS) {
            throw new WardenException(ErrorCode.INVALID_FIELD, field + ": at most " + MAX_TEXT_CHARS + " characters, got " + v.length());
        }
        return v;
    }
}
