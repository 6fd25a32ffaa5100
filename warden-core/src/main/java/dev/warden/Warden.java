package dev.warden;

import dev.warden.agent.AgentRegistry;
import dev.warden.alert.AgentAlerts;
import dev.warden.alert.AlertService;
import dev.warden.alert.AlertStore;
import dev.warden.alert.OwnerNotifications;
import dev.warden.agent.AgentStore;
import dev.warden.agent.CapabilityGuard;
import dev.warden.agent.IdentityGuard;
import dev.warden.agent.ProjectGuard;
import dev.warden.agent.Projects;
import dev.warden.agent.StatusGuard;
import dev.warden.alert.Alerts;
import dev.warden.approval.ApprovalGuard;
import dev.warden.grant.GrantGuard;
import dev.warden.grant.GrantService;
import dev.warden.grant.GrantStore;
import dev.warden.store.memory.InMemoryGrantStore;
import dev.warden.approval.ApprovalService;
import dev.warden.approval.ApprovalStore;
import dev.warden.audit.AuditStore;
import dev.warden.behavior.AnomalySink;
import dev.warden.behavior.BaselineStore;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.behavior.BehaviorMonitor;
import dev.warden.behavior.Detector;
import dev.warden.behavior.Detectors;
import dev.warden.store.memory.InMemoryBaselineStore;
import dev.warden.breaker.BreakerConfig;
import dev.warden.breaker.BreakerGuard;
import dev.warden.breaker.Breakers;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.catalog.CatalogGuard;
import dev.warden.catalog.SchemaGuard;
import dev.warden.catalog.ToolCatalog;
import dev.warden.audit.AuditEvent;
import dev.warden.decision.DecisionPoint;
import dev.warden.decision.DecisionRules;
import dev.warden.decision.Guard;
import dev.warden.decision.GuardedDecisionPoint;
import dev.warden.decision.MaturityCeilingGuard;
import dev.warden.decision.ToolHolds;
import dev.warden.id.IdGenerator;
import dev.warden.incident.IncidentService;
import dev.warden.incident.IncidentStore;
import dev.warden.incident.ResponseGuard;
import dev.warden.incident.ResponsePolicy;
import dev.warden.store.memory.InMemoryIncidentStore;
import dev.warden.alert.Alerts;
import dev.warden.flow.FlowGuard;
import dev.warden.flow.FlowLimits;
import dev.warden.flow.SessionLabels;
import dev.warden.scan.DataGovernance;
import dev.warden.scan.DataGuard;
import dev.warden.limits.LimitsConfig;
import dev.warden.limits.LimitsGuard;
import dev.warden.outcome.OutcomeRecorder;
import dev.warden.outcome.RecentDecisions;
import dev.warden.policy.MemoizingPolicyEngine;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyGuard;
import dev.warden.rollback.OrderCheck;
import dev.warden.rollback.RollbackPlanStore;
import dev.warden.rollback.Rollbacks;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryAlertStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.store.memory.InMemoryRollbackPlanStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Warden embedded in-process: the decision point, registry, approvals, outcomes and audit log,
 * wired over the given stores and policy engine.
 *
 * {@snippet :
 * Warden warden = Warden.builder()
 *         .catalog(catalog)
 *         .projects(projects)
 *         .policyEngine(engine)
 *         .build();
 * Decision d = warden.decisions().decide(DecisionRequest.of(caller, "inventory.read", Map.of("sku", "A-1")));
 * }
 */
