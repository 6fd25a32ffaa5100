package dev.warden.store.jdbc;

import dev.warden.audit.log.PruneMark;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.TreeLayout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Pruning of {@link JdbcAuditStore}: the prune marks in {@code audit_prunes}, and the statements
 * that delete the entries below a mark while keeping, in {@code merkle_nodes}, the leaf hashes of
 * the partly pruned block the tree still reads. The store runs them in a transaction on its writer
 * connection, serialized with appends.
 */
final class AuditPruning {
    private final Database db;
    /** Entries with seq <= prunedBelow were pruned. */
    private volatile long prunedBelow;

    AuditPruning(Database db) {
        this.db = db;
        this.prunedBelow = mark().map(PruneMark::below).orElse(0L);
    }

    /** Entries at or below this sequence number are pruned (0: none). */
    long below() {
        return prunedBelow;
    }

    /** The latest prune mark, if the log was ever pruned. */
    Optional<PruneMark> mark() {
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

    /** Refuses a mark that is not above the current one or is beyond the log of {@code size} entries. */
    void check(PruneMark mark, long size) {
        if (mark.below() <= prunedBelow || mark.below() > size) {
            throw new IllegalArgumentException("below must be above " + prunedBelow + " and at most " + size);
        }
    }

    /** Prunes below the mark on {@code writer}, in its open transaction; {@link #committed} once it commits. */
    void write(Connection writer, PruneMark mark) throws SQLException {
        long blockStart = mark.below() - mark.below() % (1L << TreeLayout.STRIDE);
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
    }

    /** Records that the pruning of {@link #write} was committed. */
    void committed(PruneMark mark) {
        prunedBelow = mark.below();
    }
}
