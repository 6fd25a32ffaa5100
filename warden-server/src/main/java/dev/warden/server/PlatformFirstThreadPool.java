package dev.warden.server;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.eclipse.jetty.util.thread.TryExecutor;

/**
 * Jetty's thread pool for the server: each task runs on one of a few platform threads when one of
 * them is idle at that moment, otherwise on a new virtual thread.
 *
 * <p>Why both. A request on a platform thread that blocks on a socket (the upstream's answer to a
 * forwarded tool call) or on a lock (its durable audit record) sleeps in the kernel and is woken
 * there directly; the same request on a virtual thread parks, has its socket registered with the
 * JDK's poller, and is woken through the poller and a carrier thread: several more thread
 * hand-offs per call, which on a small machine is most of what a governed call costs (measured in
 * {@code docs/benchmarks.md}). But a request may also wait a long time: a call held for an
 * operator's approval, a slow tool, an SSE stream. With platform threads alone, enough such
 * requests would take every thread and leave none for the kill switch. Here they cannot: a task
 * that finds no idle platform thread never waits for one, it starts on a virtual thread, so
 * however many requests are waiting the next one is served at once.
 *
 * <p>The hand-over is a {@link LinkedTransferQueue} used only through {@code tryTransfer}, which
 * succeeds only when a platform thread is already waiting in {@code take}: a task is never queued
 * behind a busy one.
 */
final class PlatformFirstThreadPool extends AbstractLifeCycle implements ThreadPool, TryExecutor {
    private static final System.Logger LOG = System.getLogger(PlatformFirstThreadPool.class.getName());

    private final String name;
    private final int platformThreads;
    private final LinkedTransferQueue<Runnable> handOver = new LinkedTransferQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ThreadFactory virtualThreads;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger virtualRuns = new AtomicInteger();

    /**
     * @param name prefix of the threads' names
     * @param platformThreads how many platform threads to keep (at least 1)
     */
    PlatformFirstThreadPool(String name, int platformThreads) {
        if (platformThreads < 1) {
            throw new IllegalArgumentException("platformThreads must be at least 1, was " + platformThreads);
        }
        this.name = name;
        this.platformThreads = platformThreads;
        this.virtualThreads = Thread.ofVirtual().name(name + "-v", 0).factory();
    }

    @Override
    protected void doStart() {
        synchronized (workers) {
            for (int i = 0; i < platformThreads; i++) {
                Thread t = Thread.ofPlatform().daemon(true).name(name + "-p" + i).unstarted(this::work);
                workers.add(t);
                t.start();
            }
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        List<Thread> stopping;
        synchronized (workers) {
            stopping = List.copyOf(workers);
            workers.clear();
        }
        stopping.forEach(Thread::interrupt);
        for (Thread t : stopping) {
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** Runs the task on an idle platform thread if one is waiting right now, else on a new virtual thread. */
    @Override
    public void execute(Runnable task) {
        if (!isRunning() || !handOver.tryTransfer(task)) {
            virtualRuns.incrementAndGet();
            virtualThreads.newThread(() -> run(task)).start();
        }
    }

    /**
     * Runs the task on an idle platform thread if one is waiting right now; false (and nothing run)
     * otherwise. Jetty's selector uses this to hand its own job, selecting, to another thread and
     * run the request it just read itself: the request starts on the thread that is already awake,
     * without waiting for another to be woken and scheduled.
     */
    @Override
    public boolean tryExecute(Runnable task) {
        return isRunning() && handOver.tryTransfer(task);
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            Runnable task;
            try {
                task = handOver.take();
            } catch (InterruptedException e) {
                return;
            }
            run(task);
            Thread.interrupted(); // an interrupt meant for the task must not end the worker; stop() interrupts again
            if (!isRunning()) {
                return;
            }
        }
    }

    private void run(Runnable task) {
        running.incrementAndGet();
        try {
            task.run();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "task in " + name + " failed", t);
        } finally {
            running.decrementAndGet();
        }
    }

    /** Tasks that have run on virtual threads so far (none was idle on a platform thread). */
    int virtualRuns() {
        return virtualRuns.get();
    }

    @Override
    public void join() throws InterruptedException {
        List<Thread> current;
        synchronized (workers) {
            current = List.copyOf(workers);
        }
        for (Thread t : current) {
            t.join();
        }
    }

    /** Tasks running now, on either kind of thread. */
    @Override
    public int getThreads() {
        return running.get();
    }

    /** Platform threads waiting for a task now. */
    @Override
    public int getIdleThreads() {
        return handOver.getWaitingConsumerCount();
    }

    /** Never: a task that finds no platform thread idle gets a virtual one. */
    @Override
    public boolean isLowOnThreads() {
        return false;
    }
}
