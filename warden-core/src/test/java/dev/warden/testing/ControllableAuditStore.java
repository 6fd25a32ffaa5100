package dev.warden.testing;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.store.memory.InMemoryAuditStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link AuditStore} test double over {@link InMemoryAuditStore} that counts append batches,
 * can fail appends with {@code STORE_UNAVAILABLE}, and can hold the next append until released.
 */
public final class ControllableAuditStore implements AuditStore {
    private final InMemoryAuditStore delegate = new InMemoryAuditStore();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<String> appendThreads = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger failAfterCommitNext = new AtomicInteger();
    private volatile CountDownLatch entered;
    private volatile CountDownLatch hold;
    private volatile CountDownLatch released;

    /** Every append fails until {@link #recover()}. */
    public void failAlways() {
        failing.set(true);
    }

    public void recover() {
        failing.set(false);
    }

    /** The next {@code n} appends fail. */
    public void failNext(int n) {
        failNext.set(n);
    }

    /** The next {@code n} appends are stored and then reported as failed (an ambiguous commit). */
    public void failAfterCommitNext(int n) {
        failAfterCommitNext.set(n);
    }

    /** The next append blocks inside the store until {@link #release()}. */
    public void holdNextAppend() {
        entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        released = gate;
        hold = gate;
    }

    /** Waits until the held append has entered the store. */
    public void awaitHeld() throws InterruptedException {
        if (!entered.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("no append reached the store");
        }
    }

    /** Lets a held append continue; harmless when nothing is held. */
    public void release() {
        CountDownLatch gate = released;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Sizes of the batches that reached the store (including failed ones), in order. */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** Names of the threads that called {@link #append}, in order. */
    public List<String> appendThreads() {
        return List.copyOf(appendThreads);
    }

    @Override
    public AuditHead head() {
        return delegate.head();
    }

    @Override
    public void append(List<AuditRecord> batch) {
        batchSizes.add(batch.size());
        appendThreads.add(Thread.currentThread().getName());
        // decide whether this batch fails before holding it, so failures armed while it is held hit the next one
        boolean fail = failing.get() || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        CountDownLatch gate = hold;
        if (gate != null) {
            hold = null;
            entered.countDown();
            try {
                if (!gate.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("held append was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fail) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "audit database is down (test)");
        }
        delegate.append(batch);
        if (failAfterCommitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "connection lost after commit (test)");
        }
    }

    @Override
    public List<AuditRecord> read(AuditQuery query) {
        return delegate.read(query);
    }

    @Override
    public Optional<AuditRecord> findDecision(String decisionId) {
        return delegate.findDecision(decisionId);
    }

    @Override
    public boolean hasOutcome(String decisionId) {
        return delegate.hasOutcome(decisionId);
    }
}
