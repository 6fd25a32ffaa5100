package dev.warden.store.jdbc;

import dev.warden.demotion.Demotion;
import dev.warden.demotion.DemotionStore;
import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link DemotionStore} on the {@code demotions} table. Its writes join the audit transaction of the
 * same database ({@link DatabaseStore}), so a step commits with its audit record.
 */
public final class JdbcDemotionStore implements DemotionStore, DatabaseStore {
    private final Database db;

    JdbcDemotionStore(Database db) {
        this.db = db;
    }

    @Override
    public Database database() {
        return db;
    }

    @Override
    public void insert(Demotion d) {
        db.call("store demotion " + d.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO demotions (id, agent, level_before, level, state, opened_at,"
                    + " body) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, d.id());
                ps.setString(2, d.agent());
                ps.setString(3, d.levelBefore().wire());
                ps.setString(4, d.level().wire());
                ps.setString(5, d.state().wire());
                ps.setString(6, SqlTime.format(d.openedAt()));
                ps.setString(7, CanonicalJson.write(d.toMap()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void update(Demotion d) {
        db.call("update demotion " + d.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE demotions SET state = ?, body = ? WHERE id = ?")) {
                ps.setString(1, d.state().wire());
                ps.setString(2, CanonicalJson.write(d.toMap()));
                ps.setString(3, d.id());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void delete(String id) {
        db.call("remove demotion " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM demotions WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Demotion> find(String id) {
        return select("find demotion " + id, "SELECT body FROM demotions WHERE id = ?", List.of(id)).stream().findFirst();
    }

    @Override
    public List<Demotion> list(String agent) {
        return select("list demotions of " + agent, "SELECT body FROM demotions WHERE agent = ? ORDER BY id DESC", List.of(agent));
    }

    @Override
    public List<Demotion> open(String agent) {
        return select("list open demotions of " + agent, "SELECT body FROM demotions WHERE agent = ? AND state = 'open' ORDER BY id",
                List.of(agent));
    }

    private List<Demotion> select(String what, String sql, List<?> args) {
        return db.call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int k = 0; k < args.size(); k++) {
                    ps.setObject(k + 1, args.get(k));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Demotion> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(Demotion.fromMap(JsonReader.parseObject(rs.getString(1))));
                    }
                    return out;
                }
            }
        });
    }
}