public final class Warden implements AutoCloseable {
    private final GroupCommitAuditLog auditLog;
    private final AuditStore auditStore;
    private final AgentRegistry agents;
    private final ApprovalService approvals;
    private final dev.warden.approval.ApprovalStatistics approvalStatistics;
    private final dev.warden.approval.ApprovalReviews approvalReviews;
    private final DecisionPoint decisions;
    private final OutcomeRecorder outcomes;
    private final Rollbacks rollbacks;
    private final AtomicReference<DecisionRules> rules;
    private final Clock clock;
    private final int policyCache;
    private final ToolHolds toolHolds = new ToolHolds();
    private final LimitsGuard limits;
    private final AlertService alerts;
    private final Breakers breakers;
    private final BehaviorMonitor behavior;
    private final ResponseGuard responseGuard = new ResponseGuard();
    private final GrantService grants;
    private final SessionLabels sessionLabels;
    private final DataGovernance data;
    private final IncidentService incidents;
    /** Who revokes a killed agent's approvals. */
    private static final Actor KILL_SWITCH = Actor.system("kill_switch");

    private Warden(Builder b) {
        Objects.requireNonNull(b.catalog, "catalog is required");
        Objects.requireNonNull(b.projects, "projects is required");
        Objects.requireNonNull(b.policyEngine, "policyEngine is required");
        IdGenerator ids = new IdGenerator(b.random);
        this.policyCache = b.policyCache;
        this.rules = new AtomicReference<>(memoized(new DecisionRules(b.catalog, b.policyEngine)));
        this.clock = b.clock;
        this.auditStore = b.auditStore;
        this.auditLog = new GroupCommitAuditLog(b.auditStore, b.auditAckTimeout, 65_536);
        if (b.data != null) {
            auditLog.maskingKey(b.data.scanner().key());
        }
        this.agents = new AgentRegistry(b.agentStore, auditLog, () -> rules.get().catalog(), b.projects, b.trustDomain, b.clock);
        this.approvals = new ApprovalService(b.approvalStore, auditLog, ids, b.clock, b.approvalTtl);
        this.grants = new GrantService(b.grantStore, auditLog, agents, () -> rules.get().catalog(), ids, b.clock);
        this.approvalStatistics = new dev.warden.approval.ApprovalStatistics(b.approvalStore, b.clock);
        // a kill revokes what the agent was granted or still waits for; a quarantine only pauses it
        agents.addListener(agent -> {
            if (agent.status() == dev.warden.agent.AgentStatus.KILLED) {
                approvals.revokeAll(agent.name(), KILL_SWITCH, "agent killed");
                grants.revokeAll(agent.name(), KILL_SWITCH, "agent killed");
            }
        });
        this.alerts = AlertService.background(b.alertStore, auditLog, ids, b.clock, agents::find);
        if (b.raiseAlerts) {
            agents.addChangeListener(new AgentAlerts(alerts)); // kills, quarantines and demotions reach people
        }
        this.limits = b.limits == null || b.limits.isEmpty() ? null : new LimitsGuard(b.limits, b.clock, componentAlerts(b));
        if (limits != null) {
            limits.rebuild(b.auditStore, rules.get().catalog()); // budgets count what was allowed before a restart
        }
        this.sessionLabels = new SessionLabels(auditLog, b.clock, b.flow);
        sessionLabels.rebuild(b.auditStore); // sessions keep what they read across a restart
        this.breakers = new Breakers(b.breakers, b.clock, auditLog, componentAlerts(b), name -> agents.find(name).map(a -> a.project()));
        this.incidents = new IncidentService(b.incidentStore, auditLog, agents, componentAlerts(b), responseGuard,
                b.responses, ids, b.clock);
        incidents.reapply(); // throttles and re-verification holds of responses still in force survive a restart
        agents.addChangeListener(change -> { // a new version or configuration is reviewed before it is trusted
            if (change.kind().equals("agent.identity_changed")) {
                try {
                    incidents.reverify(change);
                } catch (RuntimeException e) {
                    System.getLogger(Warden.class.getName()).log(System.Logger.Level.ERROR,
                            "the re-verification review of " + change.after().name() + " could not be opened: " + e, e);
                }
            }
        });
        this.approvalReviews = new dev.warden.approval.ApprovalReviews(b.approvalStore, agents::find, b.auditStore,
                b.incidentStore, tool -> rules.get().catalog().find(tool).map(dev.warden.catalog.Tool::risk), b.clock);
        RecentDecisions recent = new RecentDecisions(100_000);
        this.data = b.data;
        this.decisions = b.data == null ? new GuardedDecisionPoint(rules::get, guards(b), auditLog, ids, b.clock, recent)
                : new GuardedDecisionPoint(rules::get, guards(b), auditLog, ids, b.clock, recent,
                        args -> b.data.forRecord(args, null, null)); // a deny before the data guard masks with the defaults
        this.outcomes = new OutcomeRecorder(b.auditStore, auditLog, b.clock, recent);
        outcomes.addListener(breakers::outcome);
        this.rollbacks = new Rollbacks(b.rollbackPlans, b.auditStore, auditLog, agents, decisions,
                () -> rules.get().catalog(), ids, b.clock);
        if (b.raiseAlerts) {
            rollbacks.alerts(alerts); // compensations handed to an owner reach the owner
        }
        if (limits != null) {
            outcomes.addListener(limits::outcomeRecorded); // an outcome frees the call's slot among those in flight
        }
        if (b.behavior != null) {
            List<Detector> detectors = new ArrayList<>(Detectors.all());
            detectors.addAll(b.detectors);
            this.behavior = new BehaviorMonitor(b.behavior, detectors, auditLog, ids, b.clock,
                    () -> rules.get().catalog(), b.baselineStore, anomalySink(b));
            ((GuardedDecisionPoint) decisions).addListener(behavior); // after the audit commit, off the decision path
            outcomes.addListener(behavior::outcome);
        } else {
            this.behavior = null;
        }
    }

