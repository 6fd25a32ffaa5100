package dev.warden.store.jdbc;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.merkle.CompactRange;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.MerkleNode;
import dev.warden.audit.merkle.MissingNodeException;
import dev.warden.audit.merkle.NodeSource;
import dev.warden.audit.merkle.TreeLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Merkle tree nodes of {@link JdbcAuditStore} in {@code merkle_nodes}: reading them (leaf
 * hashes from {@code audit_entries}, or from {@code merkle_nodes} below the prune mark, where
 * {@link AuditPruning} keeps them), caching the upper levels, and computing them for a database
 * written before the tree existed. The audit writer inserts a batch's new nodes ({@link #insert})
 * in the batch's transaction.
 */
final class MerkleNodeTable implements NodeSource {
    /** Inserts one node: level, index, hash (see {@link #insert}). */
    static final String INSERT_NODE = "INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)";

    private final Database db;
    private final AuditPruning pruning;

    MerkleNodeTable(Database db, AuditPruning pruning) {
        this.db = db;
        this.pruning = pruning;
    }

    /**
     * Computes and stores (if absent) every kept node of the first {@code size} leaves, in one
     * transaction on a pooled connection (the caller holds the audit writer's lock).
     */
    void backfill(long size) {
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

    /** Adds {@code nodes} with {@code insert}, a statement of {@link #INSERT_NODE}, as one JDBC batch. */
    static void insert(PreparedStatement insert, List<MerkleNode> nodes) throws SQLException {
        if (!nodes.isEmpty()) {
            for (MerkleNode node : nodes) {
                bindNode(insert, node);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void bindNode(PreparedStatement ps, MerkleNode node) throws SQLException {
        ps.setInt(1, node.level());
        ps.setLong(2, node.index());
        ps.setBytes(3, node.hash().bytes());
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
            long prunedBelow = pruning.below();
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

    /** The highest index stored at {@code level}, if any. */
    OptionalLong lastNodeIndex(int level) {
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
}
