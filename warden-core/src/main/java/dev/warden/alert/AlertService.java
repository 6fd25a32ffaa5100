package dev.warden.alert;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.id.IdGenerator;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The alert service: records what components raise, folds repeats together, routes new alerts
 * to their recipients' outbox, and lets operators acknowledge them.
 *
 * <p><b>Off the decision path.</b> {@link #raise} only stamps the time and queues the draft; a
 * worker thread writes the {@code alert.raised} audit record with the stored alert and its outbox
 * entries (one transaction on the SQLite store). {@code raise} never throws and never waits on the
 * store. A draft that cannot be recorded (store or audit log unavailable) is logged and kept in
 * memory, up to {@value #MAX_PENDING}, and retried every few seconds and before each new draft;
 * beyond that, or when the queue is full, drafts are dropped with an error in the log (the events
 * behind them are still in the audit trail).
 *
 * <p><b>Coalescing.</b> A draft with the same kind, agent, project and summary as an open alert
 * raised less than the coalescing window ago (default {@link #DEFAULT_COALESCE}) is folded into
 * it: its count and last time grow and its evidence is added; it is not sent again. After the
 * window, or once the alert is acknowledged, the next such draft is a new alert. A flood therefore
 * sends at most one alert per window per key. Folds are written to the store when the queue runs
 * empty or at the next tick (every second), not each on its own; the events folded in are each in
 * the audit trail already (the decisions), so a fold writes no audit record of its own.
 */
public final class AlertService implements Alerts, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AlertService.class.getName());
    /** The default coalescing window. */
    public static final Duration DEFAULT_COALESCE = Duration.ofSeconds(60);
    /** Drafts waiting to be recorded (queued or failed) beyond which new ones are dropped. */
    public static final int MAX_PENDING = 10_000;
    private static final long TICK_MILLIS = 1000;
    private static final long RETRY_MILLIS = 5000;

    private final AlertStore store;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Function<String, Optional<Agent>> agents;
    private final ScheduledExecutorService worker;
    private volatile AlertRouting routing = AlertRouting.NONE;
    private volatile Duration coalesce = DEFAULT_COALESCE;
    private final List<Runnable> queuedListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    /** Open alerts by coalescing key, with the end of their window (guarded by this). */
    private final Map<String, Window> windows = new HashMap<>();
    /** Repeats folded into alerts, not yet written (guarded by this). */
    private final Map<String, Alert> folds = new LinkedHashMap<>();
    /** Drafts that could not be recorded yet (guarded by this). */
    private final ArrayDeque<Raised> pending = new ArrayDeque<>();
    private long lastRetryNanos = System.nanoTime();

    private record Raised(AlertDraft draft, Instant at) {
    }

    private record Window(String alertId, Instant until) {
    }

    private AlertService(AlertStore store, AuditLog audit, IdGenerator ids, Clock clock,
                         Function<String, Optional<Agent>> agents, boolean background) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.agents = Objects.requireNonNull(agents, "agents");
        if (background) {
            this.worker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("warden-alerts").daemon(true).factory());
            worker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            this.worker = null;
        }
    }

    /**
     * A service that records drafts on its own worker thread (the server's and {@code Warden}'s).
     *
     * @param agents finds an agent by name (its project and owner route the alert)
     */
    public static AlertService background(AlertStore store, AuditLog audit, IdGenerator ids, Clock clock,
                                          Function<String, Optional<Agent>> agents) {
        return new AlertService(store, audit, ids, clock, agents, true);
    }

    /**
     * A service that records each draft on the raising thread before {@link #raise} returns (tests;
     * still never throws). Failed drafts are retried by {@link #retryPending}.
     */
    public static AlertService onCallerThread(AlertStore store, AuditLog audit, IdGenerator ids, Clock clock,
                                              Function<String, Optional<Agent>> agents) {
        return new AlertService(store, audit, ids, clock, agents, false);
    }

    /** Sets who receives new alerts (default: nobody; alerts are still recorded and listed). */
    public void routing(AlertRouting routing) {
        this.routing = Objects.requireNonNull(routing, "routing");
    }

    /** Sets the coalescing window (zero turns coalescing off). */
    public void coalesceWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("coalesce window must be >= 0");
        }
        this.coalesce = window;
    }

    /** Runs {@code listener} after outbox entries were written (the delivery worker wakes up on it). */
    public void onQueued(Runnable listener) {
        queuedListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The store (the delivery worker reads the outbox from it). */
    public AlertStore store() {
        return store;
    }

    /** Drafts dropped since start because too many were waiting. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void raise(AlertDraft draft) {
        try {
            Raised r = new Raised(Objects.requireNonNull(draft, "draft"), clock.instant());
            if (worker == null) {
                record(r);
                return;
            }
            if (queued.incrementAndGet() > MAX_PENDING) {
                queued.decrementAndGet();
                drop(draft, "the alert queue is full");
                return;
            }
            worker.execute(() -> {
                queued.decrementAndGet();
                record(r);
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            drop(draft, "the alert service is closed");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "alert could not be raised: " + e);
        }
    }

    private void drop(AlertDraft draft, String why) {
        long n = dropped.incrementAndGet();
        LOG.log(Level.ERROR, "alert " + draft.kind() + draft.agent().map(a -> " for " + a).orElse("") + " dropped: " + why
                + " (" + n + " dropped since start)");
    }

    private synchronized void record(Raised r) {
        if (!pending.isEmpty()) {
            retryPending();
        }
        if (!pending.isEmpty() || !tryRecord(r)) {
            keep(r);
        }
        if (queued.get() == 0) {
            flushFolds();
        }
    }

    private void keep(Raised r) {
        if (pending.size() >= MAX_PENDING) {
            drop(r.draft(), MAX_PENDING + " alerts already wait for the store");
        } else {
            pending.add(r);
        }
    }

    /**
     * Records the drafts that could not be recorded before, oldest first, stopping at the first
     * that still fails.
     *
     * @return how many are still waiting
     */
    public synchronized int retryPending() {
        lastRetryNanos = System.nanoTime();
        while (!pending.isEmpty()) {
            if (!tryRecord(pending.peek())) {
                break;
            }
            pending.poll();
        }
        return pending.size();
    }

    private void tick() {
        try {
            synchronized (this) {
                flushFolds();
                if (!pending.isEmpty() && System.nanoTime() - lastRetryNanos >= TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS)) {
                    retryPending();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "alert tick failed: " + e);
        }
    }

    /** Records a draft; false when the store or audit log is unavailable and it should be retried. */
    private boolean tryRecord(Raised r) {
        try {
            recordNow(r);
            return true;
        } catch (WardenException e) {
            LOG.log(Level.WARNING, "alert " + r.draft().kind() + r.draft().agent().map(a -> " for " + a).orElse("")
                    + " not recorded yet, kept for retry: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // not the store: retrying would fail the same way and hold up every alert behind it
            drop(r.draft(), "it cannot be recorded: " + e);
            return true;
        }
    }

    /** The draft's numbers as JSON values: anything else is written as its text. */
    private static Map<String, Object> jsonNumbers(Map<String, Object> numbers) {
        try {
            dev.warden.json.CanonicalJson.write(numbers);
            return numbers;
        } catch (RuntimeException e) {
            Map<String, Object> out = new java.util.TreeMap<>();
            numbers.forEach((k, v) -> out.put(k, v instanceof String || v instanceof Boolean || v instanceof Long
                    || v instanceof Integer ? v : String.valueOf(v)));
            return out;
        }
    }

    private void recordNow(Raised r) {
        AlertDraft raised = r.draft();
        AlertDraft d = new AlertDraft(raised.severity(), raised.kind(), raised.agent(), raised.project(), raised.summary(),
                jsonNumbers(raised.numbers()), raised.evidence());
        Optional<Agent> agent = d.agent().flatMap(this::findAgent);
        Optional<String> project = d.project().or(() -> agent.map(Agent::project));
        Optional<String> owner = agent.map(Agent::owner);
        String key = d.kind() + "\u0000" + d.agent().orElse("") + "\u0000" + project.orElse("") + "\u0000" + d.summary();
        Window w = windows.get(key);
        if (w != null && r.at().isBefore(w.until())) {
            Optional<Alert> current = current(w.alertId());
            if (current.isPresent() && current.get().state() == AlertState.OPEN) {
                folds.put(w.alertId(), current.get().repeated(r.at(), d.evidence()));
                return;
            }
        }
        AlertDraft routed = new AlertDraft(d.severity(), d.kind(), d.agent(), project, d.summary(), d.numbers(), d.evidence());
        List<AlertRoute> routes = routes(routed, owner);
        String id = ids.nextOrdered("alr", r.at());
        Alert alert = new Alert(id, r.at(), d.severity(), d.kind(), d.agent(), project, owner, d.summary(), d.numbers(),
                d.evidence().size() > Alert.MAX_EVIDENCE ? d.evidence().subList(0, Alert.MAX_EVIDENCE) : d.evidence(),
                1, r.at(), AlertState.OPEN, Optional.empty(), Optional.empty(),
                routes.stream().map(AlertRoute::describe).toList());
        Instant now = clock.instant();
        List<AlertDelivery> deliveries = routes.stream().map(rt -> AlertDelivery.queued(ids.next("dlv"), id, rt, now)).toList();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("alert_id", id);
        fields.put("severity", d.severity().wire());
        fields.put("alert_kind", d.kind());
        project.ifPresent(p -> fields.put("project", p));
        fields.put("summary", d.summary());
        fields.put("numbers", d.numbers());
        fields.put("evidence", alert.evidence());
        fields.put("routing", alert.routing());
        fields.put("raised_at", r.at().toString());
        AuditEvent event = d.agent().map(a -> AuditEvent.forAgent("alert.raised", now, a, fields))
                .orElseGet(() -> AuditEvent.of("alert.raised", now, fields));
        audit.appendDurably(event, AuditedChange.of(store, () -> {
            store.insert(alert, deliveries);
            return true;
        }, () -> store.delete(id)));
        if (coalesce.isPositive()) {
            if (windows.size() > 10_000) {
                windows.values().removeIf(x -> !r.at().isBefore(x.until()));
            }
            windows.put(key, new Window(id, r.at().plus(coalesce)));
        }
        if (!deliveries.isEmpty()) {
            for (Runnable l : queuedListeners) {
                try {
                    l.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "alert queue listener failed: " + e);
                }
            }
        }
    }

    private Optional<Agent> findAgent(String name) {
        try {
            return agents.apply(name);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private List<AlertRoute> routes(AlertDraft d, Optional<String> owner) {
        try {
            return routing.route(d, owner).stream().distinct().toList();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "alert routing failed for " + d.kind() + "; the alert is recorded but sent nowhere: " + e);
            return List.of();
        }
    }

    private Optional<Alert> current(String id) {
        Alert folded = folds.get(id);
        return folded != null ? Optional.of(folded) : store.find(id);
    }

    private void flushFolds() {
        for (var it = folds.values().iterator(); it.hasNext(); ) {
            Alert a = it.next();
            try {
                store.update(a);
                it.remove();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "repeats of alert " + a.id() + " not written yet: " + e.getMessage());
                return;
            }
        }
    }

    /** The alert with this id. */
    public synchronized Optional<Alert> find(String id) {
        return current(id);
    }

    /**
     * Alerts newest first.
     *
     * @throws WardenException {@code store_unavailable}
     */
    public synchronized List<Alert> list(AlertQuery query) {
        flushFolds();
        return store.list(query);
    }

    /**
     * Acknowledges an open alert, with its {@code alert.acked} audit record. Acknowledging stops
     * nothing already sent; the next repeat of it becomes a new alert.
     *
     * @throws WardenException {@code alert_not_found}; {@code alert_acked} when it was acknowledged
     *                         before; {@code store_unavailable}
     */
    public synchronized Alert ack(String id, Actor by) {
        Objects.requireNonNull(by, "by");
        flushFolds();
        Alert before = current(id).orElseThrow(() ->
                new WardenException(ErrorCode.ALERT_NOT_FOUND, "no alert with id '" + id + "'"));
        if (before.state() == AlertState.ACKED) {
            throw new WardenException(ErrorCode.ALERT_ACKED, "alert " + id + " was acknowledged by "
                    + before.ackedBy().orElse("?") + " at " + before.ackedAt().map(Instant::toString).orElse("?"));
        }
        Instant now = clock.instant();
        Alert after = before.acked(by.toString(), now);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("alert_id", id);
        fields.put("actor", by.toString());
        fields.put("severity", before.severity().wire());
        fields.put("alert_kind", before.kind());
        fields.put("count", before.count());
        AuditEvent event = before.agent().map(a -> AuditEvent.forAgent("alert.acked", now, a, fields))
                .orElseGet(() -> AuditEvent.of("alert.acked", now, fields));
        audit.appendDurably(event, AuditedChange.of(store, () -> {
            store.update(after);
            return true;
        }, () -> store.update(before)));
        return after;
    }

    /** Records what is queued (waiting up to {@code wait}), writes pending folds and stops the worker. */
    public void close(Duration wait) {
        if (worker != null) {
            worker.shutdown();
            try {
                worker.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.shutdownNow();
        }
        synchronized (this) {
            flushFolds();
            if (!pending.isEmpty()) {
                LOG.log(Level.ERROR, pending.size() + " alerts were never recorded (the store was unavailable until shutdown)");
            }
        }
    }

    /** {@link #close(Duration)} with a 5 s wait. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Waits until every draft queued so far is recorded or kept for retry (tests and shutdown). */
    public void awaitQueued(Duration wait) throws InterruptedException {
        if (worker == null) {
            return;
        }
        var done = new java.util.concurrent.CountDownLatch(1);
        try {
            worker.execute(done::countDown);
        } catch (RejectedExecutionException e) {
            return;
        }
        done.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
