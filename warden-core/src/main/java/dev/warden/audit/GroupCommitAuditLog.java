package dev.warden.audit;

import static dev.warden.audit.AuditBatchWriter.unavailable;

import dev.warden.WardenException;
import dev.warden.audit.AuditBatchWriter.Committed;
import dev.warden.audit.AuditBatchWriter.Pending;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link AuditLog} that batches concurrent appends into one store transaction (group commit).
 *
 * <p>A writer thread takes every queued event, assigns consecutive sequence numbers,
 * builds the canonical entries and hashes, appends the batch with {@link AuditStore#append} and
 * only then completes the callers' futures. If a batch fails, every event in it fails and the
 * writer re-reads the store's head, so sequence numbers stay gap-free. A full queue or a closed
 * log fails the append at once (callers deny), it never blocks indefinitely.
 *
 * <p>{@link #appendDeferred deferred} events wait in a queue of their own that does not wake the
 * writer: they go into the next batch that something else triggers, or into a batch of their own
 * once the flush interval has passed, whichever comes first.
 *
 * <p><b>Order.</b> Events are numbered in the order they were queued: an event leaves its queue
 * only into a batch being written (with the commit lock held), never into a thread's hands while
 * another batch may be written first. (Deferred events, in their own queue, go first in the
 * batch they join.)
 *
 * <p><b>Caller commits.</b> An {@link #appendDurably} caller that finds no batch being written
 * writes whatever is queued and then its own event, on its own thread: no hand-off to the
 * writer and back, which on a busy machine costs two thread wake-ups per decision, each a chance to
 * wait for a core. Batches stay strictly one at a time (one lock), so sequence numbers and the
 * hash chain are assigned exactly as by the writer. Such a caller cannot be timed out while it is
 * inside the store, so a commit that takes longer than a tenth of the acknowledgement timeout, or
 * fails, turns caller commits off: every event then goes through the writer thread, with the
 * timeouts described at {@link #appendDurably}, until the writer's next prompt commit. A store
 * that stalls therefore holds at most the one caller already inside it; everyone after it is
 * answered (denied) within the timeout. Store housekeeping ({@link AuditStore#afterBatch}) always
 * runs on the writer thread, never on a caller's.
 *
 * <p><b>Changes.</b> An event appended with {@link #appendDurably(AuditEvent, AuditedChange)}
 * carries the change it records. The change is applied while its batch is built, with the commit
 * lock held, so changes through one log never interleave: a change refused there (it no longer
 * applies) gets no record. A batch with changes goes to the store through
 * {@link AuditStore#appendWithChanges}: the changes of stores that share the audit store's
 * transaction commit with the records or roll back with them; the others are reverted, in reverse
 * order and before the next batch, when the batch fails, unless the store's head shows the batch
 * was committed after all (then its records stand, and so do its changes).
 *
 * <p>This class queues events and decides which thread commits when; building, hashing and
 * appending a batch, with its changes, is {@link AuditBatchWriter}'s.
 */
public final class GroupCommitAuditLog implements AuditLog, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GroupCommitAuditLog.class.getName());
    private static final int MAX_BATCH = 512;
    /** How long a deferred event waits for a batch to join, unless configured otherwise. */
    public static final long DEFAULT_FLUSH_MILLIS = 20;
    private final AuditStore store;
    private final Duration ackTimeout;
    private final BlockingQueue<Pending> queue;
    private final BlockingQueue<Pending> deferred;
    private final long flushNanos;
    private final AuditBatchWriter batches;
    private final Thread writer;
    /** Set by the writer thread while it parks waiting for work; enqueuers then unpark it. */
    private volatile boolean writerParked;
    private volatile boolean closed;
    /** Held while a batch is written: by the writer thread, or by a caller writing its own event. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Whether {@link #appendDurably} callers may write their own batch (off after a slow or failed commit). */
    private volatile boolean callerCommits = true;
    /** A commit slower than this turns caller commits off. */
    private final long slowCommitNanos;
    /** A batch was written; the writer thread owes the store its {@link AuditStore#afterBatch}. */
    private volatile boolean housekeepingDue;

    /**
     * Starts the writer with a deferred-event flush interval of {@value #DEFAULT_FLUSH_MILLIS} ms.
     *
     * @param store         where records go
     * @param ackTimeout    how long {@link #appendDurably} waits before failing
     * @param queueCapacity how many events may wait for the writer (and, separately, how many
     *                      deferred events)
     */
    public GroupCommitAuditLog(AuditStore store, Duration ackTimeout, int queueCapacity) {
        this(store, ackTimeout, queueCapacity, Duration.ofMillis(DEFAULT_FLUSH_MILLIS));
    }

    /**
     * Starts the writer.
     *
     * @param store         where records go
     * @param ackTimeout    how long {@link #appendDurably} waits before failing
     * @param queueCapacity how many events may wait for the writer (and, separately, how many
     *                      deferred events)
     * @param flushInterval the longest a deferred event waits for a batch to join
     */
    public GroupCommitAuditLog(AuditStore store, Duration ackTimeout, int queueCapacity, Duration flushInterval) {
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive");
        }
        this.store = store;
        this.ackTimeout = ackTimeout;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.deferred = new ArrayBlockingQueue<>(queueCapacity);
        this.flushNanos = flushInterval.toNanos();
        this.slowCommitNanos = ackTimeout.toNanos() / 10;
        this.batches = new AuditBatchWriter(store);
        this.writer = Thread.ofPlatform().name("warden-audit-writer").daemon(true).unstarted(this::run);
        writer.start();
    }

    /** With a 5 s acknowledgement timeout and room for 65,536 waiting events. */
    public GroupCommitAuditLog(AuditStore store) {
        this(store, Duration.ofSeconds(5), 65_536);
    }

    /**
     * Sets the key of masked fields ({@link AuditEvent#withSensitive}): Warden's masking key, so
     * masked values are stable across restarts. Until set, a random key of this process.
     */
    public void maskingKey(dev.warden.scan.MaskingKey key) {
        batches.maskingKey = java.util.Objects.requireNonNull(key, "key");
    }

    @Override
    public CompletableFuture<AuditReceipt> append(AuditEvent event) {
        return enqueue(queue, new Pending(event)).receipt();
    }

    @Override
    public CompletableFuture<AuditReceipt> appendDeferred(AuditEvent event) {
        return enqueue(deferred, new Pending(event)).receipt();
    }

    private Pending enqueue(BlockingQueue<Pending> into, Pending p) {
        if (closed) {
            p.receipt().completeExceptionally(unavailable("audit log is closed", null));
        } else if (!into.offer(p)) {
            p.receipt().completeExceptionally(unavailable("audit queue is full", null));
        } else if (into == queue && writerParked) {
            LockSupport.unpark(writer);
        }
        return p;
    }

    /**
     * {@inheritDoc}
     *
     * <p>When it fails, the event is not in the log and will not be written later: an event still
     * queued when the acknowledgement timeout passes is withdrawn, and one the writer has already
     * taken is waited for up to one more timeout, so its commit decides the answer. Only a store
     * that hangs inside that commit for longer than both timeouts could still write an event whose
     * caller was told it failed; that case is logged as an error.
     *
     * <p>When no batch is being written, the caller writes its event itself (see the class
     * documentation) and its answer is that commit's outcome.
     */
    @Override
    public AuditReceipt appendDurably(AuditEvent event) {
        return durably(event, null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Waits like {@link #appendDurably(AuditEvent)}; the change is applied in the record's batch
     * (see the class documentation). An event withdrawn at the timeout never had its change applied.
     */
    @Override
    public Optional<AuditReceipt> appendDurably(AuditEvent event, AuditedChange change) {
        return Optional.ofNullable(durably(event, java.util.Objects.requireNonNull(change, "change")));
    }

    /** Appends durably; null when the event's change was refused. */
    private AuditReceipt durably(AuditEvent event, AuditedChange change) {
        if (callerCommits && commitLock.tryLock()) {
            try {
                if (!closed) {
                    Pending own = new Pending(event, change);
                    long started = System.nanoTime();
                    List<Pending> batch = collect();
                    // every event queued before this call is in the batch unless it hit the limit;
                    // then the own event goes to the back of the queue, behind the rest of them
                    boolean room = batch.size() < MAX_BATCH;
                    if (room) {
                        batch.add(own);
                    }
                    Committed c = batches.write(batch);
                    if (c.written() < 0 || System.nanoTime() - started > slowCommitNanos) {
                        callerCommits = false; // until the writer commits promptly again
                    }
                    housekeepingDue = true;
                    commitLock.unlock();
                    c.acknowledge(); // the others in the batch, woken once the lock is free
                    if (room) {
                        return answer(own);
                    }
                    return awaitWriter(enqueue(queue, own), event);
                }
            } finally {
                if (commitLock.isHeldByCurrentThread()) {
                    commitLock.unlock();
                }
            }
        }
        return awaitWriter(enqueue(queue, new Pending(event, change)), event);
    }

    /** Waits for the writer thread to commit a queued event, withdrawing it after the timeout. */
    private AuditReceipt awaitWriter(Pending p, AuditEvent event) {
        try {
            try {
                return p.receipt().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (p.withdraw()) {
                    throw unavailable("audit append timed out after " + ackTimeout.toMillis()
                            + " ms; the event was withdrawn and will not be written", e);
                }
                try {
                    return p.receipt().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException again) {
                    LOG.log(Level.ERROR, "audit event '" + event.kind() + "'" + (event.decisionId() == null ? ""
                            : " of decision " + event.decisionId()) + " is still being committed after "
                            + 2 * ackTimeout.toMillis() + " ms; its caller is told it failed, but the store may still write it");
                    throw unavailable("audit append timed out after " + 2 * ackTimeout.toMillis() + " ms", again);
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WardenException w) {
                throw w;
            }
            throw unavailable("audit append failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.withdraw();
            throw unavailable("interrupted while waiting for the audit log", e);
        }
    }

    /** The outcome of a caller's own commit, which has completed. */
    private static AuditReceipt answer(Pending own) {
        try {
            return own.receipt().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof WardenException w) {
                throw w;
            }
            throw unavailable("audit append failed", e.getCause());
        }
    }

    /**
     * A batch (taken with {@link #commitLock} held): the deferred events waiting, then the queued
     * events in the order they were queued, up to the batch limit. An event leaves the queue only
     * into a batch being written, so a later batch never holds an event queued before one of an
     * earlier batch.
     */
    private List<Pending> collect() {
        List<Pending> batch = new ArrayList<>();
        deferred.drainTo(batch, MAX_BATCH / 2);
        queue.drainTo(batch, MAX_BATCH - batch.size());
        return batch;
    }

    private void run() {
        while (!closed || !queue.isEmpty() || !deferred.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (!awaitWork()) {
                housekeeping();
                continue;
            }
            Committed c;
            commitLock.lock();
            try {
                long started = System.nanoTime();
                c = batches.write(collect()); // may be empty: a caller took the events meanwhile
                if (c.written() > 0 && System.nanoTime() - started <= slowCommitNanos) {
                    callerCommits = true; // the store answers promptly again
                }
                if (c.written() != 0) {
                    housekeepingDue = true;
                }
            } finally {
                commitLock.unlock();
            }
            c.acknowledge(); // with the lock free, so a woken caller can commit its next event itself
            housekeeping();
        }
        Pending left;
        while ((left = queue.poll()) != null || (left = deferred.poll()) != null) {
            left.receipt().completeExceptionally(unavailable("audit log is closed", null));
        }
    }

    /**
     * Parks the writer until an event is queued, or a deferred event has waited one flush
     * interval, or the log closes. The events stay in their queues (they are taken only with the
     * commit lock held, see {@link #collect}).
     *
     * @return whether there is something to write
     */
    private boolean awaitWork() {
        long deadline = System.nanoTime() + flushNanos;
        while (queue.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return !deferred.isEmpty(); // waiting at most one flush interval bounds a deferred event's wait
            }
            writerParked = true;
            if (queue.isEmpty() && !closed) { // re-checked after announcing the park: no lost wake-up
                LockSupport.parkNanos(this, left);
            }
            writerParked = false;
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return !queue.isEmpty() || !deferred.isEmpty();
    }

    /** Runs the store's housekeeping a caller's batch left due (the writer thread only). */
    private void housekeeping() {
        if (!housekeepingDue) {
            return;
        }
        commitLock.lock();
        try {
            housekeepingDue = false;
            afterBatch();
        } finally {
            commitLock.unlock();
        }
    }

    private void afterBatch() {
        try {
            store.afterBatch();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit store housekeeping after a batch failed: " + e.getMessage());
        }
    }
    /** Writes what is queued (deferred events too), then stops the writer; later appends fail. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(ackTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
