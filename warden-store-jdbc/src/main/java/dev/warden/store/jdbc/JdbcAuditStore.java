package dev.warden.store.jdbc;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AuditStore} on the {@code audit_entries} table.
 *
 * <p>{@link #append} runs on one dedicated connection (auto-commit off, one reused prepared
 * insert): each batch is one {@code executeBatch} and one commit, so a batch is stored entirely or
 * not at all, and is durable (per the store's durability setting) when the call returns. A failed
 * batch is rolled back and the writer connection reopened on the next call. Reads go through the
 * pool and may run concurrently with the writer (WAL readers do not block the writer).
 */
public final class JdbcAuditStore implements AuditStore {
    private static final String COLUMNS = "seq, time, kind, agent, session_id, decision_id, decision, entry, leaf_hash, chain_hash";
    private static final String INSERT = "INSERT INTO audit_entries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM audit_entries";

    private final Database db;
    private final Object writeLock = new Object();
    private Connection writer;
    private PreparedStatement insert;

    JdbcAuditStore(Database db) {
        this.db = db;
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
                writer.commit();
            } catch (SQLException | RuntimeException e) {
                discardWriter();
                throw Database.unavailable(what, e);
            }
        }
    }

    private void openWriter(String what) throws SQLException {
        Connection c = db.openDedicated(what);
        try {
            c.setAutoCommit(false);
            insert = c.prepareStatement(INSERT);
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
        writer = null;
        insert = null;
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // closing below rolls back too
        }
        try {
            ps.close();
        } catch (SQLException | RuntimeException ignored) {
            // best effort
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
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE seq > ?");
        query.agent().ifPresent(a -> sql.append(" AND agent = ?"));
        query.kind().ifPresent(k -> sql.append(" AND kind = ?"));
        sql.append(" ORDER BY seq LIMIT ?");
        return db.call("read audit entries", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setLong(i++, query.afterSeq());
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
