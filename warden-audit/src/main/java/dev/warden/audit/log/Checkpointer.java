package dev.warden.audit.log;

import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.NoteSigner;
import dev.warden.audit.note.SignedNote;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes signed checkpoints of the integrated tree following a {@link CheckpointPolicy}, and
 * stores them so old ones stay retrievable. {@link #start(ScheduledExecutorService)} asks
 * {@link #publishIfDue()} several times per interval on an executor ({@link #start()} on a thread
 * of its own); all time decisions use the injected clock.
 *
 * <p>Thread-safe.
 */
public final class Checkpointer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());
    private static final Duration MAX_TICK = Duration.ofMillis(200);

    private final TreeAuditStore tree;
    private final CheckpointStore store;
    private final String origin;
    private final CheckpointPolicy policy;
    private final Clock clock;
    private volatile NoteSigner signer;
    private boolean closed;
    private ScheduledFuture<?> task;
    private ScheduledExecutorService ownExecutor;

    /**
     * Creates a checkpointer; nothing is published until asked or started.
     *
     * @param tree   the tree to commit to
     * @param store  where checkpoints go
     * @param origin the checkpoints' origin line
     * @param signer the log key
     * @param policy when to publish
     * @param clock  time source
     */
    public Checkpointer(TreeAuditStore tree, CheckpointStore store, String origin, NoteSigner signer,
                        CheckpointPolicy policy, Clock clock) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.store = Objects.requireNonNull(store, "store");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The log key currently signing. */
    public NoteSigner signer() {
        return signer;
    }

    /** The origin line. */
    public String origin() {
        return origin;
    }

    /** Publishes a checkpoint if the policy says so (or if none was ever published). */
    public synchronized Optional<StoredCheckpoint> publishIfDue() {
        TreeHead head = tree.treeHead();
        Optional<StoredCheckpoint> latest = store.latest();
        if (latest.isPresent()) {
            StoredCheckpoint last = latest.get();
            long fresh = head.size() - last.size();
            if (fresh <= 0) {
                return Optional.empty();
            }
            boolean intervalPassed = !clock.instant().isBefore(last.time().plus(policy.interval()));
            if (fresh < policy.everyEntries() && !intervalPassed) {
                return Optional.empty();
            }
        }
        return Optional.of(sign(head));
    }

    /**
     * Publishes a checkpoint of the current tree now, unless the latest one already covers this
     * size with the current key (then returns that one).
     */
    public synchronized StoredCheckpoint publish() {
        TreeHead head = tree.treeHead();
        Optional<StoredCheckpoint> latest = store.latest();
        if (latest.isPresent() && latest.get().size() == head.size() && latest.get().keyId().equals(signer.verifier().keyId())) {
            return latest.get();
        }
        return sign(head);
    }

    /**
     * Switches to a new log key: the old public key is marked retired (it stays published), the
     * new one is published, and a checkpoint signed with the new key is published at once.
     */
    public synchronized StoredCheckpoint rotate(NoteSigner next) {
        Instant now = clock.instant();
        store.retireKey(signer.verifier().encode(), now);
        store.addKey(new LogKeyRecord(next.verifier().encode(), next.verifier().keyId(), now, Optional.empty()));
        signer = next;
        return sign(tree.treeHead());
    }

    /** Publishes the current key if it is not published yet (at startup). */
    public void publishKey() {
        NoteSigner s = signer;
        if (store.keys().stream().noneMatch(k -> k.verifierKey().equals(s.verifier().encode()))) {
            store.addKey(new LogKeyRecord(s.verifier().encode(), s.verifier().keyId(), clock.instant(), Optional.empty()));
        }
    }

    private StoredCheckpoint sign(TreeHead head) {
        NoteSigner s = signer;
        SignedNote note = new Checkpoint(origin, head.size(), head.root()).sign(s);
        return store.add(new StoredCheckpoint(0, head.size(), head.root(), s.verifier().keyId(), clock.instant(), note.format()));
    }

    /** Starts publishing on a daemon thread of its own, shut down by {@link #close()}. */
    public synchronized void start() {
        if (task != null || closed) {
            return;
        }
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("warden-audit-checkpointer").daemon(true).factory());
        ownExecutor = own;
        start(own);
    }

    /**
     * Asks {@link #publishIfDue()} several times per interval on {@code executor}; {@link #close()}
     * cancels that (the executor stays the caller's).
     */
    public synchronized void start(ScheduledExecutorService executor) {
        if (task != null || closed) {
            return;
        }
        long tickMillis = Math.max(10, Math.min(MAX_TICK.toMillis(), policy.interval().toMillis() / 4));
        task = executor.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void tick() {
        if (closed) {
            return;
        }
        try {
            publishIfDue();
        } catch (RuntimeException e) {
            // a failed publication is retried on the next tick; an exception would end the schedule
            LOG.log(Level.WARNING, "publishing an audit checkpoint failed; will retry", e);
        }
    }

    /** Stops the schedule; a publication in progress finishes first, none starts after. */
    @Override
    public void close() {
        ScheduledExecutorService own;
        synchronized (this) {
            closed = true;
            if (task != null) {
                task.cancel(false);
            }
            own = ownExecutor;
        }
        if (own != null) {
            own.shutdownNow();
            try {
                own.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
