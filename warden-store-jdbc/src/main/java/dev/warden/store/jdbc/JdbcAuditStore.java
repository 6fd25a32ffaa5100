package dev.warden.store.jdbc;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditSearch;
import dev.warden.audit.AuditStore;
import dev.warden.audit.log.PruneMark;
import dev.warden.audit.log.RetentionStore;
import dev.warden.audit.log.TreeAuditStore;
import dev.warden.audit.log.TreeHead;
import dev.warden.audit.log.TreeIntegrator;
import dev.warden.audit.merkle.Hash;
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
 * existed (no nodes yet) gets its nodes computed from the stored leaf hashes once. The nodes
 * themselves are read and computed by {@link MerkleNodeTable}, and pruning's statements and mark are
 * {@link AuditPruning}'s; both run their writes under this store's writer lock.
 */
public final class JdbcAuditStore implements TreeAuditStore, RetentionStore {
    private static final System.Logger LOG = System.getLogger(JdbcAuditStore.class.getName());
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
    private final AuditPruning pruning;
    private final MerkleNodeTable nodes;

    JdbcAuditStore(Database db) {
        this.db = db;
        this.pruning = new AuditPruning(db);
        this.nodes = new MerkleNodeTable(db, pruning);
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
            if (pruning.below() > 0) {
                tree = null;
                treeProblem = "the Merkle tree of the audit log is incomplete: " + e.getMessage();
                return;
            }
        }
        LOG.log(Level.INFO, "computing the Merkle tree nodes of " + size + " existing audit entries");
        synchronized (writeLock) {
            nodes.backfill(size);
        }
        tree = new TreeIntegrator(new TreeReader(this).compactRange(size));
        treeProblem = null;
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
                MerkleNodeTable.insert(insertNode, next.nodes());
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
            insertNode = c.prepareStatement(MerkleNodeTable.INSERT_NODE);
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