    /** Where the monitor hands anomalies: the incident service, then the builder's sink if one was given. */
    private AnomalySink anomalySink(Builder b) {
        if (b.anomalySink == AnomalySink.NONE) {
            return incidents;
        }
        AnomalySink extra = b.anomalySink;
        return anomaly -> {
            incidents.accept(anomaly); // never throws: it logs what it cannot handle
            extra.accept(anomaly);
        };
    }

    /** Where guards raise alerts: the builder's sink if one was given, else the alert service. */
    private Alerts componentAlerts(Builder b) {
        return b.alerts != null ? b.alerts : alerts;
    }

    /** The decision point's guards in the order they run (see {@link DecisionPoint}); a new guard is one line here. */
    private List<Guard> guards(Builder b) {
        List<Guard> guards = new ArrayList<>();
        guards.add(new IdentityGuard(agents));
        guards.add(new StatusGuard(OrderCheck.of(b.rollbackPlans)));
        guards.add(new ProjectGuard(b.projects));
        guards.add(new CatalogGuard());
        guards.add(toolHolds);
        guards.add(new CapabilityGuard());
        guards.add(new SchemaGuard());
        guards.add(new MaturityCeilingGuard());
        guards.add(new BreakerGuard(breakers));
        if (limits != null) {
            guards.add(limits);
        }
        guards.add(responseGuard); // incident throttles and re-verification holds
        guards.add(new FlowGuard(sessionLabels)); // the session's data labels for the policy; produces on an allow
        if (b.data != null) {
            guards.add(new DataGuard(b.data, sessionLabels)); // argument and prompt scans; context.data_classes
        }
        guards.addAll(b.guards);
        guards.add(new GrantGuard(grants)); // context.grants for the policy
        guards.add(new PolicyGuard());
        guards.add(new ApprovalGuard(approvals, grants)); // a matching grant stands in for a new approval
        if (b.raiseAlerts) {
            guards.add(new OwnerNotifications(alerts)); // last: every obligation of the allow is known
        }
        return guards;
    }

    /** A builder with in-memory stores, the system clock and a {@link SecureRandom}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The decision point. */
    public DecisionPoint decisions() {
        return decisions;
    }

    /**
     * Tells {@code listener} of every decision once its audit record is durable, on the deciding
     * thread: it must be quick and never block (see {@link GuardedDecisionPoint#addListener}).
     */
    public void addDecisionListener(GuardedDecisionPoint.DecisionListener listener) {
        ((GuardedDecisionPoint) decisions).addListener(listener);
    }

