package dev.warden.store.jdbc;

import dev.warden.incident.Incident;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentStore;
import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link IncidentStore} on the {@code incidents} table. Its writes join the audit transaction of the
 * same database ({@link DatabaseStore}), so an incident change commits with its audit record.
 */
public final class JdbcIncidentStore implements IncidentStore, DatabaseStore {
    private final Database db;

    JdbcIncidentStore(Database db) {
        this.db = db;
    }

    @Override
    public Database database() {
        return db;
    }

    @Override
    public void insert(Incident i) {
        db.call("store incident " + i.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO incidents (id, agent, state, opened_at, in_force, body) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, i.id());
                ps.setString(2, i.agent());
                ps.setString(3, i.state().wire());
                ps.setString(4, SqlTime.format(i.openedAt()));
                ps.setInt(5, i.hasResponsesInForce() ? 1 : 0);
                ps.setString(6, CanonicalJson.write(i.toMap()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void update(Incident i) {
        db.call("update incident " + i.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET state = ?, in_force = ?, body = ? WHERE id = ?")) {
                ps.setString(1, i.state().wire());
                ps.setInt(2, i.hasResponsesInForce() ? 1 : 0);
                ps.setString(3, CanonicalJson.write(i.toMap()));
                ps.setString(4, i.id());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void delete(String id) {
        db.call("remove incident " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM incidents WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Incident> find(String id) {
        List<Incident> found = select("find incident " + id, "SELECT body FROM incidents WHERE id = ?", List.of(id));
        return found.stream().findFirst();
    }

    @Override
    public Optional<Incident> active(String agent) {
        return select("find active incident of " + agent, "SELECT body FROM incidents WHERE agent = ? "
                + "AND state IN ('open', 'acknowledged') ORDER BY id DESC LIMIT 1", List.of(agent)).stream().findFirst();
    }

    @Override
    public List<Incident> list(IncidentQuery q) {
        StringBuilder sql = new StringBuilder("SELECT body FROM incidents WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        q.agent().ifPresent(a -> {
            sql.append(" AND agent = ?");
            args.add(a);
        });
        q.state().ifPresent(s -> {
            sql.append(" AND state = ?");
            args.add(s.wire());
        });
        q.before().ifPresent(b -> {
            sql.append(" AND id < ?");
            args.add(b);
        });
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(q.limit());
        return select("list incidents", sql.toString(), args);
    }

    @Override
    public List<Incident> withResponsesInForce() {
        return select("list incidents with responses in force", "SELECT body FROM incidents WHERE in_force = 1 ORDER BY id",
                List.of());
    }

    private List<Incident> select(String what, String sql, List<?> args) {
        return db.call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int k = 0; k < args.size(); k++) {
                    ps.setObject(k + 1, args.get(k));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Incident> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static Incident read(ResultSet rs) throws SQLException {
        return Incident.fromMap(JsonReader.parseObject(rs.getString(1)));
    }
}
