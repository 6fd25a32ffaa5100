package dev.warden.breaker;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.Alerts;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.DecisionId;
import dev.warden.decision.Guard.Verdict;
import dev.warden.decision.Reason;
import dev.warden.outcome.RecordedOutcome;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The circuit breakers: one per agent x tool (fed by the outcomes of that agent's allowed calls of
 * that tool) and one per MCP upstream (fed by what the gateway sees of the upstream). Breakers are
 * made on the first outcome or upstream report, never by a decision; their number is bounded.
 *
 * <p>Every state transition is an audit record of kind {@value #TRANSITION} naming the breaker,
 * the states, the failure rate, the calls in the window, the trigger and the last failing decision
 * ids. Transitions are noted where they happen and written after, holding no lock a decision needs.
 * A breaker that opens raises a {@code breaker.opened} alert. An operator undoes it with
 * {@link #reset}.
 */
public final class Breakers {
    /** The audit record kind of a state transition. */
    public static final String TRANSITION = "breaker.transition";
    /** The most agent x tool breakers kept; past it, closed breakers are dropped to make room. */
    static final int MAX_BREAKERS = 100_000;
    private static final System.Logger LOG = System.getLogger(Breakers.class.getName());

    private final BreakerConfig config;
    private final Clock clock;
    private final AuditLog audit;
    private final Alerts alerts;
    private final Function<String, Optional<String>> projectOf;
    private final int maxBreakers;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Breaker>> byAgent = new ConcurrentHashMap<>();
    private final AtomicInteger toolBreakers = new AtomicInteger();
    private final ConcurrentHashMap<String, Breaker> byUpstream = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Breaker.Transition> transitions = new ConcurrentLinkedQueue<>();
    private volatile Function<String, Optional<String>> upstreamOf = tool -> Optional.empty();

    /**
     * Wires the breakers.
     *
     * @param projectOf the project of an agent, for routing alerts
     */
    public Breakers(BreakerConfig config, Clock clock, AuditLog audit, Alerts alerts,
                    Function<String, Optional<String>> projectOf) {
        this(config, clock, audit, alerts, projectOf, MAX_BREAKERS);
    }

    Breakers(BreakerConfig config, Clock clock, AuditLog audit, Alerts alerts,
             Function<String, Optional<String>> projectOf, int maxBreakers) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.projectOf = Objects.requireNonNull(projectOf, "projectOf");
        this.maxBreakers = maxBreakers;
    }

    /** The settings in force. */
    public BreakerConfig config() {
        return config;
    }

    /**
     * Tells the breakers which MCP upstream serves a tool (the gateway does), so calls to the tools
     * of an upstream whose breaker is open are denied.
     */
    public void upstreamResolver(Function<String, Optional<String>> resolver) {
        this.upstreamOf = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * The guard's check: denies {@code circuit_open} while the breaker of the agent x tool or of
     * the tool's upstream is open (or half-open with no probe left); a call let through as a
     * half-open probe gives its place back when its decision does not end in an allow.
     */
    Verdict check(DecisionContext decision) {
        Map<String, Breaker> ofAgent = byAgent.get(decision.agent().name());
        Breaker own = ofAgent == null ? null : ofAgent.get(decision.tool().name());
        Breaker upstream = null;
        if (!byUpstream.isEmpty()) {
            Optional<String> name = upstreamOf.apply(decision.tool().name());
            upstream = name.isEmpty() ? null : byUpstream.get(name.get());
        }
        if (own == null && upstream == null) {
            return Verdict.PASS;
        }
        Probe ownProbe = null;
        Probe upstreamProbe = null;
        try {
            if (own != null) {
                if (!own.tryAcquire()) {
                    return denied(own);
                }
                ownProbe = Probe.of(own);
            }
            if (upstream != null) {
                if (!upstream.tryAcquire()) {
                    if (ownProbe != null) {
                        ownProbe.release();
                    }
                    return denied(upstream);
                }
                upstreamProbe = Probe.of(upstream);
            }
        } finally {
            if (!transitions.isEmpty()) {
                flush(); // an open breaker whose time is up turned half-open just now
            }
        }
        if (ownProbe != null || upstreamProbe != null) {
            Probe ownTaken = ownProbe;
            Probe upstreamTaken = upstreamProbe;
            decision.onSettled(d -> {
                if (!(d instanceof Decision.Allow)) {
                    if (ownTaken != null) {
                        ownTaken.release();
                    }
                    if (upstreamTaken != null) {
                        upstreamTaken.release();
                    }
                }
            });
        }
        return Verdict.PASS;
    }

    /** A probe permission a half-open breaker gave a call, with the half-open period it belongs to. */
    private record Probe(Breaker breaker, int period) {
        /** The probe just taken from {@code b}, or null when {@code b} is not half-open (nothing to give back). */
        static Probe of(Breaker b) {
            return b.state() == BreakerState.HALF_OPEN ? new Probe(b, b.halfOpenPeriod()) : null;
        }

        void release() {
            breaker.release(period);
        }
    }

    private static Verdict denied(Breaker b) {
        long retry = b.retryAfterMillis();
        String what = b.key().isUpstream() ? "the circuit breaker of upstream '" + b.key().upstream() + "'"
                : "the circuit breaker of '" + b.key().tool() + "' for this agent";
        return Verdict.deny(Reason.retryable("breaker", "circuit_open",
                what + " is open after too many failures; retry in " + retry + " ms", retry));
    }

    /**
     * Counts a durable outcome (an {@link dev.warden.outcome.OutcomeRecorder} listener): a failed
     * one as a failure of the breaker of its agent and its decision's tool, a completed one as a
     * success.
     */
    public void outcome(RecordedOutcome outcome) {
        if (outcome.action() == null) {
            return; // a decision this process cannot name the tool of
        }
        Breaker b = toolBreaker(outcome.agent(), outcome.action());
        if (b != null) {
            if (outcome.failed()) {
                b.failed(outcome.decision().value(), 0);
            } else {
                b.succeeded(0);
            }
        }
        flush();
    }

    /** Counts a call the upstream answered (a tool error included: the upstream itself worked). */
    public void upstreamSucceeded(String upstream) {
        upstreamBreaker(upstream).succeeded(0);
        flush();
    }

    /**
     * Counts an upstream error (refused connection, timeout, HTTP 5xx, process gone) seen on the
     * allowed call {@code decision}.
     */
    public void upstreamFailed(String upstream, DecisionId decision) {
        upstreamBreaker(upstream).failed(decision.value(), 0);
        flush();
    }

    private Breaker own(String agent, String tool) {
        Map<String, Breaker> ofAgent = byAgent.get(agent);
        return ofAgent == null ? null : ofAgent.get(tool);
    }

    /** The agent x tool breaker, made on first use; null when the bound is reached and nothing can be dropped. */
    private Breaker toolBreaker(String agent, String tool) {
        Breaker b = own(agent, tool);
        if (b != null) {
            return b;
        }
        if (toolBreakers.get() >= maxBreakers && !dropClosed()) {
            LOG.log(Level.WARNING, "breakers: " + maxBreakers + " breakers, none closed; " + agent + " x " + tool + " is not tracked");
            return null;
        }
        ConcurrentHashMap<String, Breaker> ofAgent = byAgent.computeIfAbsent(agent, a -> new ConcurrentHashMap<>());
        return ofAgent.computeIfAbsent(tool, t -> {
            toolBreakers.incrementAndGet();
            return new Breaker(BreakerKey.of(agent, tool), config.forTool(tool), clock, transitions::add);
        });
    }

    /** Drops closed agent x tool breakers (they hold nothing an operator must see); true when one went. */
    private boolean dropClosed() {
        boolean dropped = false;
        for (Map<String, Breaker> ofAgent : byAgent.values()) {
            for (Map.Entry<String, Breaker> e : ofAgent.entrySet()) {
                if (e.getValue().state() == BreakerState.CLOSED && ofAgent.remove(e.getKey(), e.getValue())) {
                    toolBreakers.decrementAndGet();
                    dropped = true;
                }
            }
        }
        return dropped;
    }

    private Breaker upstreamBreaker(String upstream) {
        return byUpstream.computeIfAbsent(upstream,
                u -> new Breaker(BreakerKey.upstream(u), config.forUpstream(u), clock, transitions::add));
    }

    /**
     * Every breaker, agent x tool ones first (by agent, then tool), then upstream ones; of one agent
     * only when {@code agent} is given. An open breaker whose time is up shows as open until a call
     * asks.
     */
    public List<BreakerView> list(Optional<String> agent) {
        List<BreakerView> views = new ArrayList<>();
        byAgent.forEach((name, tools) -> {
            if (agent.isEmpty() || agent.get().equals(name)) {
                tools.values().forEach(b -> views.add(b.view()));
            }
        });
        views.sort(Comparator.comparing((BreakerView v) -> v.key().agent()).thenComparing(v -> v.key().tool()));
        if (agent.isEmpty()) {
            byUpstream.values().stream().map(Breaker::view)
                    .sorted(Comparator.comparing(v -> v.key().upstream())).forEach(views::add);
        }
        return views;
    }

    /** One breaker, if it exists. */
    public Optional<BreakerView> find(BreakerKey key) {
        return Optional.ofNullable(breaker(key)).map(Breaker::view);
    }

    private Breaker breaker(BreakerKey key) {
        return key.isUpstream() ? byUpstream.get(key.upstream()) : own(key.agent(), key.tool());
    }

    /**
     * Resets a breaker to closed with an empty window, recorded (durably, before it takes effect) as
     * a transition triggered by {@code operator}.
     *
     * @return the breaker as it was before
     * @throws WardenException {@code breaker_not_found} when no such breaker exists,
     *                         {@code store_unavailable} when the reset cannot be recorded (nothing changes)
     */
    public BreakerView reset(BreakerKey key, Actor operator) {
        Breaker b = breaker(key);
        if (b == null) {
            throw new WardenException(ErrorCode.BREAKER_NOT_FOUND, "no breaker for " + key);
        }
        flush();
        BreakerView before = b.view();
        Map<String, Object> fields = fields(key, before.state(), BreakerState.CLOSED, before.failureRate(),
                before.calls(), before.failedCalls(), "operator", b.evidence());
        fields.put("operator", operator.toString());
        audit.appendDurably(event(key, clock.instant(), fields));
        // a fresh breaker replaces it on the next outcome: the old window and state go with it
        if (key.isUpstream()) {
            byUpstream.remove(key.upstream(), b);
        } else {
            Map<String, Breaker> ofAgent = byAgent.get(key.agent());
            if (ofAgent != null && ofAgent.remove(key.tool(), b)) {
                toolBreakers.decrementAndGet();
            }
        }
        return before;
    }

    /** Writes the transitions noted so far and raises the alerts of breakers that opened. */
    private void flush() {
        Breaker.Transition t;
        while ((t = transitions.poll()) != null) {
            written(t);
        }
    }

    private void written(Breaker.Transition t) {
        BreakerKey key = t.breaker().key();
        Map<String, Object> fields = fields(key, t.from(), t.to(), t.failureRate(), t.calls(), t.failedCalls(),
                t.trigger(), t.evidence());
        // deferred: this may run where a durable write would wait on itself (an outcome written by the audit writer)
        audit.appendDeferred(event(key, t.at(), fields)).whenComplete((r, e) -> {
            if (e != null) {
                LOG.log(Level.ERROR, "breakers: transition of " + key + " to " + t.to().wire() + " not recorded: " + e.getMessage());
            }
        });
        if (t.to() == BreakerState.OPEN) {
            raise(t);
        }
    }

    private void raise(Breaker.Transition t) {
        BreakerKey key = t.breaker().key();
        BreakerSettings s = t.breaker().settings();
        Map<String, Object> numbers = new LinkedHashMap<>();
        t.failureRate().ifPresent(r -> numbers.put("failure_rate", (double) r));
        numbers.put("failure_rate_threshold", (double) s.failureRatePercent());
        numbers.put("calls", t.calls());
        numbers.put("failed_calls", t.failedCalls());
        numbers.put("open_seconds", s.openFor().toSeconds());
        Optional<String> agent = Optional.ofNullable(key.agent());
        try {
            alerts.raise(new AlertDraft(AlertSeverity.WARNING, "breaker.opened", agent, agent.flatMap(projectOf),
                    "circuit breaker of " + key + " opened (" + t.trigger().replace('_', ' ') + ")", numbers, t.evidence()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "breakers: the alert for " + key + " was not raised", e);
        }
    }

    private static Map<String, Object> fields(BreakerKey key, BreakerState from, BreakerState to, Optional<Float> rate,
                                              int calls, int failedCalls, String trigger, List<String> evidence) {
        Map<String, Object> fields = new LinkedHashMap<>(key.wire());
        fields.put("from", from.wire());
        fields.put("to", to.wire());
        rate.ifPresent(r -> fields.put("failure_rate", (double) r));
        fields.put("calls", calls);
        fields.put("failed_calls", failedCalls);
        fields.put("trigger", trigger);
        fields.put("evidence", evidence);
        return fields;
    }

    private static AuditEvent event(BreakerKey key, Instant at, Map<String, Object> fields) {
        return key.isUpstream() ? AuditEvent.of(TRANSITION, at, fields) : AuditEvent.forAgent(TRANSITION, at, key.agent(), fields);
    }
}
