package dev.warden.limits;

import dev.warden.agent.Agent;
import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.Alerts;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.Tool;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.json.CanonicalJson;
import dev.warden.outcome.RecordedOutcome;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code limits} guard: rate limits (S-3), transaction limits (S-4), cumulative budgets
 * (S-5) and calls in flight, per {@link LimitsConfig}. It runs after the maturity ceiling and
 * before the policy, so no policy lifts a limit.
 *
 * <p>In order: the impact of the call against the tool's {@code max_impact} for the agent's level
 * ({@code impact_exceeded}, or {@code impact_invalid} when the impact is missing, not a number or
 * negative); the token buckets of the project, the agent, the session and the agent's tool
 * ({@code rate_limited}; a call they all admit takes a token from each, whatever is decided
 * later); a slot among the agent's calls in flight ({@code concurrency_limited}); then each budget
 * matching the tool ({@code cumulative_limit}). Slots and budgets are reserved while the decision
 * is made and kept only when it ends in an allow ({@link DecisionContext#onSettled}): denied and
 * approval_required calls use none of a budget, the allow that redeems an approval does. Budgets
 * are rebuilt at start from the audit log's allowed decisions ({@link #rebuild}).
 *
 * <p>A deny that waiting lifts says when ({@link Reason#retryable}). The first deny of each limit in
 * each of its windows raises a {@code limit.exceeded} alert.
 */
public final class LimitsGuard implements Guard {
    /** The guard name in reasons. */
    public static final String GUARD = "limits";
    /** The context entry policies read budgets from. */
    public static final String CONTEXT_ENTRY = "limits";

    private static final Duration IMPACT_ALERT_WINDOW = Duration.ofHours(1);

    private final LimitsConfig config;
    private final Clock clock;
    private final TimeMeter meter;
    private final Alerts alerts;
    private final ConcurrentHashMap<String, AgentState> agents = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> projects = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> alerted = new ConcurrentHashMap<>();

    /** A guard over {@code config}, reading time from {@code clock}, raising alerts to {@code alerts}. */
    public LimitsGuard(LimitsConfig config, Clock clock, Alerts alerts) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meter = new ClockTimeMeter(clock);
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    /** The limits enforced. */
    public LimitsConfig config() {
        return config;
    }

    AgentState state(String agent) {
        AgentState s = agents.get(agent);
        return s != null ? s : agents.computeIfAbsent(agent, a -> new AgentState(config.forAgent(a), meter));
    }

    @Override
    public Verdict check(DecisionContext d) {
        Agent agent = d.agent();
        Tool tool = d.tool();
        AgentState s = state(agent.name());
        AgentState.ToolPlan plan = s.plan(tool);
        ToolLimits toolLimits = plan.limits();
        long nowMs = d.now().toEpochMilli();

        BigDecimal impact = null;
        if (toolLimits.maxImpact().isPresent()) {
            Impact read = impact(tool, d.request().args());
            if (read.problem() != null) {
                return Verdict.deny(Reason.of(GUARD, "impact_invalid", agent.name() + ": " + read.problem()));
            }
            impact = read.value();
            BigDecimal cap = toolLimits.maxImpact().get().forLevel(agent.level());
            if (impact.compareTo(cap) > 0) {
                alertOnce(d, agent, "max_impact:" + tool.name(), IMPACT_ALERT_WINDOW, agent.name() + ": " + tool.name()
                        + " impact over max_impact", Map.of("limit", cap.toPlainString(), "impact", impact.toPlainString()));
                return Verdict.deny(Reason.of(GUARD, "impact_exceeded", agent.name() + " (" + agent.level().wire() + "): "
                        + tool.name() + " " + tool.impactField().orElse("impact") + " " + plain(impact)
                        + " is over the " + plain(cap) + " one call may have"));
            }
        }

        Verdict rated = rates(d, agent, tool, s, plan);
        if (rated instanceof Deny) {
            return rated;
        }

        if (s.limits.concurrency().isEmpty() && plan.budgets().isEmpty()) {
            return PASS; // nothing to reserve: the common case costs no allocation here
        }
        List<Runnable> commits = new ArrayList<>(2);
        List<Runnable> releases = new ArrayList<>(2);
        boolean handedOver = false; // once the settlement owns the reservations, it gives them back
        try {
            if (s.limits.concurrency().isPresent()) {
                int max = s.limits.concurrency().getAsInt();
                if (!s.inFlight.tryReserve(max, nowMs, s.inFlightTimeoutMs)) {
                    alertOnce(d, agent, "concurrency", Duration.ofMillis(s.inFlightTimeoutMs), agent.name()
                            + ": too many calls in flight", Map.of("limit", (long) max));
                    return Verdict.deny(Reason.of(GUARD, "concurrency_limited", agent.name() + ": " + max
                            + " allowed calls in flight without an outcome at most; report the outcomes of finished calls"
                            + " (each frees its slot, or after " + Rate.unit(Duration.ofMillis(s.inFlightTimeoutMs))
                            + " without one)"));
                }
                String id = d.id().value();
                commits.add(() -> s.inFlight.settle(id, true, clock.millis()));
                releases.add(() -> s.inFlight.settle(id, false, 0));
            }

            Map<String, Object> used = null;
            for (Budget b : plan.budgets()) {
                Check c;
                switch (b.measure()) {
                    case CALLS, IMPACT -> {
                        BigDecimal amount = BigDecimal.ONE;
                        if (b.measure() == Measure.IMPACT) {
                            if (impact == null) {
                                Impact read = impact(tool, d.request().args());
                                if (read.problem() != null) {
                                    releases.forEach(Runnable::run);
                                    return Verdict.deny(Reason.of(GUARD, "impact_invalid", agent.name() + ": " + read.problem()));
                                }
                                impact = read.value();
                            }
                            amount = impact;
                        }
                        WindowSum sum = (WindowSum) s.counters.get(b.name());
                        c = sum.tryReserve(amount, b.max(), nowMs);
                        if (c.ok()) {
                            BigDecimal reservedAmount = amount;
                            commits.add(() -> sum.settle(reservedAmount, true, clock.millis()));
                            releases.add(() -> sum.settle(reservedAmount, false, 0));
                        } else {
                            releases.forEach(Runnable::run);
                            return overBudget(d, agent, b, c, plain(amount));
                        }
                    }
                    case DISTINCT -> {
                        Object value = d.request().args().get(b.argument().orElseThrow());
                        if (value == null) {
                            continue; // a call without the argument touches no value
                        }
                        String key = value instanceof String str ? str : CanonicalJson.write(value);
                        DistinctWindow w = (DistinctWindow) s.counters.get(b.name());
                        boolean fresh = w.isNew(key, nowMs);
                        c = w.tryReserve(key, b.max().longValue(), nowMs);
                        if (c.ok()) {
                            commits.add(() -> w.settle(key, fresh, true, clock.millis()));
                            releases.add(() -> w.settle(key, fresh, false, 0));
                        } else {
                            releases.forEach(Runnable::run);
                            return overBudget(d, agent, b, c, "1 new");
                        }
                    }
                    default -> throw new IllegalStateException("unknown measure " + b.measure());
                }
                if (config.policyContext()) {
                    if (used == null) {
                        used = new LinkedHashMap<>(4);
                    }
                    used.put(b.name(), Map.of("used_pct", c.usedPct()));
                }
            }
            if (!commits.isEmpty()) {
                d.onSettled(decision -> (decision instanceof Decision.Allow ? commits : releases).forEach(Runnable::run));
                handedOver = true;
            }
            if (used != null) {
                d.put(CONTEXT_ENTRY, Map.copyOf(used));
            }
            return PASS;
        } catch (RuntimeException e) {
            if (!handedOver) {
                releases.forEach(Runnable::run); // a failure denies the call: what it reserved goes back
            }
            throw e;
        }
    }

    private static final Verdict PASS = Verdict.PASS;

    /** Takes a token from each bucket of the call; when one is empty, gives the taken ones back and denies. */
    private Verdict rates(DecisionContext d, Agent agent, Tool tool, AgentState s, AgentState.ToolPlan plan) {
        Rate projectRate = config.projects().get(agent.project());
        Bucket project = projectRate == null ? null
                : projects.computeIfAbsent(agent.project(), p -> AgentState.bucket(projectRate, meter));
        Rate sessionRate = s.limits.ratePerSession().orElse(null);
        Bucket session = sessionRate == null ? null : s.session(d.request().caller().sessionId(), sessionRate);
        Rate toolRate = plan.limits().rate().orElse(null);
        Bucket toolBucket = plan.bucket();
        Bucket[] buckets = {project, s.agentBucket, session, toolBucket};
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] == null) {
                continue;
            }
            if (buckets[i].tryConsume(1)) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (buckets[j] != null) {
                    buckets[j].addTokens(1); // the call is not made: it uses none of the other limits
                }
            }
            long waitNanos = buckets[i].estimateAbilityToConsume(1).getNanosToWaitForRefill();
            long retryMs = Math.max(1, (waitNanos + 999_999) / 1_000_000);
            Rate rate;
            String what;
            String limit;
            switch (i) {
                case 0 -> {
                    rate = projectRate;
                    what = "project " + agent.project() + ": " + rate.describe() + " for all its agents";
                    limit = "rate:project";
                }
                case 1 -> {
                    rate = s.limits.rate().orElseThrow();
                    what = agent.name() + ": " + rate.describe() + " at most";
                    limit = "rate:agent";
                }
                case 2 -> {
                    rate = sessionRate;
                    what = agent.name() + ": " + rate.describe() + " in one session";
                    limit = "rate:session";
                }
                default -> {
                    rate = toolRate;
                    what = agent.name() + ": " + rate.describe() + " to " + tool.name();
                    limit = "rate:tool:" + tool.name();
                }
            }
            alertOnce(d, agent, limit, rate.per(), what + " reached", Map.of("limit", rate.calls(),
                    "window_seconds", rate.per().toSeconds()));
            return Verdict.deny(Reason.retryable(GUARD, "rate_limited", what + "; retry in " + retryText(retryMs), retryMs));
        }
        return PASS;
    }

    private Verdict overBudget(DecisionContext d, Agent agent, Budget b, Check c, String amount) {
        alertOnce(d, agent, "budget:" + b.name(), b.window(), agent.name() + ": budget " + b.name() + " reached",
                Map.of("budget", b.name(), "limit", b.max().toPlainString(), "used", c.used(), "window_seconds",
                        b.window().toSeconds()));
        String text = agent.name() + ": budget " + b.name() + " (" + b.what() + ", " + b.describe() + ") holds "
                + c.used() + "; " + amount + " more would exceed it";
        if (c.retryAfterMs() < 0) {
            return Verdict.deny(Reason.of(GUARD, "cumulative_limit", text));
        }
        return Verdict.deny(Reason.retryable(GUARD, "cumulative_limit", text + "; retry in " + retryText(c.retryAfterMs()),
                c.retryAfterMs()));
    }

    /** Raises a {@code limit.exceeded} alert for the first deny of this limit and agent in the current window. */
    private void alertOnce(DecisionContext d, Agent agent, String limit, Duration window, String summary,
                           Map<String, Object> numbers) {
        long index = d.now().toEpochMilli() / Math.max(1, window.toMillis());
        Long before = alerted.put(agent.name() + "|" + limit, index);
        if (before != null && before == index) {
            return;
        }
        try {
            Map<String, Object> all = new LinkedHashMap<>(numbers);
            all.put("limit_name", limit);
            alerts.raise(new AlertDraft(AlertSeverity.WARNING, "limit.exceeded", Optional.of(agent.name()),
                    Optional.of(agent.project()), summary, all, List.of(d.id().value())));
        } catch (RuntimeException e) {
            System.getLogger(LimitsGuard.class.getName()).log(System.Logger.Level.ERROR, "raising a limit alert failed", e);
        }
    }

    /** An outcome frees the call's slot among the agent's calls in flight. */
    public void outcomeRecorded(RecordedOutcome outcome) {
        AgentState s = agents.get(outcome.agent());
        if (s != null) {
            s.inFlight.finish(outcome.decision().value());
        }
    }

    /**
     * Counts an allowed call into the agent's budgets as if it had just been decided (the restart
     * rebuild feeds the audit log's allowed decisions through here).
     */
    void replay(String agent, Tool tool, Map<String, Object> args, long atMs) {
        AgentState s = state(agent);
        for (Budget b : s.budgets) {
            if (!b.matches(tool)) {
                continue;
            }
            switch (b.measure()) {
                case CALLS -> ((WindowSum) s.counters.get(b.name())).add(BigDecimal.ONE, atMs);
                case IMPACT -> {
                    Impact read = impact(tool, args);
                    if (read.problem() == null) {
                        ((WindowSum) s.counters.get(b.name())).add(read.value(), atMs);
                    }
                }
                case DISTINCT -> {
                    Object value = args.get(b.argument().orElseThrow());
                    if (value != null) {
                        ((DistinctWindow) s.counters.get(b.name())).add(value instanceof String str ? str
                                : CanonicalJson.write(value), atMs);
                    }
                }
                default -> throw new IllegalStateException("unknown measure " + b.measure());
            }
        }
    }

    /**
     * Rebuilds the budgets from the allowed decisions the audit store holds within the longest
     * budget window before now. Call once, before the first decision.
     *
     * @return how many allowed decisions were counted
     */
    public long rebuild(dev.warden.audit.AuditStore store, dev.warden.catalog.ToolCatalog catalog) {
        return new BudgetReplay(this, store, catalog).run(clock.instant(), config.longestBudgetWindow());
    }

    /**
     * The type of the {@code limits} context entry for the policy engine: one optional attribute per
     * budget, a record with {@code used_pct} (whole percent of the budget used before the call).
     * Empty when there are no budgets or the entry is off.
     */
    public static Map<String, JsonSchema> contextSchema(LimitsConfig config) {
        if (!config.policyContext() || config.budgetNames().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : config.budgetNames()) {
            properties.put(name, Map.of("type", "object",
                    "properties", Map.of("used_pct", Map.of("type", "integer")),
                    "required", List.of("used_pct")));
        }
        return Map.of(CONTEXT_ENTRY, JsonSchema.of(Map.of("type", "object", "properties", properties)));
    }

    /** A call's impact, or why it has none Warden can use. */
    record Impact(BigDecimal value, String problem) {
    }

    static Impact impact(Tool tool, Map<String, Object> args) {
        if (tool.impactField().isEmpty()) {
            return new Impact(null, tool.name() + " has an impact limit but no impact_field in the catalog");
        }
        String field = tool.impactField().get();
        Object v = args.get(field);
        if (!(v instanceof Number n)) {
            return new Impact(null, tool.name() + " needs a number in '" + field + "' (its impact)"
                    + (v == null ? "; the call has none" : "; got " + JsonSchema.typeOf(v)));
        }
        BigDecimal value;
        try {
            value = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            return new Impact(null, tool.name() + " needs a finite number in '" + field + "'");
        }
        if (value.signum() < 0) {
            return new Impact(null, tool.name() + " '" + field + "' must not be negative; got " + value.toPlainString());
        }
        return new Impact(value, null);
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /** For people: {@code 1.2 s}, {@code 14 min}, {@code 3 h 12 min}. */
    static String retryText(long ms) {
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", Math.ceil(ms / 100.0) / 10.0);
        }
        long minutes = (ms + 59_999) / 60_000;
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
