package dev.warden.server;

import dev.warden.approval.ApprovalService;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Expires approvals past their deadline ({@link ApprovalService#expireDue()}) every
 * {@code interval}, on one daemon thread: each gets its {@code approval.expired} record and whoever
 * waits for it (a held MCP call, a long-poll) stops waiting with a deny. The deadline is read from
 * the service's clock, so a test moving that clock sees approvals expire at the next sweep.
 */
final class ApprovalSweeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ApprovalSweeper.class.getName());
    /** How often the sweeper runs in the server. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final ScheduledExecutorService executor;

    private ApprovalSweeper(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts sweeping {@code approvals} every {@code interval}. */
    static ApprovalSweeper start(ApprovalService approvals, Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon(true).name("warden-approval-sweeper").factory());
        executor.scheduleWithFixedDelay(() -> sweep(approvals), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new ApprovalSweeper(executor);
    }

    private static void sweep(ApprovalService approvals) {
        try {
            approvals.expireDue();
        } catch (RuntimeException e) {
            // the store or audit log is failing: what was not expired now is expired at a later sweep
            LOG.log(Level.WARNING, "approval expiry sweep failed: " + e.getMessage());
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
