package dev.warden.store.jdbc;

import dev.warden.audit.log.CheckpointStore;
import dev.warden.audit.log.LogKeyRecord;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.merkle.Hash;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link CheckpointStore} on the {@code audit_checkpoints} and {@code audit_log_keys} tables. */
public final class JdbcCheckpointStore implements CheckpointStore {
    private static final String COLUMNS = "id, size, root_hash, key_id, created_at, note";
    private final Database db;

    JdbcCheckpointStore(Database db) {
        this.db = db;
    }

    @Override
    public StoredCheckpoint add(StoredCheckpoint c) {
        Objects.requireNonNull(c, "checkpoint");
        return db.call("store an audit checkpoint", conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO audit_checkpoints (size, root_hash, key_id, created_at, note) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, c.size());
                ps.setString(2, c.root().hex());
                ps.setString(3, c.keyId());
                ps.setString(4, SqlTime.format(c.time()));
                ps.setString(5, c.note());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new StoredCheckpoint(keys.getLong(1), c.size(), c.root(), c.keyId(), c.time(), c.note());
                }
            }
        });
    }

    @Override
    public Optional<StoredCheckpoint> latest() {
        return db.call("read the latest audit checkpoint", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_checkpoints ORDER BY id DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public List<StoredCheckpoint> page(long minSize, long afterId, int limit) {
        return db.call("read audit checkpoints", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM audit_checkpoints WHERE size >= ? AND id > ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, minSize);
                ps.setLong(2, afterId);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredCheckpoint> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(checkpoint(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public void addKey(LogKeyRecord key) {
        Objects.requireNonNull(key, "key");
        db.call("publish a log key", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO audit_log_keys (verifier_key, key_id, created_at, retired_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, key.verifierKey());
                ps.setString(2, key.keyId());
                ps.setString(3, SqlTime.format(key.createdAt()));
                ps.setString(4, key.retiredAt().map(SqlTime::format).orElse(null));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void retireKey(String verifierKey, Instant at) {
        db.call("retire a log key", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE audit_log_keys SET retired_at = ? WHERE verifier_key = ? AND retired_at IS NULL")) {
                ps.setString(1, SqlTime.format(at));
                ps.setString(2, verifierKey);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<LogKeyRecord> keys() {
        return db.call("read log keys", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT verifier_key, key_id, created_at, retired_at FROM audit_log_keys ORDER BY created_at, verifier_key");
                 ResultSet rs = ps.executeQuery()) {
                List<LogKeyRecord> out = new ArrayList<>();
                while (rs.next()) {
                    String retired = rs.getString(4);
                    out.add(new LogKeyRecord(rs.getString(1), rs.getString(2), SqlTime.parse(rs.getString(3)),
                            Optional.ofNullable(retired).map(SqlTime::parse)));
                }
                return out;
            }
        });
    }

    private static StoredCheckpoint checkpoint(ResultSet rs) throws SQLException {
        return new StoredCheckpoint(rs.getLong(1), rs.getLong(2), Hash.ofHex(rs.getString(3)), rs.getString(4),
                SqlTime.parse(rs.getString(5)), rs.getString(6));
    }
}
