package dev.warden.behavior;

import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.catalog.ToolCatalog;
import dev.warden.id.IdGenerator;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** A monitor fed with synthetic events on a clock the test moves. */
final class MonitorFixture implements AutoCloseable {
    /** Monday 2026-11-02 00:00 UTC. */
    static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");

    final MutableClock clock = new MutableClock(MONDAY);
    final InMemoryAuditStore auditStore = new InMemoryAuditStore();
    final GroupCommitAuditLog audit = new GroupCommitAuditLog(auditStore, Duration.ofSeconds(5), 4096);
    final List<Anomaly> anomalies = new CopyOnWriteArrayList<>();
    final BaselineStore store;
    final BehaviorMonitor monitor;
    private final ToolCatalog catalog = Fixtures.catalog();
    private int seq;

    MonitorFixture(BehaviorConfig config) {
        this(config, Detectors.all(), new dev.warden.store.memory.InMemoryBaselineStore());
    }

    MonitorFixture(BehaviorConfig config, List<Detector> detectors, BaselineStore store) {
        this.store = store;
        this.monitor = new BehaviorMonitor(config, detectors, audit, new IdGenerator(new Random(1)), clock,
                () -> catalog, store, anomalies::add);
    }

    /** One decision of {@code agent} at the clock's time. */
    String decide(String agent, String tool, String resource, String decision) {
        return decideWith(agent, tool, resource, decision);
    }

    /** One decision of {@code agent} at the clock's time, with these reason codes. */
    String decideWith(String agent, String tool, String resource, String decision, String... codes) {
        String id = "dec_" + (++seq);
        monitor.offer(new BehaviorEvent.Decided(agent, "s-" + agent, tool, Optional.ofNullable(resource), java.util.Map.of(), decision,
                List.of(codes), 40, Optional.empty(), tool.endsWith(".read"), clock.instant(), id));
        if (seq % 10_000 == 0) {
            monitor.drain(); // keep the queue from filling: the test feeds faster than real time
        }
        return id;
    }

    /** An outcome of {@code decision}. */
    void outcome(String agent, String decision, String tool, boolean failed) {
        monitor.offer(new BehaviorEvent.Outcome(agent, decision, Optional.of(tool), failed, clock.instant()));
    }

    /** {@code n} allowed calls with completed outcomes spread evenly over the next {@code over}. */
    void steady(String agent, String tool, int n, Duration over) {
        long step = over.toMillis() / Math.max(1, n);
        for (int i = 0; i < n; i++) {
            String d = decide(agent, tool, "sku:" + (i % 5), "allow");
            outcome(agent, d, tool, false);
            clock.advance(Duration.ofMillis(step));
        }
        long rest = over.toMillis() - step * n;
        clock.advance(Duration.ofMillis(rest));
    }

    /** The anomalies after processing everything, not counting those recorded while learning. */
    List<Anomaly> counted() {
        monitor.drain();
        List<Anomaly> out = new ArrayList<>();
        for (Anomaly a : anomalies) {
            if (!a.learning()) {
                out.add(a);
            }
        }
        return out;
    }

    List<Anomaly> all() {
        monitor.drain();
        return List.copyOf(anomalies);
    }

    @Override
    public void close() {
        monitor.close();
        audit.close();
    }
}
