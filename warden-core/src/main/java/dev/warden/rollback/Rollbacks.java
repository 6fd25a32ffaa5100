package dev.warden.rollback;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.Alerts;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.audit.AuditedChange;
import dev.warden.catalog.Compensation;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionPoint;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Order;
import dev.warden.decision.Reason;
import dev.warden.id.IdGenerator;
import dev.warden.json.JsonReader;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rollback plans: making them from the audit trail and running them.
 *
 * <p><b>Plan.</b> The agent's {@code allow} decisions in {@code [since, until]} (newest first),
 * leaving out read-only tools (nothing to undo) and decisions that were themselves compensations.
 * An item gets the compensating call its tool declares in the catalog ({@code compensate_with})
 * when its outcome was reported {@code completed}; otherwise it says why it has none. A plan lists
 * at most {@value #MAX_ITEMS} actions (the newest; {@code truncated} says so) and looks at no more
 * than {@value #MAX_SCAN} audit records; the window is at most {@link #MAX_WINDOW}. Making a plan
 * is recorded ({@code rollback.planned}, listing the decision ids) with its storing.
 *
 * <p><b>Run.</b> A plan runs once ({@code rollback.run}). Each compensation, newest first, is
 * decided by the normal decision point for the original agent with the operator's {@link Order}
 * attached: every guard applies, and the status guard lets a killed or quarantined agent's
 * compensation through only while this run holds the item ({@link OrderCheck}). An allowed
 * compensation of a tool the {@link CompensationForwarder} serves is forwarded; any other is
 * handed to the owner with its decision id. An action another plan has compensated is not
 * compensated again. Each item's result is recorded ({@code rollback.item}) with its storing.
 */
public final class Rollbacks {
    private static final System.Logger LOG = System.getLogger(Rollbacks.class.getName());
    /** The most actions a plan lists. */
    public static final int MAX_ITEMS = 1000;
    /** The most audit records one plan looks at. */
    public static final int MAX_SCAN = 100_000;
    /** The longest window a plan covers. */
    public static final Duration MAX_WINDOW = Duration.ofDays(30);
    /** Records written out of time order by up to this much are still found (decisions are stamped when they start). */
    private static final Duration SLACK = Duration.ofMinutes(1);
    private static final int PAGE = 1000;

    /**
     * The context entries compensations add ({@code context.compensation}, true for a compensation
     * an operator ordered through a plan), to declare to the policy engine.
     */
    public static final Map<String, JsonSchema> CONTEXT_ENTRIES =
            Map.of(dev.warden.agent.StatusGuard.COMPENSATION, JsonSchema.of(Map.of("type", "boolean")));

    private final RollbackPlanStore store;
    private final AuditStore records;
    private final AuditLog audit;
    private final AgentRegistry agents;
    private volatile Alerts alerts = Alerts.NONE;
    private final DecisionPoint decisions;
    private final Supplier<ToolCatalog> catalog;
    private final IdGenerator ids;
    private final Clock clock;
    private volatile CompensationForwarder forwarder;

    /** Wires plans over their store, the audit trail and the decision point. */
    public Rollbacks(RollbackPlanStore store, AuditStore records, AuditLog audit, AgentRegistry agents,
                     DecisionPoint decisions, Supplier<ToolCatalog> catalog, IdGenerator ids, Clock clock) {
        this.store = store;
        this.records = records;
        this.audit = audit;
        this.agents = agents;
        this.decisions = decisions;
        this.catalog = catalog;
        this.ids = ids;
        this.clock = clock;
    }

    /** Sets where the owner is told of the compensations handed to them (default: nowhere). */
    public void alerts(Alerts next) {
        this.alerts = Objects.requireNonNull(next, "alerts");
    }

    /** Sets who forwards allowed compensations of the tools it serves (the MCP gateway). */
    public void forwarder(CompensationForwarder next) {
        this.forwarder = Objects.requireNonNull(next, "forwarder");
    }

    /** A stored plan. */
    public Optional<RollbackPlan> find(String planId) {
        return store.find(planId);
    }

    /**
     * Makes and stores a plan of {@code agent}'s actions in {@code [since, until]}.
     *
     * @param until end of the window; now when empty, and never later than now
     * @throws WardenException {@code agent_not_found}; {@code invalid_field} (naming {@code since}
     *                         or {@code until}) for a window that is empty, reversed or too long
     */
    public RollbackPlan plan(String agent, Instant since, Optional<Instant> until, Actor by) {
        Instant now = clock.instant();
        Instant end = until.filter(u -> u.isBefore(now)).orElse(now);
        if (agents.find(agent).isEmpty()) {
            throw new WardenException(ErrorCode.AGENT_NOT_FOUND, "no agent '" + agent + "'");
        }
        if (since.isAfter(end)) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "since must not be after " + (until.isPresent() ? "until" : "now")
                    + " (" + end + ")");
        }
        if (Duration.between(since, end).compareTo(MAX_WINDOW) > 0) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "since: the window may span at most "
                    + MAX_WINDOW.toDays() + " days; make several plans for a longer one");
        }
        Scan scan = scanDecisions(agent, since, end);
        Map<String, String> outcomes = scan.items().isEmpty() ? Map.of()
                : scanOutcomes(agent, scan.items().getLast().time().minus(SLACK));
        ToolCatalog tools = catalog.get();
        List<RollbackItem> items = new ArrayList<>(scan.items().size());
        for (Candidate c : scan.items()) {
            items.add(item(c, outcomes.getOrDefault(c.decisionId(), "missing"), tools));
        }
        String id = ids.next("rbp");
        RollbackPlan plan = new RollbackPlan(id, agent, since, end, now, by.toString(), scan.truncated(), Optional.empty(), items);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("plan_id", id);
        fields.put("actor", by.toString());
        fields.put("since", since.toString());
        fields.put("until", end.toString());
        fields.put("truncated", scan.truncated());
        fields.put("decision_ids", items.stream().map(RollbackItem::decisionId).toList());
        fields.put("compensations", items.stream().filter(i -> i.compensation().isPresent()).count());
        audit.appendDurably(AuditEvent.forAgent("rollback.planned", now, agent, fields),
                AuditedChange.of(store, () -> {
                    store.create(plan);
                    return true;
                }, () -> store.delete(id)));
        return plan;
    }

    /** An allowed decision found in the window. */
    private record Candidate(String decisionId, Instant time, String action, Map<String, Object> args, List<String> masked) {
    }

    private record Scan(List<Candidate> items, boolean truncated) {
    }

    /** The agent's allowed decisions in the window, newest first, within the plan's bounds. */
    @SuppressWarnings("unchecked")
    private Scan scanDecisions(String agent, Instant since, Instant until) {
        List<Candidate> out = new ArrayList<>();
        ToolCatalog tools = catalog.get();
        long before = AuditQuery.NO_UPPER_BOUND;
        int scanned = 0;
        while (true) {
            List<AuditRecord> page = records.read(new AuditQuery(0, PAGE, Optional.of(agent), Optional.of("decision"),
                    before, true));
            for (AuditRecord r : page) {
                if (++scanned > MAX_SCAN) {
                    return new Scan(out, true);
                }
                if (r.time().isBefore(since.minus(SLACK))) {
                    return new Scan(out, false);
                }
                if (!"allow".equals(r.decision()) || r.time().isBefore(since) || r.time().isAfter(until)) {
                    continue;
                }
                Map<String, Object> entry = JsonReader.parseObject(r.entry());
                String action = String.valueOf(entry.get("action"));
                if (entry.containsKey("compensates") || tools.find(action).map(Tool::readOnly).orElse(false)) {
                    continue; // a compensation is not compensated again; a read has nothing to undo
                }
                if (out.size() == MAX_ITEMS) {
                    return new Scan(out, true);
                }
                Map<String, Object> args = entry.get("args") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                List<String> masked = entry.get("masked_fields") instanceof List<?> l
                        ? l.stream().map(String::valueOf).toList() : List.of();
                out.add(new Candidate(r.decisionId(), r.time(), action, args, masked));
            }
            if (page.size() < PAGE) {
                return new Scan(out, false);
            }
            before = page.getLast().seq();
        }
    }

    /** The reported outcomes of the agent's decisions, for outcomes recorded since {@code from}. */
    private Map<String, String> scanOutcomes(String agent, Instant from) {
        Map<String, String> out = new HashMap<>();
        long before = AuditQuery.NO_UPPER_BOUND;
        int scanned = 0;
        while (true) {
            List<AuditRecord> page = records.read(new AuditQuery(0, PAGE, Optional.of(agent), Optional.of("outcome"),
                    before, true));
            for (AuditRecord r : page) {
                if (++scanned > MAX_SCAN || r.time().isBefore(from)) {
                    return out;
                }
                Object status = JsonReader.parseObject(r.entry()).get("outcome");
                out.putIfAbsent(r.decisionId(), String.valueOf(status));
            }
            if (page.size() < PAGE) {
                return out;
            }
            before = page.getLast().seq();
        }
    }

    private static RollbackItem item(Candidate c, String outcome, ToolCatalog tools) {
        Optional<Compensation> declared = tools.find(c.action()).flatMap(Tool::compensateWith);
        String none = null;
        if (declared.isEmpty()) {
            none = "no_compensation";
        } else if (outcome.equals("failed")) {
            none = "outcome_failed";
        } else if (!outcome.equals("completed")) {
            none = "outcome_missing";
        } else if (usesMasked(declared.get(), c.masked())) {
            none = "argument_masked";
        }
        if (none != null) {
            return new RollbackItem(c.decisionId(), c.time(), c.action(), c.args(), outcome, Optional.empty(),
                    Optional.of(none), ItemResult.of(ItemState.NONE));
        }
        PlannedCall call = new PlannedCall(declared.get().tool(), declared.get().argumentsFor(c.args()));
        return new RollbackItem(c.decisionId(), c.time(), c.action(), c.args(), outcome, Optional.of(call),
                Optional.empty(), ItemResult.of(ItemState.PENDING));
    }

    /** True when an argument the compensation takes from the original call is stored masked. */
    private static boolean usesMasked(Compensation comp, List<String> masked) {
        for (Compensation.Source s : comp.args().values()) {
            if (s instanceof Compensation.FromArgument from
                    && (masked.contains("args") || masked.contains("args." + from.name())
                    || masked.stream().anyMatch(p -> p.startsWith("args." + from.name() + ".")))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a plan once: each compensation through the decision point, newest first.
     *
     * @return the plan with every item's result
     * @throws WardenException {@code plan_not_found}; {@code plan_already_run} for a plan run before
     */
    public RollbackPlan run(String planId, Actor by) {
        RollbackPlan plan = store.find(planId)
                .orElseThrow(() -> new WardenException(ErrorCode.PLAN_NOT_FOUND, "no rollback plan '" + planId + "'"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("plan_id", planId);
        fields.put("actor", by.toString());
        boolean marked = audit.appendDurably(AuditEvent.forAgent("rollback.run", clock.instant(), plan.agent(), fields),
                AuditedChange.of(store, () -> store.markRun(planId, by.toString()), () -> store.unmarkRun(planId))).isPresent();
        if (!marked) {
            throw new WardenException(ErrorCode.PLAN_ALREADY_RUN, "rollback plan '" + planId
                    + "' was already run; a plan runs once (make a new plan to retry denied compensations)");
        }
        for (RollbackItem item : plan.items()) {
            if (item.compensation().isEmpty()) {
                continue;
            }
            ItemResult result = store.claim(planId, item.decisionId())
                    ? compensate(plan, item, by)
                    : new ItemResult(ItemState.ALREADY_COMPENSATED, Optional.empty(), List.of(), Optional.of(clock.instant()),
                    Optional.of("another rollback plan has compensated this action"));
            record(plan, item, result, by, result.state() == ItemState.ALREADY_COMPENSATED ? ItemState.PENDING : ItemState.RUNNING);
        }
        RollbackPlan ran = store.find(planId).orElseThrow();
        notifyOwner(ran);
        return ran;
    }

    /** Tells the agent's owner of the compensations handed to them, with their decision ids as evidence. */
    private void notifyOwner(RollbackPlan plan) {
        List<String> tasks = plan.items().stream().filter(i -> i.result().state() == ItemState.HANDED_TO_OWNER)
                .flatMap(i -> i.result().decisionId().stream()).toList();
        if (tasks.isEmpty()) {
            return;
        }
        alerts.raise(new AlertDraft(AlertSeverity.INFO, "owner.notify", Optional.of(plan.agent()),
                agents.find(plan.agent()).map(Agent::project),
                "rollback plan " + plan.id() + " hands " + tasks.size() + " compensation(s) of " + plan.agent()
                        + " to its owner to carry out",
                Map.of("plan_id", plan.id(), "tasks", (long) tasks.size()), tasks));
    }

    private ItemResult compensate(RollbackPlan plan, RollbackItem item, Actor by) {
        PlannedCall call = item.compensation().orElseThrow();
        Optional<Agent> agent = agents.find(plan.agent());
        if (agent.isEmpty()) {
            return new ItemResult(ItemState.FAILED, Optional.empty(), List.of(), Optional.of(clock.instant()),
                    Optional.of("agent '" + plan.agent() + "' is no longer registered"));
        }
        Caller caller = new Caller(plan.agent(), plan.id(), agent.get().tokenEpoch());
        DecisionRequest request = new DecisionRequest(caller, call.tool(), Optional.empty(), call.args(),
                Optional.of("compensates " + item.decisionId() + " (rollback plan " + plan.id() + ")"), Optional.empty(),
                Optional.of(new Order(by, plan.id(), item.decisionId())));
        Decision d = decisions.decide(request);
        List<Map<String, Object>> reasons = d.reasons().stream().map(Reason::wire).toList();
        Optional<String> decisionId = Optional.of(d.id().value());
        Instant at = clock.instant();
        return switch (d) {
            case Decision.Deny deny -> new ItemResult(ItemState.DENIED, decisionId, reasons, Optional.of(at), Optional.empty());
            case Decision.ApprovalRequired a -> new ItemResult(ItemState.APPROVAL_REQUIRED, decisionId, reasons,
                    Optional.of(at), Optional.of("approval " + a.approvalId().value() + " was opened"));
            case Decision.Allow allow -> {
                CompensationForwarder f = forwarder;
                if (f == null || !f.serves(call.tool())) {
                    yield new ItemResult(ItemState.HANDED_TO_OWNER, decisionId, reasons, Optional.of(at), Optional.empty());
                }
                Optional<String> failure;
                try {
                    failure = f.forward(caller, d.id(), call.tool(), call.args());
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "forwarding compensation " + d.id() + " failed", e);
                    failure = Optional.of("forwarding failed: " + e.getMessage());
                }
                yield new ItemResult(failure.isEmpty() ? ItemState.FORWARDED : ItemState.FAILED, decisionId, reasons,
                        Optional.of(clock.instant()), failure);
            }
        };
    }

    /** Stores and records an item's result; {@code before} is the state a failed record leaves it in. */
    private void record(RollbackPlan plan, RollbackItem item, ItemResult result, Actor by, ItemState before) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("plan_id", plan.id());
        fields.put("actor", by.toString());
        fields.put("compensates", item.decisionId());
        fields.put("tool", item.compensation().orElseThrow().tool());
        fields.put("state", result.state().wire());
        result.decisionId().ifPresent(id -> fields.put("compensation_decision_id", id));
        result.detail().ifPresent(detail -> fields.put("detail", detail));
        audit.appendDurably(AuditEvent.forAgent("rollback.item", clock.instant(), plan.agent(), fields),
                AuditedChange.of(store, () -> {
                    store.finish(plan.id(), item.decisionId(), result);
                    return true;
                }, () -> store.finish(plan.id(), item.decisionId(), ItemResult.of(before))));
    }
}