    /**
     * {@inheritDoc}
     *
     * <p>Reads one index backwards: the agent's ({@code audit_entries_agent_seq}) when the search
     * names an agent, else the decision value's or the kind's (migration V19), else the sequence
     * number itself; time bounds become sequence bounds first ({@link #bySeq}). Only the short
     * columns of at most {@code budget} index entries are read to check the other filters; the
     * matching entries are then read whole by sequence number.
     */
    @Override
    public AuditSearch.Page search(AuditSearch search) {
        Objects.requireNonNull(search, "search");
        AuditSearch s = bySeq(search);
        String lead;
        Optional<String> leadValue;
        if (s.agent().isPresent()) {
            lead = " INDEXED BY audit_entries_agent_seq WHERE agent = ? AND";
            leadValue = s.agent();
        } else if (s.decision().isPresent()) {
            lead = " INDEXED BY audit_entries_decision_seq WHERE decision = ? AND";
            leadValue = s.decision();
        } else if (s.kind().isPresent()) {
            lead = " INDEXED BY audit_entries_kind_seq WHERE kind = ? AND";
            leadValue = s.kind();
        } else {
            lead = " WHERE";
            leadValue = Optional.empty();
        }
        String scan = "SELECT seq, time, kind, agent, decision FROM audit_entries" + lead
                + " seq > ? AND seq < ? ORDER BY seq DESC LIMIT ?";
        Optional<String> fromText = s.from().map(SqlTime::format);
        Optional<String> toText = s.to().map(SqlTime::format);
        return db.call("search audit entries", c -> {
            List<Long> matched = new ArrayList<>();
            long lastExamined = -1;
            int examined = 0;
            try (PreparedStatement ps = c.prepareStatement(scan)) {
                int i = 1;
                if (leadValue.isPresent()) {
                    ps.setString(i++, leadValue.get());
                }
                ps.setLong(i++, s.afterSeq());
                ps.setLong(i++, s.beforeSeq());
                ps.setInt(i, s.budget());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        String time = rs.getString(2);
                        String kind = rs.getString(3);
                        String agent = rs.getString(4);
                        String decision = rs.getString(5);
                        boolean match = s.kind().map(k -> k.equals(kind)).orElse(true)
                                && s.agent().map(a -> a.equals(agent)).orElse(true)
                                && s.decision().map(d -> d.equals(decision)).orElse(true)
                                && fromText.map(f -> time.compareTo(f) >= 0).orElse(true)
                                && toText.map(t -> time.compareTo(t) <= 0).orElse(true);
                        if (match) {
                            if (matched.size() == s.limit()) {
                                return new AuditSearch.Page(readSeqs(c, matched), Optional.of(matched.getLast()), false);
                            }
                            matched.add(seq);
                        }
                        examined++;
                        lastExamined = seq;
                    }
                }
            }
            boolean more = examined == s.budget() && lastExamined > s.afterSeq() + 1;
            return new AuditSearch.Page(readSeqs(c, matched), more ? Optional.of(lastExamined) : Optional.empty(),
                    more && matched.size() < s.limit());
        });
    }

    /** The entries of these sequence numbers, in the order given. */
    private static List<AuditRecord> readSeqs(Connection c, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(seqs.size(), "?"));
        java.util.Map<Long, AuditRecord> bySeq = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE seq IN (" + marks + ")")) {
            for (int i = 0; i < seqs.size(); i++) {
                ps.setLong(i + 1, seqs.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditRecord r = read(rs);
                    bySeq.put(r.seq(), r);
                }
            }
        }
        return seqs.stream().map(bySeq::get).filter(Objects::nonNull).toList();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Counts in SQL over the agent's index from the sequence number the window starts after
     * ({@link #lastSeqBefore}, a binary search), without reading the entries.
     */
    @Override
    public java.util.Map<String, Integer> decisionCounts(String agent, java.time.Instant since, int max) {
        Objects.requireNonNull(agent, "agent");
        long after = Math.max(0, lastSeqBefore(since) - 1_000); // records of concurrent decisions may overtake a little
        String from = SqlTime.format(since);
        return db.call("count decisions of " + agent, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT decision, COUNT(*) FROM (SELECT decision FROM audit_entries"
                    + " WHERE agent = ? AND seq > ? AND kind = 'decision' AND time >= ? ORDER BY seq DESC LIMIT ?)"
                    + " GROUP BY decision")) {
                ps.setString(1, agent);
                ps.setLong(2, after);
                ps.setString(3, from);
                ps.setInt(4, max);
                try (ResultSet rs = ps.executeQuery()) {
                    java.util.Map<String, Integer> out = new java.util.TreeMap<>();
                    while (rs.next()) {
                        out.put(String.valueOf(rs.getString(1)), rs.getInt(2));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Counts in SQL from the partial index of decision records by agent and time
     * ({@code audit_entries_agent_decisions}) alone, without reading the entries; the newest are
     * the latest by time. The hour is the first 13 characters of the stored time ({@code 2025-01-02T03}).
     */
    @Override
    public java.util.SortedMap<java.time.Instant, java.util.Map<String, Integer>> hourlyDecisionCounts(String agent,
            java.time.Instant since, int max) {
        Objects.requireNonNull(agent, "agent");
        String from = SqlTime.format(since);
        return db.call("count decisions of " + agent + " by hour", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT substr(time, 1, 13) AS hour, decision, COUNT(*) FROM"
                    + " (SELECT time, decision FROM audit_entries WHERE agent = ? AND kind = 'decision' AND time >= ?"
                    + " ORDER BY time DESC LIMIT ?) GROUP BY hour, decision")) {
                ps.setString(1, agent);
                ps.setString(2, from);
                ps.setInt(3, max);
                try (ResultSet rs = ps.executeQuery()) {
                    java.util.SortedMap<java.time.Instant, java.util.Map<String, Integer>> out = new java.util.TreeMap<>();
                    while (rs.next()) {
                        java.time.Instant hour = SqlTime.parse(rs.getString(1) + ":00:00Z");
                        out.computeIfAbsent(hour, h -> new java.util.TreeMap<>()).put(String.valueOf(rs.getString(2)), rs.getInt(3));
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
        return nodes.nodes(level, from, to);
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
        return nodes.lastNodeIndex(level);
    }

    @Override
    public Optional<PruneMark> pruneMark() {
        return pruning.mark();
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
            pruning.check(mark, head().seq());
            try {
                if (writer == null) {
                    openWriter(what);
                }
                pruning.write(writer, mark);
                writer.commit();
                pruning.committed(mark);
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
