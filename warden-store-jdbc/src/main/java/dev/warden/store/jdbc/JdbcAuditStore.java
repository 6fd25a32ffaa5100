package dev.warden.store.jdbc;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.audit.log.PruneMark;
import dev.warden.audit.log.RetentionStore;
import dev.warden.audit.log.TreeAuditStore;
import dev.warden.audit.log.TreeHead;
import dev.warden.audit.log.TreeIntegrator;
import dev.warden.audit.merkle.CompactRange;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.MerkleNode;
import dev.warden.audit.merkle.MissingNodeException;
import dev.warden.audit.merkle.TreeLayout;
import dev.warden.audit.merkle.TreeReader;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AuditStore} on the {@code audit_entries} table, keeping the Merkle tree in
 * {@code merkle_nodes} ({@link TreeAuditStore}) and pruning old entries ({@link RetentionStore}).
 *
 * <p>{@link #append} runs on one dedicated connection (auto-commit off, one reused prepared
 * insert): each batch is one {@code executeBatch} and one commit, so a batch is stored entirely or
 * not at all, and is durable (per the store's durability setting) when the call returns. A failed
 * batch is rolled back and the writer connection reopened on the next call. Reads go through the
 * pool and may run concurrently with the writer (WAL readers do not block the writer).
 *
 * <p>{@link #appendWithChanges} runs the changes a batch records on the writer connection, in the
 * batch's transaction: writes of the agent, approval and tool-pin stores of the same
 * {@link JdbcStores} join it ({@link #sharesTransactionWith}), so a change and its record commit
 * together or not at all, and no other connection sees the change before its record.
 *
 * <p>Each batch's kept tree nodes ({@link TreeLayout}) are inserted in the batch's transaction; the
 * in-memory tree state ({@link TreeIntegrator}) advances only after the commit. When the store is
 * opened, the tree state is read back from the kept nodes; a database written before the tree
 * existed (no nodes yet) gets its nodes computed from the stored leaf hashes once.
 */
public final class JdbcAuditStore implements TreeAuditStore, RetentionStore {
    private static final System.Logger LOG = System.getLogger(JdbcAuditStore.class.getName());
    private static final String INSERT_NODE = "INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)";
    private static final String COLUMNS = "seq, time, kind, agent, session_id, decision_id, decision, entry, leaf_hash, chain_hash";
    private static final String INSERT = "INSERT INTO audit_entries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM audit_entries";

    private final Database db;
    private final Object writeLock = new Object();
    private Connection writer;
    private volatile boolean walResetWanted;
    /** Audit batches committed since this store opened (read by the checkpointer, see {@link JdbcStores#checkpoint}). */
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    private PreparedStatement insert;
    private PreparedStatement insertNode;
    /** The tree of the committed entries; null when the stored tree is incomplete (see {@link #openTree()}). */
    private volatile TreeIntegrator tree;
    private volatile String treeProblem;
    /** Entries with seq <= prunedBelow were pruned. */
    private volatile long prunedBelow;

    JdbcAuditStore(Database db) {
        this.db = db;
        this.prunedBelow = pruneMark().map(PruneMark::below).orElse(0L);
        openTree();
    }

    /**
     * Reads the tree state back from the kept nodes at the stored head. If nodes are missing and
     * nothing was pruned, they are recomputed from the stored leaf hashes (a database from before
     * the tree existed); otherwise the tree is marked incomplete: appends fail and validation
     * reports it.
     */
    private void openTree() {
        long size = head().seq();
        try {
            tree = new TreeIntegrator(new TreeReader(this).compactRange(size));
            treeProblem = null;
            return;
        } catch (MissingNodeException e) {
            if (prunedBelow > 0) {
                tree = null;
                treeProblem = "the Merkle tree of the audit log is incomplete: " + e.getMessage();
                return;
            }
        }
        LOG.log(Level.INFO, "computing the Merkle tree nodes of " + size + " existing audit entries");
        backfill(size);
        tree = new TreeIntegrator(new TreeReader(this).compactRange(size));
        treeProblem = null;
    }

    /** Computes and stores (if absent) every kept node of the first {@code size} leaves. */
    private void backfill(long size) {
        synchronized (writeLock) {
            db.call("compute the Merkle tree of the audit log", c -> {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                try (PreparedStatement read = c.prepareStatement(
                        "SELECT seq, leaf_hash FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT 10000");
                     PreparedStatement put = c.prepareStatement(
                             "INSERT OR IGNORE INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)")) {
                    CompactRange range = CompactRange.empty();
                    List<MerkleNode> pending = new ArrayList<>();
                    while (range.size() < size) {
                        read.setLong(1, range.size());
                        int n = 0;
                        try (ResultSet rs = read.executeQuery()) {
                            while (rs.next() && range.size() < size) {
                                n++;
                                if (rs.getLong(1) != range.size() + 1) {
                                    throw new WardenException(ErrorCode.STORE_UNAVAILABLE,
                                            "audit entry " + (range.size() + 1) + " is missing; cannot compute the Merkle tree");
                                }
                                range.append(Hash.ofHex(rs.getString(2)), (level, index, hash) -> {
                                    if (TreeLayout.isStored(level)) {
                                        pending.add(new MerkleNode(level, index, hash));
                                    }
                                });
                            }
                        }
                        if (n == 0) {
                            break;
                        }
                        for (MerkleNode node : pending) {
                            bindNode(put, node);
                            put.addBatch();
                        }
                        put.executeBatch();
                        pending.clear();
                    }
                    c.commit();
                    return null;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(auto);
                }
            });
        }
    }

    private static void bindNode(PreparedStatement ps, MerkleNode node) throws SQLException {
        ps.setInt(1, node.level());
        ps.setLong(2, node.index());
        ps.setBytes(3, node.hash().bytes());
    }

    @Override
    public AuditHead head() {
        return db.call("read the audit head", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, chain_hash FROM audit_entries ORDER BY seq DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new AuditHead(rs.getLong(1), rs.getString(2)) : AuditHead.EMPTY;
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Meant for a single writer thread; concurrent calls are serialized. A batch whose sequence
     * numbers are already stored fails as a whole with {@link ErrorCode#STORE_UNAVAILABLE}.
     */
    @Override
    public void append(List<AuditRecord> batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return;
        }
        String[] times = new String[batch.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = SqlTime.format(Objects.requireNonNull(batch.get(i), "record").time());
        }
        String what = "append audit entries " + batch.getFirst().seq() + ".." + batch.getLast().seq();
        synchronized (writeLock) {
            db.checkOpen(what);
            TreeIntegrator.Prepared next = prepareTree(batch, what);
            try {
                if (writer == null) {
                    openWriter(what);
                }
                for (int i = 0; i < times.length; i++) {
                    AuditRecord r = batch.get(i);
                    insert.setLong(1, r.seq());
                    insert.setString(2, times[i]);
                    insert.setString(3, r.kind());
                    insert.setString(4, r.agent());
                    insert.setString(5, r.session());
                    insert.setString(6, r.decisionId());
                    insert.setString(7, r.decision());
                    insert.setString(8, r.entry());
                    insert.setString(9, r.leafHash());
                    insert.setString(10, r.chainHash());
                    insert.addBatch();
                }
                insert.executeBatch();
                if (!next.nodes().isEmpty()) {
                    for (MerkleNode node : next.nodes()) {
                        bindNode(insertNode, node);
                        insertNode.addBatch();
                    }
                    insertNode.executeBatch();
                }
                writer.commit();
            } catch (SQLException | RuntimeException e) {
                discardWriter();
                throw Database.unavailable(what, e);
            }
            commits.incrementAndGet();
            tree.commit(next);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Runs {@code batch} on the writer connection with the stores of this database joining its
     * transaction, then appends its records in that transaction. Any failure (a change's or the
     * append's) rolls everything back.
     */
    @Override
    public void appendWithChanges(java.util.function.Supplier<List<AuditRecord>> batch) {
        Objects.requireNonNull(batch, "batch");
        String what = "append audit entries with the changes they record";
        synchronized (writeLock) {
            db.checkOpen(what);
            try {
                if (writer == null) {
                    openWriter(what);
                }
                List<AuditRecord> records = db.joining(writer, batch);
                if (records.isEmpty()) {
                    writer.rollback(); // nothing to record, so nothing may be changed either
                    return;
                }
                append(records);
            } catch (SQLException | RuntimeException e) {
                discardWriter(); // rolls back what the changes wrote (a no-op when append already did)
                throw Database.unavailable(what, e);
            }
        }
    }

    /** True for the agent, approval and tool-pin stores of the same database (see {@link #appendWithChanges}). */
    @Override
    public boolean sharesTransactionWith(Object store) {
        return store instanceof DatabaseStore s && s.database() == db;
    }

    /** How many audit batches this store has committed since it opened. */
    long commits() {
        return commits.get();
    }

    /**
     * Asks the writer to checkpoint the WAL from its own connection after its next batch
     * ({@link #afterBatch}): with no audit commit running alongside, that checkpoint copies every
     * frame, so SQLite starts the WAL over at the following commit instead of letting it grow.
     */
    void requestWalReset() {
        walResetWanted = true;
    }

    /** Runs a requested WAL checkpoint on the writer's connection (see {@link #requestWalReset}). */
    @Override
    public void afterBatch() {
        if (!walResetWanted) {
            return;
        }
        walResetWanted = false;
        synchronized (writeLock) {
            if (writer == null || db.isClosed()) {
                return;
            }
            long started = System.nanoTime();
            try {
                writer.setAutoCommit(true);
                try (java.sql.Statement st = writer.createStatement()) {
                    JdbcStores.passiveCheckpoint(st);
                } finally {
                    writer.setAutoCommit(false);
                }
                LOG.log(Level.DEBUG, () -> "WAL reset by the audit writer took "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            } catch (SQLException | RuntimeException e) {
                discardWriter(); // reopened by the next append
            }
        }
    }

    /**
     * The tree after the batch. If the batch does not follow the in-memory tree (a commit whose
     * outcome was unknown), the tree is re-read from the store once before giving up.
     */
    private TreeIntegrator.Prepared prepareTree(List<AuditRecord> batch, String what) {
        if (tree == null) {
            openTree();
            if (tree == null) {
                throw new WardenException(ErrorCode.STORE_UNAVAILABLE, what + " failed: " + treeProblem);
            }
        }
        try {
            return tree.prepare(batch);
        } catch (IllegalStateException first) {
            try {
                openTree();
                if (tree != null) {
                    return tree.prepare(batch);
                }
            } catch (IllegalStateException | WardenException again) {
                throw Database.unavailable(what, again);
            }
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, what + " failed: " + treeProblem);
        }
    }

    private void openWriter(String what) throws SQLException {
        Connection c = db.openDedicated(what);
        try {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_autocheckpoint=0"); // JdbcStores checkpoints in the background
                // 32 MiB of pages: the index on random decision ids touches a different leaf every commit
                st.execute("PRAGMA cache_size=-32768");
            }
            c.setAutoCommit(false);
            insert = c.prepareStatement(INSERT);
            insertNode = c.prepareStatement(INSERT_NODE);
            writer = c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Rolls back and closes the writer connection; the next append opens a fresh one. */
    private void discardWriter() {
        Connection c = writer;
        PreparedStatement ps = insert;
        PreparedStatement psNode = insertNode;
        writer = null;
        insert = null;
        insertNode = null;
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // closing below rolls back too
        }
        for (PreparedStatement p : new PreparedStatement[] {ps, psNode}) {
            try {
                if (p != null) {
                    p.close();
                }
            } catch (SQLException | RuntimeException ignored) {
                // best effort
            }
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // best effort
        }
    }

    /** Closes the writer connection, waiting for an append in progress. */
    void closeWriter() {
        synchronized (writeLock) {
            discardWriter();
        }
    }

    @Override
    public List<AuditRecord> read(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE seq > ? AND seq < ?");
        query.agent().ifPresent(a -> sql.append(" AND agent = ?"));
        query.kind().ifPresent(k -> sql.append(" AND kind = ?"));
        sql.append(query.newestFirst() ? " ORDER BY seq DESC LIMIT ?" : " ORDER BY seq LIMIT ?");
        return db.call("read audit entries", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setLong(i++, query.afterSeq());
                ps.setLong(i++, query.beforeSeq());
                if (query.agent().isPresent()) {
                    ps.setString(i++, query.agent().get());
                }
                if (query.kind().isPresent()) {
                    ps.setString(i++, query.kind().get());
                }
                ps.setInt(i, query.limit());
                try (ResultSet rs = ps.executeQuery()) {
                    List<AuditRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public Optional<AuditRecord> findDecision(String decisionId) {
        Objects.requireNonNull(decisionId, "decisionId");
        return db.call("find decision " + decisionId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    SELECT + " WHERE decision_id = ? AND kind = 'decision' ORDER BY seq LIMIT 1")) {
                ps.setString(1, decisionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean hasOutcome(String decisionId) {
        Objects.requireNonNull(decisionId, "decisionId");
        return db.call("look up the outcome of " + decisionId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM audit_entries WHERE decision_id = ? AND kind = 'outcome' LIMIT 1")) {
                ps.setString(1, decisionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public List<Hash> nodes(int level, long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad node range " + from + ".." + to);
        }
        if (from == to) {
            return List.of();
        }
        if (level != 0 && !TreeLayout.isStored(level)) {
            throw new IllegalArgumentException("level " + level + " is not kept");
        }
        try {
            return cachedRange(level, from, to);
        } catch (WardenException e) {
            if (e.getCause() instanceof MissingNodeException missing) {
                throw missing;
            }
            throw e;
        }
    }

    /**
     * Kept nodes at level {@value #CACHED_LEVEL} and above never change once written, so they are
     * cached (about 1/256 of a node per entry: 40,000 for 10 million entries). Proofs then read only
     * level-4 nodes and leaves from the database.
     */
    private static final int CACHED_LEVEL = 8;
    private static final int CACHE_LIMIT = 1 << 20;
    private final ConcurrentHashMap<Long, Hash> nodeCache = new ConcurrentHashMap<>();

    private List<Hash> cachedRange(int level, long from, long to) {
        if (level < CACHED_LEVEL || to - from > 64) {
            return readRange(level, from, to);
        }
        List<Hash> out = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            Hash h = nodeCache.get(i << 6 | level);
            if (h == null) {
                List<Hash> read = readRange(level, i, to);
                if (nodeCache.size() + read.size() > CACHE_LIMIT) {
                    nodeCache.clear();
                }
                for (int k = 0; k < read.size(); k++) {
                    nodeCache.put((i + k) << 6 | level, read.get(k));
                }
                out.addAll(read);
                return out;
            }
            out.add(h);
        }
        return out;
    }

    private List<Hash> readRange(int level, long from, long to) {
        return db.call("read Merkle tree nodes", c -> {
            List<Hash> out = new ArrayList<>((int) Math.min(to - from, 4096));
            if (level == 0 && from < prunedBelow) {
                readNodes(c, 0, from, Math.min(to, prunedBelow), out);
            }
            long next = from + out.size();
            if (next < to) {
                if (level == 0) {
                    readLeaves(c, next, to, out);
                } else {
                    readNodes(c, level, next, to, out);
                }
            }
            return out;
        });
    }

    /** Appends leaf hashes {@code [from, to)} from the entries; stops at the first gap. */
    private static void readLeaves(Connection c, long from, long to, List<Hash> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, leaf_hash FROM audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            long expected = from;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) != expected + 1) {
                        throw new MissingNodeException(0, expected);
                    }
                    out.add(hash(rs.getString(2), 0, expected));
                    expected++;
                }
            }
            if (expected < to) {
                throw new MissingNodeException(0, expected);
            }
        }
    }

    private static void readNodes(Connection c, int level, long from, long to, List<Hash> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT idx, hash FROM merkle_nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx")) {
            ps.setInt(1, level);
            ps.setLong(2, from);
            ps.setLong(3, to);
            long expected = from;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) != expected) {
                        throw new MissingNodeException(level, expected);
                    }
                    byte[] bytes = rs.getBytes(2);
                    if (bytes == null || bytes.length != Hash.SIZE) {
                        throw new WardenException(ErrorCode.STORE_UNAVAILABLE,
                                "stored Merkle node level " + level + " index " + expected + " is not 32 bytes");
                    }
                    out.add(Hash.of(bytes));
                    expected++;
                }
            }
            if (expected < to) {
                throw new MissingNodeException(level, expected);
            }
        }
    }

    private static Hash hash(String hex, int level, long index) {
        try {
            return Hash.ofHex(hex);
        } catch (IllegalArgumentException e) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE,
                    "stored leaf hash of index " + index + " is not 64 hex digits", e);
        }
    }

    @Override
    public TreeHead treeHead() {
        TreeIntegrator t = tree;
        if (t == null) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, treeProblem);
        }
        return t.head();
    }

    @Override
    public OptionalLong lastNodeIndex(int level) {
        return db.call("read the last Merkle node", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT max(idx) FROM merkle_nodes WHERE level = ?")) {
                ps.setInt(1, level);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
                }
            }
        });
    }

    @Override
    public Optional<PruneMark> pruneMark() {
        return db.call("read the audit prune mark", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT below, anchor_chain, exported_size, exported_root, pruned_at FROM audit_prunes ORDER BY id DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PruneMark(rs.getLong(1), rs.getString(2), rs.getLong(3), Hash.ofHex(rs.getString(4)),
                        SqlTime.parse(rs.getString(5))));
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Runs in one transaction on the writer connection, serialized with appends.
     */
    @Override
    public void prune(PruneMark mark) {
        Objects.requireNonNull(mark, "mark");
        String what = "prune audit entries below " + mark.below();
        synchronized (writeLock) {
            db.checkOpen(what);
            long size = head().seq();
            if (mark.below() <= prunedBelow || mark.below() > size) {
                throw new IllegalArgumentException("below must be above " + prunedBelow + " and at most " + size);
            }
            long blockStart = mark.below() - mark.below() % (1L << TreeLayout.STRIDE);
            try {
                if (writer == null) {
                    openWriter(what);
                }
                try (PreparedStatement keep = writer.prepareStatement(
                        "INSERT OR IGNORE INTO merkle_nodes (level, idx, hash) SELECT 0, seq - 1, unhex(leaf_hash) "
                                + "FROM audit_entries WHERE seq > ? AND seq <= ?");
                     PreparedStatement delete = writer.prepareStatement("DELETE FROM audit_entries WHERE seq <= ?");
                     PreparedStatement record = writer.prepareStatement(
                             "INSERT INTO audit_prunes (below, anchor_chain, exported_size, exported_root, pruned_at) VALUES (?, ?, ?, ?, ?)")) {
                    keep.setLong(1, blockStart);
                    keep.setLong(2, mark.below());
                    keep.executeUpdate();
                    delete.setLong(1, mark.below());
                    delete.executeUpdate();
                    record.setLong(1, mark.below());
                    record.setString(2, mark.anchorChain());
                    record.setLong(3, mark.exportedSize());
                    record.setString(4, mark.exportedRoot().hex());
                    record.setString(5, SqlTime.format(mark.at()));
                    record.executeUpdate();
                }
                writer.commit();
                prunedBelow = mark.below();
            } catch (SQLException | RuntimeException e) {
                discardWriter();
                throw Database.unavailable(what, e);
            }
        }
    }

    private static AuditRecord read(ResultSet rs) throws SQLException {
        long seq = rs.getLong("seq");
        try {
            return new AuditRecord(seq, SqlTime.parse(rs.getString("time")), rs.getString("kind"), rs.getString("agent"),
                    rs.getString("session_id"), rs.getString("decision_id"), rs.getString("decision"),
                    rs.getString("entry"), rs.getString("leaf_hash"), rs.getString("chain_hash"));
        } catch (RuntimeException e) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "stored audit entry " + seq + " is unreadable: " + e.getMessage(), e);
        }
    }
}
