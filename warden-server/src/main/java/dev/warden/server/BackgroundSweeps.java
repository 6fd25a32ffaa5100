package dev.warden.server;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's periodic work on one daemon thread: approval expiry every second, the promotion
 * eligibility check every few minutes. A failing sweep is logged and tried again at its next turn.
 */
final class BackgroundSweeps implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BackgroundSweeps.class.getName());

    /**
     * One periodic task.
     *
     * @param name     for the log
     * @param interval the delay between the end of one run and the start of the next
     * @param task     the work
     */
    record Sweep(String name, Duration interval, Runnable task) {
    }

    private final ScheduledExecutorService executor;

    private BackgroundSweeps(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts every sweep, each first after its interval. */
    static BackgroundSweeps start(List<Sweep> sweeps) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon(true).name("warden-sweeps").factory());
        for (Sweep s : sweeps) {
            long ms = s.interval().toMillis();
            executor.scheduleWithFixedDelay(() -> run(s), ms, ms, TimeUnit.MILLISECONDS);
        }
        return new BackgroundSweeps(executor);
    }

    private static void run(Sweep s) {
        try {
            s.task().run();
        } catch (RuntimeException e) {
            // the store or audit log is failing: what this run did not do, a later one does
            LOG.log(Level.WARNING, s.name() + " sweep failed: " + e.getMessage());
        }
    }

    /** Stops sweeping, letting a sweep under way finish. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
