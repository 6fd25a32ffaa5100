package dev.warden.behavior;

import dev.warden.WardenException;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.GuardedDecisionPoint;
import dev.warden.decision.Reason;
import dev.warden.id.IdGenerator;
import dev.warden.outcome.RecordedOutcome;
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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Watches behaviour off the decision path. Recorded decisions and outcomes are handed to a bounded
 * queue ({@link #recorded}, {@link #outcome}); one monitor thread takes them in order, folds each
 * into the agent's {@link AgentBaseline}, runs the {@link Detector}s, writes each anomaly as a
 * durable {@code anomaly.detected} audit record and then hands it to the {@link AnomalySink}. A
 * full queue drops the event and counts it: the decision is never blocked or failed.
 *
 * <p>One anomaly per detector per agent (and tool) per the detector's window: a burst of calls
 * gives one anomaly, not one per call. Baselines are written to the {@link BaselineStore} every
 * {@link BehaviorConfig#snapshotEvery} of event time and on {@link #close}.
 */
public final class BehaviorMonitor implements GuardedDecisionPoint.DecisionListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BehaviorMonitor.class.getName());
    private static final int EVIDENCE = 10;
    private static final long IDLE_NANOS = 1_000_000;

    private final BehaviorConfig config;
    private final List<Detector> detectors;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Supplier<ToolCatalog> catalog;
    private final BaselineStore store;
    private volatile AnomalySink sink;
    private final Queue<BehaviorEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger(); // bounds the queue without a lock
    private final int capacity;
    private final Map<String, AgentBaseline> baselines = new HashMap<>(); // the monitor thread's only
    private final Map<String, AtomicLong> detectorFailures = new ConcurrentHashMap<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong anomalies = new AtomicLong();
    private final Object lock = new Object(); // serialises processing with snapshots and reads
    private Instant lastSnapshot;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts the monitor and loads the stored baselines.
     *
     * @param detectors the detectors, in the order they run; each runs with the settings of its id in
     *                  {@code config}, and not at all when that id has none or is disabled
     * @param sink      where recorded anomalies go
     */
    public BehaviorMonitor(BehaviorConfig config, List<Detector> detectors, AuditLog audit, IdGenerator ids,
                           Clock clock, Supplier<ToolCatalog> catalog, BaselineStore store, AnomalySink sink) {
        this.config = Objects.requireNonNull(config, "config");
        this.detectors = List.copyOf(detectors);
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.catalog = catalog;
        this.store = store;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.capacity = config.queueCapacity();
        for (Map.Entry<String, byte[]> e : store.loadAll().entrySet()) {
            try {
                baselines.put(e.getKey(), AgentBaseline.restore(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException bad) {
                LOG.log(Level.WARNING, "ignoring the stored baseline of " + e.getKey() + ": " + bad.getMessage());
            }
        }
        this.thread = Thread.ofPlatform().name("warden-behavior").daemon(true).start(this::run);
    }

    /** Replaces where anomalies go (the incident service wires itself here). */
    public void sink(AnomalySink next) {
        this.sink = Objects.requireNonNull(next, "sink");
    }

    /** The settings in force. */
    public BehaviorConfig config() {
        return config;
    }

    // ---- the decision side: quick, never blocks ----

    @Override
    public void recorded(DecisionRequest request, Decision decision, Instant at, long micros) {
        List<Reason> reasons = decision.reasons();
        List<String> codes = new ArrayList<>(reasons.size());
        for (Reason r : reasons) {
            codes.add(r.code());
        }
        offer(new BehaviorEvent.Decided(request.caller().agent(), request.caller().sessionId(), request.action(),
                request.resource().filter(r -> !r.isBlank()), request.args(), decision.wire(), codes, micros,
                impact(request), readOnly(request.action()), at, decision.id().value()));
    }

    /** Takes a recorded outcome ({@link dev.warden.outcome.OutcomeRecorder#addListener}). */
    public void outcome(RecordedOutcome o) {
        offer(new BehaviorEvent.Outcome(o.agent(), o.decision().value(), Optional.ofNullable(o.action()), o.failed(),
                o.at()));
    }

    /** Queues an event for the monitor; a full queue drops it and counts the drop. */
    public void offer(BehaviorEvent event) {
        // no lock and no wake-up signal: the monitor polls, so the deciding thread pays a CAS or two
        if (!running || queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        submitted.incrementAndGet();
        queue.offer(event);
    }

    private Optional<Double> impact(DecisionRequest request) {
        Optional<Tool> tool = catalog.get().find(request.action());
        if (tool.isEmpty() || tool.get().impactField().isEmpty()) {
            return Optional.empty();
        }
        return request.args().get(tool.get().impactField().get()) instanceof Number n
                ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    private boolean readOnly(String action) {
        return catalog.get().find(action).map(Tool::readOnly).orElse(false);
    }

    // ---- the monitor thread ----

    private void run() {
        while (running || !queue.isEmpty()) {
            BehaviorEvent e = queue.poll();
            if (e == null) {
                LockSupport.parkNanos(IDLE_NANOS); // idle: look again shortly (at most this much lag)
                continue;
            }
            queued.decrementAndGet();
            try {
                synchronized (lock) {
                    process(e);
                }
            } catch (RuntimeException failure) {
                LOG.log(Level.ERROR, "the behaviour monitor failed on an event of " + e.agent(), failure);
            } finally {
                processed.incrementAndGet();
            }
        }
    }

    /** Folds one event in and runs the detectors. */
    private void process(BehaviorEvent e) {
        AgentBaseline b = baselines.computeIfAbsent(e.agent(), AgentBaseline::new);
        boolean newTool = false;
        Optional<String> newClass = Optional.empty();
        if (e instanceof BehaviorEvent.Decided d) {
            newTool = !b.knowsTool(d.tool());
            newClass = d.resource().map(BehaviorMonitor::resourceClass).filter(b::learnClass);
            b.decided(d);
        } else if (e instanceof BehaviorEvent.Outcome o) {
            b.outcome(o);
        }
        boolean learned = b.learned(e.at(), config.learningPeriod(), config.learningOperations());
        for (Detector detector : detectors) {
            DetectorSettings s = config.detector(detector.id());
            if (s == null || !s.enabled()) {
                continue;
            }
            Optional<Finding> found;
            try {
                found = detector.inspect(new Observation(e, b, learned, newTool, newClass, s));
            } catch (RuntimeException failure) {
                long n = detectorFailures.computeIfAbsent(detector.id(), k -> new AtomicLong()).incrementAndGet();
                if (Long.bitCount(n) == 1) { // the 1st, 2nd, 4th, 8th... failure: logged, not flooded
                    LOG.log(Level.ERROR, "detector " + detector.id() + " failed (" + n + " times so far) on an event of "
                            + e.agent(), failure);
                }
                continue;
            }
            found.ifPresent(f -> raise(detector, s, b, e, f, learned));
        }
        maybeSnapshot(e.at());
    }

    /** The class of a resource: up to its first {@code :} or {@code /}. */
    static String resourceClass(String resource) {
        for (int i = 0; i < resource.length(); i++) {
            char c = resource.charAt(i);
            if (c == ':' || c == '/') {
                return resource.substring(0, i);
            }
        }
        return resource;
    }

    private void raise(Detector detector, DetectorSettings s, AgentBaseline b, BehaviorEvent e, Finding f,
                       boolean learned) {
        String key = detector.id() + "|" + f.tool().orElse("");
        Instant last = b.lastFired(key);
        if (last != null && e.at().isBefore(last.plus(s.window()))) {
            return; // one anomaly per detector per agent (and tool) per window
        }
        b.fired(key, e.at());
        boolean onlyRecord = detector.statistical() && !learned;
        List<String> evidence = new ArrayList<>(b.recentDecisions(EVIDENCE));
        if (!evidence.contains(e.decisionId())) {
            evidence.add(e.decisionId());
        }
        Anomaly anomaly = new Anomaly(ids.next("anm"), e.at(), e.agent(), f.tool(), detector.id(), detector.version(),
                onlyRecord ? AnomalySeverity.MINOR : s.severity(), f.observed(), f.baseline(), f.threshold(),
                onlyRecord ? f.summary() + " (while learning: recorded only)" : f.summary(), evidence, onlyRecord);
        try {
            audit.appendDurably(AuditEvent.forAgent("anomaly.detected", clock.instant(), e.agent(), anomaly.wire()));
        } catch (WardenException unrecorded) {
            LOG.log(Level.ERROR, "anomaly of " + e.agent() + " by " + detector.id() + " could not be recorded: "
                    + unrecorded.getMessage());
            return; // not recorded, not acted on
        }
        anomalies.incrementAndGet();
        try {
            sink.accept(anomaly);
        } catch (RuntimeException failure) {
            LOG.log(Level.ERROR, "the anomaly sink failed on " + anomaly.id(), failure);
        }
    }

    private void maybeSnapshot(Instant at) {
        if (lastSnapshot == null) {
            lastSnapshot = at;
        } else if (!at.isBefore(lastSnapshot.plus(config.snapshotEvery()))) {
            snapshotNow();
            lastSnapshot = at;
        }
    }

    private void snapshotNow() {
        Map<String, byte[]> batch = new LinkedHashMap<>();
        baselines.forEach((agent, b) -> {
            if (b.dirty()) {
                batch.put(agent, b.snapshot()); // only what changed: a snapshot round stays small between bursts
            }
        });
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.save(batch);
        } catch (RuntimeException failure) {
            LOG.log(Level.ERROR, "baselines could not be saved; they are kept in memory: " + failure.getMessage());
            batch.keySet().forEach(agent -> baselines.get(agent).changed());
        }
    }

    // ---- readers ----

    /**
     * Waits until every event queued before this call was processed: tests and simulations call it
     * to read a deterministic state. Returns at once on the monitor thread.
     */
    public void drain() {
        if (Thread.currentThread() == thread) {
            return; // a sink asking would wait for itself
        }
        long target = submitted.get();
        while (processed.get() < target && thread.isAlive()) {
            LockSupport.parkNanos(50_000);
        }
    }

    /** The agent's baseline as shown by the API, if the monitor saw it. */
    public Optional<Map<String, Object>> baseline(String agent) {
        synchronized (lock) {
            AgentBaseline b = baselines.get(agent);
            if (b == null) {
                return Optional.empty();
            }
            Map<String, Object> v = b.view(clock.instant(), config.learningPeriod(), config.learningOperations());
            v.put("monitor", stats());
            return Optional.of(v);
        }
    }

    /**
     * What the agent's baseline expects in each of {@code hours} consecutive hours from
     * {@code from} (truncated to its hour): calls per hour and their standard deviation; empty when
     * the monitor has not seen the agent.
     */
    public Optional<List<ExpectedRate>> expectedRates(String agent, Instant from, int hours) {
        Instant start = from.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        synchronized (lock) {
            AgentBaseline b = baselines.get(agent);
            if (b == null) {
                return Optional.empty();
            }
            List<ExpectedRate> out = new ArrayList<>(hours);
            for (int h = 0; h < hours; h++) {
                Instant at = start.plusSeconds(3600L * h);
                out.add(new ExpectedRate(at, b.expectedPerHour(at), b.sigmaPerHour(at)));
            }
            return Optional.of(out);
        }
    }

    /**
     * Whether the agent's baseline has finished learning (watched for the learning period or its
     * number of operations); empty when the monitor has not seen the agent.
     */
    public Optional<Boolean> learned(String agent) {
        synchronized (lock) {
            AgentBaseline b = baselines.get(agent);
            return b == null ? Optional.empty()
                    : Optional.of(b.learned(clock.instant(), config.learningPeriod(), config.learningOperations()));
        }
    }

    /** Writes every baseline to the store now. */
    public void snapshot() {
        synchronized (lock) {
            snapshotNow();
        }
    }

    /** Counters of the monitor: queued, processed, dropped, anomalies, detector failures, lag. */
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("queued", submitted.get() - processed.get());
        m.put("processed", processed.get());
        m.put("dropped", dropped.get());
        m.put("anomalies", anomalies.get());
        Map<String, Long> failures = new LinkedHashMap<>();
        detectorFailures.forEach((k, v) -> failures.put(k, v.get()));
        m.put("detector_failures", failures);
        return m;
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Events processed. */
    public long processed() {
        return processed.get();
    }

    /** Events waiting. */
    public long backlog() {
        return submitted.get() - processed.get();
    }

    /** Failures of one detector so far. */
    public long detectorFailures(String id) {
        AtomicLong n = detectorFailures.get(id);
        return n == null ? 0 : n.get();
    }

    /** Agents with a baseline. */
    public int agents() {
        synchronized (lock) {
            return baselines.size();
        }
    }

    /** Processes what is queued, stops the thread and writes the baselines to the store. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        snapshot();
    }
}