    /** Holds on tools (every call to a held tool is denied by the decision point). */
    public ToolHolds toolHolds() {
        return toolHolds;
    }

    /** The data labels of sessions (what each has read), for output hooks and scanners to add to and operators to read. */
    public SessionLabels sessionLabels() {
        return sessionLabels;
    }

    /** Data governance (scanner, rules, key), when configured ({@link Builder#data}). */
    public java.util.Optional<DataGovernance> data() {
        return java.util.Optional.ofNullable(data);
    }

    /** The limits guard, when limits are configured ({@link Builder#limits}). */
    public java.util.Optional<LimitsGuard> limits() {
        return java.util.Optional.ofNullable(limits);
    }

    /** The circuit breakers (per agent x tool and per MCP upstream). */
    public Breakers breakers() {
        return breakers;
    }

    /**
     * The behaviour monitor (baselines and detectors), when on ({@link Builder#behavior},
     * {@link Builder#anomalySink}).
     */
    public java.util.Optional<BehaviorMonitor> behavior() {
        return java.util.Optional.ofNullable(behavior);
    }

    /**
     * Incidents: the {@link dev.warden.behavior.AnomalySink} detectors hand anomalies to, the
     * responses applied and the operator actions on them.
     */
    public IncidentService incidents() {
        return incidents;
    }

    /** The agent registry. */
    public AgentRegistry agents() {
        return agents;
    }

    /**
     * Alerts: raise ({@link dev.warden.alert.Alerts#raise}), list and acknowledge. Limits, breakers
     * and kills raise through it; it records, coalesces and routes them.
     */
    public AlertService alerts() {
        return alerts;
    }

    /** Approvals. */
    public ApprovalService approvals() {
        return approvals;
    }

    /** Grants (pre-approvals). */
    public GrantService grants() {
        return grants;
    }

    /** Approval figures per approver and per agent (an agent's acceptance rate is maturity evidence). */
    public dev.warden.approval.ApprovalStatistics approvalStatistics() {
        return approvalStatistics;
    }

    /** What an approver sees besides the call: the agent's recent record, why, risk, the same call before. */
    public dev.warden.approval.ApprovalReviews approvalReviews() {
        return approvalReviews;
    }

    /** Rollback plans: made from the audit trail, run through the decision point. */
    public Rollbacks rollbacks() {
        return rollbacks;
    }

    /** Outcomes of allowed actions. */
    public OutcomeRecorder outcomes() {
        return outcomes;
    }

    /** The catalog and policies decisions are currently made against. */
    public DecisionRules rules() {
        return rules.get();
    }

    /**
     * Replaces the catalog and policies atomically; the next decision uses them. The change is
     * recorded as a {@code policy.loaded} audit event with the reason and the new tool and policy
     * lists, and takes effect once that record is durable.
     *
     * @throws WardenException {@code store_unavailable} if the change cannot be recorded (the old
     *                         rules stay in force)
     */
    public synchronized void updateRules(DecisionRules next, String reason) {
        Objects.requireNonNull(next, "next");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("reason", reason);
        fields.put("policy_ids", next.policies().policyIds());
        fields.put("tools", next.catalog().tools().stream().map(t -> t.name()).sorted().toList());
        auditLog.appendDurably(AuditEvent.of("policy.loaded", clock.instant(), fields));
        rules.set(memoized(next));
    }

    private DecisionRules memoized(DecisionRules r) {
        if (policyCache == 0 || r.policies() instanceof MemoizingPolicyEngine) {
            return r;
        }
        return new DecisionRules(r.catalog(), new MemoizingPolicyEngine(r.policies(), policyCache));
    }

    /** The append side of the audit log. */
    public GroupCommitAuditLog auditLog() {
        return auditLog;
    }

    /** The stored audit records, for reading. */
    public AuditStore auditStore() {
        return auditStore;
    }

