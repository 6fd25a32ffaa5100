package dev.warden.store.jdbc;

import dev.warden.behavior.BaselineStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link BaselineStore} on the {@code behavior_baselines} table. */
public final class JdbcBaselineStore implements BaselineStore, DatabaseStore {
    private static final String UPSERT = "INSERT INTO behavior_baselines (agent, snapshot, updated_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (agent) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at";

    private final Database db;
    private final Clock clock;

    JdbcBaselineStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void save(Map<String, byte[]> snapshots) {
        if (snapshots.isEmpty()) {
            return;
        }
        String now = SqlTime.format(clock.instant());
        db.call("save baselines", c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // one transaction: a snapshot round is written whole
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (Map.Entry<String, byte[]> e : snapshots.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setBytes(2, e.getValue());
                    ps.setString(3, now);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (java.sql.SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
    }

    @Override
    public Map<String, byte[]> loadAll() {
        return db.call("load baselines", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT agent, snapshot FROM behavior_baselines ORDER BY agent");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, byte[]> out = new LinkedHashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getBytes(2));
                }
                return out;
            }
        });
    }

    @Override
    public Database database() {
        return db;
    }
}
