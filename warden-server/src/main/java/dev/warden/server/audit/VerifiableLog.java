package dev.warden.server.audit;

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
import dev.warden.audit.export.OcsfMapper;
import dev.warden.audit.log.Checkpointer;
import dev.warden.audit.log.LogKeyFile;
import dev.warden.audit.log.LogKeyRecord;
import dev.warden.audit.log.LogValidation;
import dev.warden.audit.log.LogValidator;
import dev.warden.audit.log.PruneMark;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.log.TreeHead;
import dev.warden.audit.merkle.ConsistencyProof;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.InclusionProof;
import dev.warden.audit.merkle.MissingNodeException;
import dev.warden.audit.merkle.TreeReader;
import dev.warden.audit.note.NoteSigner;
import dev.warden.audit.siem.SiemForwarder;
import dev.warden.audit.siem.WebhookSink;
import dev.warden.server.ServerOptions;
import dev.warden.server.config.AuditSettings;
import dev.warden.store.jdbc.JdbcStores;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verifiable audit log of a running server: validates the stored log at startup, holds the
 * log key ({@code <data-dir>/keys/audit-log.key}), publishes checkpoints, answers proofs, exports,
 * rotates the key, prunes, and forwards to a SIEM when configured.
 */
public final class VerifiableLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VerifiableLog.class.getName());
    /** Warden's version in exports. */
    public static final String VERSION = "0.1.0";

    private final AuditSettings settings;
    private final JdbcStores stores;
    private final Path keyFile;
    private final Path dataDir;
    private final Clock clock;
    private final Checkpointer checkpointer;
    private Warden warden;
    private SiemForwarder siem;

    private VerifiableLog(AuditSettings settings, JdbcStores stores, Path dataDir, Path keyFile, Clock clock,
                          Checkpointer checkpointer) {
        this.settings = settings;
        this.stores = stores;
        this.dataDir = dataDir;
        this.keyFile = keyFile;
        this.clock = clock;
        this.checkpointer = checkpointer;
    }

    /**
     * Reads the audit settings, validates the stored log (unless disabled) and loads or creates
     * the log key. Nothing is published yet.
     *
     * @throws AuditLogCorruptException if the stored log fails validation (names the first bad index)
     * @throws IOException              if the key file cannot be read or written
     */
    public static VerifiableLog open(ServerOptions options, String trustDomain, JdbcStores stores) throws IOException {
        AuditSettings settings = AuditSettings.load(options.configDir(), trustDomain);
        if (settings.validateOnStart()) {
            validate(stores);
        }
        Path keyFile = options.dataDir().resolve("keys").resolve("audit-log.key");
        NoteSigner key = LogKeyFile.loadOrCreate(keyFile, settings.origin(), new SecureRandom());
        Checkpointer checkpointer = new Checkpointer(stores.audit(), stores.checkpoints(), settings.origin(), key,
                settings.checkpoints(), options.clock());
        checkpointer.publishKey();
        return new VerifiableLog(settings, stores, options.dataDir(), keyFile, options.clock(), checkpointer);
    }

    /** Recomputes and checks the whole stored log. */
    static void validate(JdbcStores stores) {
        long start = System.nanoTime();
        LogValidation v = new LogValidator(stores.audit(), stores.checkpoints(), stores.audit())
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

    /** Publishes the first checkpoint if due, starts the checkpoint scheduler and the SIEM forwarder. */
    public synchronized void start(Warden running) throws IOException {
        this.warden = running;
        checkpointer.publishIfDue();
        checkpointer.start();
        if (settings.siem().isPresent()) {
            AuditSettings.Siem s = settings.siem().get();
            Optional<String> token = s.tokenEnv().map(System::getenv).filter(t -> !t.isBlank());
            siem = new SiemForwarder(stores.audit(), s.format(), new OcsfMapper(settings.origin(), VERSION),
                    new WebhookSink(s.url(), s.batchSize(), token), s.batchSize(), dataDir.resolve("audit-siem.cursor"));
            siem.start();
        }
    }

    /** The settings in force. */
    public AuditSettings settings() {
        return settings;
    }

    /** The current tree size and root. */
    public TreeHead treeHead() {
        return stores.audit().treeHead();
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
            return new TreeReader(stores.audit()).inclusion(index, size);
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
            return new TreeReader(stores.audit()).consistency(from, to);
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
        return new LogExporter(stores.audit(), stores.checkpoints(), settings.origin(), VERSION)
                .export(new ExportRequest(from, cp.size(), format, proofs), sink);
    }

    /**
     * Replaces the log key: the new key signs from now on, the old public key stays published (so
     * old checkpoints stay verifiable), the old secret is deleted. Recorded in the audit log.
     */
    public synchronized StoredCheckpoint rotateKey(Actor actor) throws IOException {
        Warden running = requireWarden();
        String old = checkpointer.signer().verifier().encode();
        NoteSigner next = LogKeyFile.rotate(keyFile, checkpointer.signer().name(), new SecureRandom());
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
        long first = stores.audit().pruneMark().map(PruneMark::below).orElse(0L);
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
        Hash root = new TreeReader(stores.audit()).root(exportedSize);
        if (!root.equals(exportedRoot)) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "exported_root does not match this log's root at size "
                    + exportedSize + ": the export is not of this log");
        }
        AuditRecord last = stores.audit().read(new AuditQuery(below - 1, 1, Optional.empty(), Optional.empty())).getFirst();
        PruneMark mark = new PruneMark(below, last.chainHash(), exportedSize, exportedRoot, clock.instant());
        stores.audit().prune(mark);
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
        return stores.audit().pruneMark().map(PruneMark::below).orElse(0L);
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
        if (siem != null) {
            siem.close();
        }
    }
}