    /** Flushes and stops the audit writer. Stores are closed by their owner. */
    @Override
    public void close() {
        if (behavior != null) {
            behavior.close(); // first: its last anomalies still get their audit records
        }
        alerts.close(); // before the audit log: queued alerts still get their records
        auditLog.close();
    }

    /** Configures a {@link Warden}. Defaults are secure: approvals expire after one hour. */
    public static final class Builder {
        private AgentStore agentStore = new InMemoryAgentStore();
        private ApprovalStore approvalStore = new InMemoryApprovalStore();
        private GrantStore grantStore = new InMemoryGrantStore();
        private AuditStore auditStore = new InMemoryAuditStore();
        private RollbackPlanStore rollbackPlans = new InMemoryRollbackPlanStore();
        private AlertStore alertStore = new InMemoryAlertStore();
        private IncidentStore incidentStore = new InMemoryIncidentStore();
        private ResponsePolicy responses = ResponsePolicy.SEED;
        private boolean raiseAlerts = true;
        private ToolCatalog catalog;
        private Projects projects;
        private PolicyEngine policyEngine;
        private String trustDomain = "warden.local";
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SecureRandom();
        private Duration approvalTtl = Duration.ofHours(1);
        private Duration auditAckTimeout = Duration.ofSeconds(5);
        private int policyCache = 10_000;
        private BreakerConfig breakers = BreakerConfig.DEFAULTS;
        private final List<Guard> guards = new ArrayList<>();
        private LimitsConfig limits;
        private FlowLimits flow = FlowLimits.DEFAULTS;
        private Alerts alerts; // null: the alert service
        private BehaviorConfig behavior; // null: no behaviour monitor
        private BaselineStore baselineStore = new InMemoryBaselineStore();
        private AnomalySink anomalySink = AnomalySink.NONE;
        private final List<Detector> detectors = new ArrayList<>();
        private DataGovernance data; // null: no data guard

        private Builder() {
        }

