package dev.warden.server.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One listener of the live feed: a bounded queue the deciding threads add to without locks and
 * one writer thread takes from. When the queue is full a decision is not queued but counted as
 * skipped, so a slow or stalled client never holds up a decision, and never holds more than
 * {@code capacity} entries of memory.
 */
public final class FeedSubscriber {
    private final FeedFilter filter;
    private final int capacity;
    private final ConcurrentLinkedQueue<FeedEntry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private volatile Thread writer;
    private volatile boolean closed;

    /** A subscriber of the decisions {@code filter} passes, queueing at most {@code capacity}. */
    public FeedSubscriber(FeedFilter filter, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.filter = filter;
        this.capacity = capacity;
    }

    /** What it asked for. */
    public FeedFilter filter() {
        return filter;
    }

    /** Queues an entry, or counts it as skipped when the queue is full; never blocks. */
    void offer(FeedEntry entry) {
        offered.incrementAndGet();
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            skipped.incrementAndGet();
            return;
        }
        queue.add(entry);
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(writer);
        }
    }

    /**
     * Takes up to {@code max} queued entries, oldest first; when none are queued, waits for one
     * up to {@code wait} (then the list may be empty). Called by one writer thread only.
     */
    List<FeedEntry> take(int max, Duration wait) {
        writer = Thread.currentThread();
        List<FeedEntry> out = drain(max);
        if (!out.isEmpty()) {
            return out;
        }
        sleeping.set(true);
        if (queue.isEmpty() && !closed) {
            LockSupport.parkNanos(this, wait.toNanos());
        }
        sleeping.set(false);
        return drain(max);
    }

    private List<FeedEntry> drain(int max) {
        List<FeedEntry> out = new ArrayList<>();
        FeedEntry e;
        while (out.size() < max && (e = queue.poll()) != null) {
            size.decrementAndGet();
            out.add(e);
        }
        return out;
    }

    /** Ends it: its writer stops at its next turn (woken now if it waits). */
    void close() {
        closed = true;
        Thread w = writer;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Whether it was ended by the feed (the server is stopping). */
    boolean closed() {
        return closed;
    }

    /** The decisions not queued because the queue was full, since it subscribed. */
    public long skipped() {
        return skipped.get();
    }

    /** The decisions that passed its filter since it subscribed (queued or skipped). */
    public long offered() {
        return offered.get();
    }
}
