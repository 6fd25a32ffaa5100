package dev.warden.audit.log;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.Warden;
import dev.warden.WardenException;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.export.ExportFormat;
import dev.warden.audit.export.ExportRequest;
import dev.warden.audit.export.ExportSummary;
import dev.warden.audit.export.LineSink;
import dev.warden.audit.export.LogExporter;
import dev.warden.audit.merkle.ConsistencyProof;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.InclusionProof;
import dev.warden.audit.merkle.MissingNodeException;
import dev.warden.audit.merkle.TreeReader;
import dev.warden.audit.note.NoteSigner;
import dev.warden.audit.note.NoteVerifier;
import dev.warden.audit.siem.SiemForwarder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The verifiable audit log over its store SPIs ({@link LogStores}): validates the stored log when
 * opened, holds the log key, publishes signed checkpoints, answers inclusion and consistency
 * proofs, exports, rotates the key, prunes, and forwards to a SIEM when given a forwarder. The
 * server runs one over its SQLite stores; an embedded {@link Warden} gets the same over
 * {@link InMemoryLogStore} or any other implementation of the SPIs:
 *
 * <pre>{@code
 * InMemoryLogStore store = new InMemoryLogStore();
 * try (VerifiableLog log = VerifiableLog.builder(LogStores.of(store), "example.com/audit").open();
 *      Warden warden = Warden.builder().stores(agents, approvals, store)...build()) {
 *     log.start(warden);
 *     StoredCheckpoint cp = log.checkpoint();
 * }
 * }</pre>
 *
 * <p>The log is not part of {@link Warden.Builder} because warden-audit depends on warden-core;
 * {@link #start(Warden)} ties the two together (the Warden must write to {@link LogStores#tree()}).
 */
public final class VerifiableLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VerifiableLog.class.getName());
    /** Warden's version in exports. */
    public static final String VERSION = "0.1.0";

    private final LogStores stores;
    private final String origin;
    private final LogKeySource keys;
    private final Clock clock;
    private final Checkpointer checkpointer;
    private final Optional<ScheduledExecutorService> scheduler;
    private final Optional<SiemForwarder> siem;
    private Warden warden;

    private VerifiableLog(Builder b, Checkpointer checkpointer) {
        this.stores = b.stores;
        this.origin = b.origin;
        this.keys = b.keys;
        this.clock = b.clock;
        this.scheduler = b.scheduler;
        this.siem = b.siem;
        this.checkpointer = checkpointer;
    }

    /**
     * A builder of the log over {@code stores}, with checkpoints of origin {@code origin} (also the
     * log key's name).
     */
    public static Builder builder(LogStores stores, String origin) {
        return new Builder(stores, origin);
    }

    /** Recomputes and checks the whole stored log. */
    static void validate(LogStores stores) {
        long start = System.nanoTime();
        LogValidation v = new LogValidator(stores.tree(), stores.checkpoints(), stores.retention())
                .onProgress(n -> {
                    if (n % 1_000_000 == 0) {
                        LOG.log(Level.INFO, "validating the audit log: " + n + " entries checked");
                    }
                })
                .validate();
        if (v instanceof LogValidation.Corrupt c) {
            throw new AuditLogCorruptException(c.index(), c.message() + "; refusing to start. Investigate with "
                    + "'warden audit verify' on an earlier export, or restore the database from a backup");
        }
        LogValidation.Valid ok = (LogValidation.Valid) v;
        LOG.log(Level.INFO, String.format("audit log valid: %d entries from index %d, root %s, %d checkpoints (%.1f s)",
                ok.size() - ok.firstIndex(), ok.firstIndex(), ok.root().hex(), ok.checkpoints(),
                (System.nanoTime() - start) / 1e9));
    }

    /**
     * Publishes the first checkpoint if due, starts the checkpoint scheduler and the SIEM forwarder.
     * Key rotations and prunes are recorded through {@code running}'s audit log.
     *
     * @throws IllegalArgumentException if {@code running} does not write to this log's tree store
     */
    public synchronized void start(Warden running) throws IOException {
        if (running.auditStore() != stores.tree()) {
            throw new IllegalArgumentException("the Warden writes to another audit store than this log's tree store");
        }
        this.warden = running;
        checkpointer.publishIfDue();
        if (scheduler.isPresent()) {
            checkpointer.start(scheduler.get());
        } else {
            checkpointer.start();
        }
        if (siem.isPresent()) {
            if (scheduler.isPresent()) {
                siem.get().start(scheduler.get());
            } else {
                siem.get().start();
            }
        }
    }

    /** The checkpoints' origin line. */
    public String origin() {
        return origin;
    }

    /** The public half of the key signing now. */
    public NoteVerifier verifier() {
        return checkpointer.signer().verifier();
    }

    /** The current tree size and root. */
    public TreeHead treeHead() {
        return stores.tree().treeHead();
    }

    /** The latest checkpoint; publishes one first when entries arrived since. */
    public StoredCheckpoint checkpoint() {
        return checkpointer.publish();
    }

    /**
     * The inclusion proof of leaf {@code index} in the tree of {@code size}.
     *
     * @throws WardenException {@code invalid_field} for bad bounds, {@code entry_pruned} for pruned leaves
     */
    public InclusionProof inclusion(long index, long size) {
        long current = treeHead().size();
        if (size < 1 || size > current) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "size must be between 1 and the tree size " + current);
        }
        if (index < 0 || index >= size) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "index must be >= 0 and < size (" + size + ")");
        }
        try {
            return new TreeReader(stores.tree()).inclusion(index, size);
        } catch (MissingNodeException e) {
            throw pruned(e);
        }
    }

    /**
     * The consistency proof between tree sizes {@code from} and {@code to}.
     *
     * @throws WardenException {@code invalid_field} for bad bounds, {@code entry_pruned} when the needed hashes were pruned
     */
    public ConsistencyProof consistency(long from, long to) {
        long current = treeHead().size();
        if (to < 0 || to > current) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "to must be between 0 and the tree size " + current);
        }
        if (from < 0 || from > to) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "from must be >= 0 and <= to (" + to + ")");
        }
        try {
            return new TreeReader(stores.tree()).consistency(from, to);
        } catch (MissingNodeException e) {
            throw pruned(e);
        }
    }

    private static WardenException pruned(MissingNodeException e) {
        return new WardenException(ErrorCode.ENTRY_PRUNED, "the proof needs " + e.getMessage()
                + "; entries below the prune point are only in exports");
    }

    /** Every published log key, current and retired. */
    public List<LogKeyRecord> keys() {
        return stores.checkpoints().keys();
    }

    /** Stored checkpoints with {@code size >= fromSize} after id {@code afterId}, oldest first. */
    public List<StoredCheckpoint> checkpointPage(long fromSize, long afterId, int limit) {
        return stores.checkpoints().page(fromSize, afterId, limit);
    }

    /**
     * Checks that an export can start at {@code from} (before the response is committed).
     *
     * @throws WardenException {@code entry_pruned} below the prune point, {@code invalid_field} beyond the tree
     */
    public void checkExportable(long from) {
        long first = firstIndex();
        if (from < first) {
            throw new WardenException(ErrorCode.ENTRY_PRUNED, "entries below index " + first + " were pruned; export from "
                    + first + " or use the archived export");
        }
        long size = treeHead().size();
        if (from > size) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "from must be at most the tree size " + size);
        }
    }

    /**
     * Streams an export from {@code from} up to a freshly published checkpoint.
     *
     * @throws WardenException {@code entry_pruned} if {@code from} lies below the prune point
     */
    public ExportSummary export(long from, ExportFormat format, boolean proofs, LineSink sink) throws IOException {
        checkExportable(from);
        StoredCheckpoint cp = checkpointer.publish();
        return new LogExporter(stores.tree(), stores.checkpoints(), origin, VERSION)
                .export(new ExportRequest(from, cp.size(), format, proofs), sink);
    }

    /**
     * Replaces the log key: the new key signs from now on, the old public key stays published (so
     * old checkpoints stay verifiable), the old secret is deleted. Recorded in the audit log.
     */
    public synchronized StoredCheckpoint rotateKey(Actor actor) throws IOException {
        Warden running = requireWarden();
        String old = checkpointer.signer().verifier().encode();
        NoteSigner next = keys.rotate();
        StoredCheckpoint first = checkpointer.rotate(next);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("actor", actor.toString());
        fields.put("old_key", old);
        fields.put("new_key", next.verifier().encode());
        running.auditLog().appendDurably(AuditEvent.of("audit.key_rotated", clock.instant(), fields));
        return first;
    }

    /**
     * Removes entries with index below {@code below} from the hot store, after checking that a
     * verified export covers them: it starts at or before the current first stored index, and its
     * root at {@code exportedSize} (>= below) equals this log's. Recorded in the audit log.
     *
     * @throws WardenException {@code invalid_field} naming what does not match
     */
    public synchronized PruneMark prune(long below, long exportedFrom, long exportedSize, Hash exportedRoot, Actor actor) {
        long first = firstIndex();
        long size = treeHead().size();
        if (below <= first || below > size) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "below must be above the first stored index " + first
                    + " and at most the tree size " + size);
        }
        if (exportedFrom > first) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "exported_from " + exportedFrom
                    + ": the export must start at or before the first stored index " + first);
        }
        if (exportedSize < below || exportedSize > size) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "exported_size must be between below (" + below
                    + ") and the tree size (" + size + ")");
        }
        Hash root = new TreeReader(stores.tree()).root(exportedSize);
        if (!root.equals(exportedRoot)) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "exported_root does not match this log's root at size "
                    + exportedSize + ": the export is not of this log");
        }
        AuditRecord last = stores.tree().read(new AuditQuery(below - 1, 1, Optional.empty(), Optional.empty())).getFirst();
        PruneMark mark = new PruneMark(below, last.chainHash(), exportedSize, exportedRoot, clock.instant());
        stores.retention().prune(mark);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("actor", actor.toString());
        fields.put("below", below);
        fields.put("exported_size", exportedSize);
        fields.put("exported_root", exportedRoot.hex());
        requireWarden().auditLog().appendDurably(AuditEvent.of("audit.pruned", clock.instant(), fields));
        return mark;
    }

    /** The first stored index (0 unless pruned). */
    public long firstIndex() {
        return stores.retention().pruneMark().map(PruneMark::below).orElse(0L);
    }

    private Warden requireWarden() {
        if (warden == null) {
            throw new IllegalStateException("the verifiable log is not started");
        }
        return warden;
    }

    /** Stops the scheduler and the SIEM forwarder (the store stays open). */
    @Override
    public void close() {
        checkpointer.close();
        siem.ifPresent(SiemForwarder::close);
    }


    /** Options of a {@link VerifiableLog}; {@link #open()} makes it. */
    public static final class Builder {
        private final LogStores stores;
        private final String origin;
        private LogKeySource keys;
        private CheckpointPolicy policy = CheckpointPolicy.DEFAULT;
        private boolean validate = true;
        private Clock clock = Clock.systemUTC();
        private Optional<ScheduledExecutorService> scheduler = Optional.empty();
        private Optional<SiemForwarder> siem = Optional.empty();

        private Builder(LogStores stores, String origin) {
            this.stores = Objects.requireNonNull(stores, "stores");
            this.origin = Objects.requireNonNull(origin, "origin");
            this.keys = LogKeySource.memory(origin, new SecureRandom());
        }

        /** Where the log key lives (default: in memory, named after the origin). */
        public Builder key(LogKeySource source) {
            this.keys = Objects.requireNonNull(source, "source");
            return this;
        }

        /** When checkpoints are published (default {@link CheckpointPolicy#DEFAULT}). */
        public Builder checkpoints(CheckpointPolicy checkpointPolicy) {
            this.policy = Objects.requireNonNull(checkpointPolicy, "checkpointPolicy");
            return this;
        }

        /** Whether {@link #open()} recomputes and checks the whole stored log (default true). */
        public Builder validateOnOpen(boolean validateOnOpen) {
            this.validate = validateOnOpen;
            return this;
        }

        /** Time source of checkpoints and recorded events (default the system clock, UTC). */
        public Builder clock(Clock time) {
            this.clock = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * Runs the checkpointer's and the SIEM forwarder's loops on {@code executor} (default: a
         * daemon thread of each's own). The caller shuts the executor down after closing the log.
         */
        public Builder scheduler(ScheduledExecutorService executor) {
            this.scheduler = Optional.of(executor);
            return this;
        }

        /** Forwards the log to a SIEM from {@link #start(Warden)} on; closed with the log. */
        public Builder siem(SiemForwarder forwarder) {
            this.siem = Optional.of(forwarder);
            return this;
        }

        /**
         * Validates the stored log (unless disabled), loads or creates the log key and publishes its
         * public half. No checkpoint is published before {@link VerifiableLog#start(Warden)}.
         *
         * @throws AuditLogCorruptException if the stored log fails validation (names the first bad index)
         * @throws IOException              if the key cannot be read or written
         */
        public VerifiableLog open() throws IOException {
            if (validate) {
                validate(stores);
            }
            NoteSigner key = keys.current();
            Checkpointer checkpointer = new Checkpointer(stores.tree(), stores.checkpoints(), origin, key, policy, clock);
            checkpointer.publishKey();
            return new VerifiableLog(this, checkpointer);
        }
    }
}