        /**
         * Scans arguments and prompts with this data governance ({@link DataGuard}, after the flow
         * guard) and masks the arguments of audit records with it; the MCP gateway and the HTTP API
         * scan outputs with it. Default: none (no data guard; records keep arguments as sent). Its
         * key also keys the masked fields of audit records ({@link AuditEvent#withSensitive}).
         */
        public Builder data(DataGovernance data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        /**
         * How much the session label store keeps ({@link SessionLabels}); default
         * {@link FlowLimits#DEFAULTS}. Its idle time should be at least the access-token lifetime.
         */
        public Builder flow(FlowLimits limits) {
            this.flow = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Enforces these limits (rates, transaction limits, budgets, calls in flight) with the
         * {@code limits} guard, which runs after the maturity ceiling and before added guards and the
         * policy. Budgets are rebuilt from the audit store when Warden is built. Default: none (and
         * {@link LimitsConfig#isEmpty empty} limits add no guard).
         */
        public Builder limits(LimitsConfig limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Where the limits, circuit breakers and incidents raise their alerts (a limit first crossed in
         * a window, a breaker opened, an incident opened); default: Warden's own alert service
         * ({@link Warden#alerts()}).
         */
        public Builder alerts(Alerts alerts) {
            this.alerts = Objects.requireNonNull(alerts, "alerts");
            return this;
        }

        /**
         * Adds a guard to the decision point. Added guards run in the order added, after the
         * maturity ceiling and the limits and before the policy guard: what they deny is denied whatever the
         * policies say, and the context entries they add reach the policy engine
         * ({@link dev.warden.policy.PolicyQuery#context}).
         */
        public Builder guard(Guard guard) {
            guards.add(Objects.requireNonNull(guard, "guard"));
            return this;
        }

        /** Stores for agents, approvals and audit records. */
        public Builder stores(AgentStore agents, ApprovalStore approvals, AuditStore audit) {
            this.agentStore = Objects.requireNonNull(agents);
            this.approvalStore = Objects.requireNonNull(approvals);
            this.auditStore = Objects.requireNonNull(audit);
            return this;
        }

        /** The store of grants, i.e. pre-approvals (default: in memory). */
        public Builder grantStore(GrantStore store) {
            this.grantStore = Objects.requireNonNull(store);
            return this;
        }

        /** The store of rollback plans (default: in memory). */
        public Builder rollbackPlans(RollbackPlanStore store) {
            this.rollbackPlans = Objects.requireNonNull(store);
            return this;
        }

        /** The store of incidents; default in memory. */
        public Builder incidentStore(IncidentStore store) {
            this.incidentStore = Objects.requireNonNull(store);
            return this;
        }

        /** The automatic responses to anomalies by detector and severity; default {@link ResponsePolicy#SEED}. */
        public Builder responses(ResponsePolicy policy) {
            this.responses = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The store of alerts and their delivery outbox; default in memory. */
        public Builder alertStore(AlertStore store) {
            this.alertStore = Objects.requireNonNull(store);
            return this;
        }

        /**
         * Whether Warden raises its own alerts: kills, quarantines, demotions and owner notifications
         * for the {@code notify_owner} obligation (default true). Off, {@link Warden#alerts()} still
         * records what other components raise.
         */
        public Builder raiseAlerts(boolean on) {
            this.raiseAlerts = on;
            return this;
        }

        /** The tool catalog (required). */
        public Builder catalog(ToolCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        /** Configured projects and environments (required). */
        public Builder projects(Projects projects) {
            this.projects = projects;
            return this;
        }

        /** The policy engine (required). */
        public Builder policyEngine(PolicyEngine engine) {
            this.policyEngine = engine;
            return this;
        }

        /** The SPIFFE trust domain for agent ids; default {@code warden.local}. */
        public Builder trustDomain(String trustDomain) {
            this.trustDomain = trustDomain;
            return this;
        }

        /** The clock for every timestamp and deadline. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The random source for ids; MUST be cryptographically strong in production. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** How long an approval stays open; default one hour. */
        public Builder approvalTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("approvalTtl must be positive");
            }
            this.approvalTtl = ttl;
            return this;
        }

        /** How long a decision waits for its audit record to be durable before denying; default 5 s. */
        public Builder auditAckTimeout(Duration timeout) {
            this.auditAckTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * How many policy verdicts to memoize (default 10,000; 0 turns memoizing off). The engine
         * MUST be deterministic in its query for this to be on; see {@link MemoizingPolicyEngine}.
         */
        public Builder policyCache(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("policyCache must be >= 0");
            }
            this.policyCache = capacity;
            return this;
        }

        /** The circuit breakers' settings; default {@link BreakerConfig#DEFAULTS}. */
        public Builder breakers(BreakerConfig config) {
            this.breakers = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Turns the behaviour monitor on with these settings: baselines per agent and agent x tool
         * and the detectors, fed by recorded decisions and outcomes on a thread of its own (see
         * {@link BehaviorMonitor}). Default: off (the server turns it on with
         * {@link BehaviorConfig#DEFAULTS}, the seed table).
         */
        public Builder behavior(BehaviorConfig config) {
            this.behavior = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Where baselines are kept across restarts (default in memory). */
        public Builder baselineStore(BaselineStore store) {
            this.baselineStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where recorded anomalies go (default {@link AnomalySink#NONE}); turns the behaviour monitor
         * on with {@link BehaviorConfig#DEFAULTS} unless {@link #behavior} was given.
         */
        public Builder anomalySink(AnomalySink sink) {
            this.anomalySink = Objects.requireNonNull(sink, "sink");
            if (behavior == null) {
                behavior = BehaviorConfig.DEFAULTS;
            }
            return this;
        }

        /**
         * Adds a detector after the stock ones; its settings are looked up by its id, so its id
         * must be one configured in {@link BehaviorConfig} (tests use it to plug in detectors).
         */
        public Builder detector(Detector detector) {
            this.detectors.add(Objects.requireNonNull(detector, "detector"));
            return this;
        }

        /** Wires everything and starts the audit writer. */
        public Warden build() {
            return new Warden(this);
        }
    }
}
