package dev.warden.bench;

import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.behavior.BehaviorEvent;
import dev.warden.behavior.BehaviorMonitor;
import dev.warden.behavior.Detectors;
import dev.warden.catalog.ToolCatalog;
import dev.warden.id.IdGenerator;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.store.memory.InMemoryBaselineStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Can the behaviour monitor keep up? Feeds it recorded decisions (and an outcome for every second
 * one) at a fixed rate from one producer, open loop, spread over 10,000 agents, and reports the
 * largest backlog as a lag in seconds, drops, and the heap each agent's baseline takes.
 *
 * <p>{@code java -cp $J dev.warden.bench.BehaviorMonitorRun [rate=20000] [seconds=20] [agents=10000]}
 */
public final class BehaviorMonitorRun {
    private BehaviorMonitorRun() {
    }

    /** Runs it. */
    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int agents = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        String[] names = new String[agents];
        for (int i = 0; i < agents; i++) {
            names[i] = "agent-" + i;
        }
        String[] tools = {"inventory.read", "inventory.update", "customer.reply", "refund.process", "payment.read"};
        GroupCommitAuditLog audit = new GroupCommitAuditLog(new InMemoryAuditStore(), Duration.ofSeconds(5), 65_536);
        ToolCatalog catalog = Quickstart.load().catalog();
        AtomicLong anomalies = new AtomicLong();

        InMemoryBaselineStore baselines = new InMemoryBaselineStore();
        long heapBefore = usedHeap();
        BehaviorMonitor monitor = new BehaviorMonitor(BehaviorConfig.DEFAULTS, Detectors.all(), audit,
                new IdGenerator(new Random(1)), Clock.systemUTC(), () -> catalog, baselines,
                a -> anomalies.incrementAndGet());
        Random random = new Random(7);
        // warm every agent first: a day of history each, so the heap figure is of full baselines
        Instant t = Instant.now().minus(Duration.ofDays(1));
        for (int h = 0; h < 24; h++) {
            for (int i = 0; i < agents; i++) {
                for (int k = 0; k < 3; k++) {
                    monitor.offer(event(names[i], tools[random.nextInt(tools.length)], random, t.plusSeconds(h * 3600L + k)));
                }
            }
            monitor.drain();
        }
        long heapAfter = usedHeap();
        long perAgent = (heapAfter - heapBefore) / agents;
        long warmAnomalies = anomalies.get();
        monitor.snapshot();
        long snapshotBytes = baselines.loadAll().values().stream().mapToLong(b -> b.length).sum();

        long processedBefore = monitor.processed();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long next = start;
        long maxBacklog = 0;
        long sent = 0;
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int burst = 0; burst < 50; burst++) { // pace in bursts of 50 to keep the producer cheap
                String agent = names[random.nextInt(agents)];
                BehaviorEvent.Decided d = event(agent, tools[random.nextInt(tools.length)], random, Instant.now());
                monitor.offer(d);
                if ((sent & 1) == 0) {
                    monitor.offer(new BehaviorEvent.Outcome(agent, d.decisionId(), Optional.of(d.tool()),
                            random.nextInt(50) == 0, d.at()));
                }
                sent++;
            }
            maxBacklog = Math.max(maxBacklog, monitor.backlog());
            next += interval * 50;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        long fed = System.nanoTime();
        monitor.drain();
        double drainSeconds = (System.nanoTime() - fed) / 1e9;
        double achieved = sent / ((fed - start) / 1e9);
        double eventsPerSecond = (monitor.processed() - processedBefore) / ((System.nanoTime() - start) / 1e9);
        System.out.printf("decisions offered: %d in %d s (%.0f/s) + outcomes for half of them%n", sent, seconds, achieved);
        System.out.printf("events processed: %.0f/s; largest backlog: %d events = %.3f s of lag; drained %.3f s after the end%n",
                eventsPerSecond, maxBacklog, maxBacklog / (achieved * 1.5), drainSeconds);
        System.out.printf("dropped: %d; anomalies: %d; agents: %d%n", monitor.dropped(), anomalies.get(), monitor.agents());
        System.out.printf("heap per agent baseline: ~%d bytes (%d agents, %.1f MB, including the in-memory audit "
                + "records of the %d anomalies of the warm-up); snapshot per agent: %d bytes%n", perAgent, agents,
                (heapAfter - heapBefore) / 1e6, warmAnomalies, snapshotBytes / agents);
        monitor.snapshot();
        monitor.close();
        audit.close();
    }

    private static BehaviorEvent.Decided event(String agent, String tool, Random random, Instant at) {
        return new BehaviorEvent.Decided(agent, "ses", tool, Optional.of("sku:" + random.nextInt(200)), Map.of(),
                random.nextInt(20) == 0 ? "deny" : "allow", List.of(), 30 + random.nextInt(40), Optional.empty(),
                tool.endsWith(".read"), at, "dec_" + random.nextLong());
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
