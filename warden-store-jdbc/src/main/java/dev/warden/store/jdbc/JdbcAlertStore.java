package dev.warden.store.jdbc;

import dev.warden.alert.Alert;
import dev.warden.alert.AlertDelivery;
import dev.warden.alert.AlertQuery;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.AlertState;
import dev.warden.alert.AlertStore;
import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AlertStore} on the {@code alerts} and {@code alert_outbox} tables. An alert and its outbox
 * entries are inserted in one transaction (the audit record's, when the insert is made with it).
 */
public final class JdbcAlertStore implements AlertStore, DatabaseStore {
    private static final String COLUMNS = "id, raised_at, severity, kind, agent, project, owner, summary, numbers, "
            + "evidence, count, last_at, state, acked_by, acked_at, routing";
    private static final String DELIVERY_COLUMNS = "delivery_id, alert_id, channel, recipient, attempts, next_attempt_at, "
            + "delivered_at, last_error, created_at";

    private final Database db;

    JdbcAlertStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Alert a, List<AlertDelivery> deliveries) {
        db.call("insert alert", c -> {
            boolean own = c.getAutoCommit();
            if (own) {
                c.setAutoCommit(false);
            }
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bind(ps, a);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_outbox (" + DELIVERY_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (AlertDelivery d : deliveries) {
                        ps.setString(1, d.id());
                        ps.setString(2, d.alertId());
                        ps.setString(3, d.channel());
                        ps.setString(4, d.recipient().orElse(null));
                        ps.setLong(5, d.attempts());
                        ps.setString(6, SqlTime.format(d.nextAttemptAt()));
                        ps.setString(7, d.deliveredAt().map(SqlTime::format).orElse(null));
                        ps.setString(8, d.lastError().orElse(null));
                        ps.setString(9, SqlTime.format(d.createdAt()));
                        ps.addBatch();
                    }
                    if (!deliveries.isEmpty()) {
                        ps.executeBatch();
                    }
                }
                if (own) {
                    c.commit();
                }
                return null;
            } catch (SQLException | RuntimeException e) {
                if (own) {
                    c.rollback();
                }
                throw e;
            } finally {
                if (own) {
                    c.setAutoCommit(true);
                }
            }
        });
    }

    private static void bind(PreparedStatement ps, Alert a) throws SQLException {
        ps.setString(1, a.id());
        ps.setString(2, SqlTime.format(a.raisedAt()));
        ps.setString(3, a.severity().wire());
        ps.setString(4, a.kind());
        ps.setString(5, a.agent().orElse(null));
        ps.setString(6, a.project().orElse(null));
        ps.setString(7, a.owner().orElse(null));
        ps.setString(8, a.summary());
        ps.setString(9, CanonicalJson.write(a.numbers()));
        ps.setString(10, CanonicalJson.write(a.evidence()));
        ps.setLong(11, a.count());
        ps.setString(12, SqlTime.format(a.lastAt()));
        ps.setString(13, a.state().wire());
        ps.setString(14, a.ackedBy().orElse(null));
        ps.setString(15, a.ackedAt().map(SqlTime::format).orElse(null));
        ps.setString(16, CanonicalJson.write(a.routing()));
    }

    @Override
    public void update(Alert a) {
        db.call("update alert", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET evidence = ?, count = ?, last_at = ?, "
                    + "state = ?, acked_by = ?, acked_at = ? WHERE id = ?")) {
                ps.setString(1, CanonicalJson.write(a.evidence()));
                ps.setLong(2, a.count());
                ps.setString(3, SqlTime.format(a.lastAt()));
                ps.setString(4, a.state().wire());
                ps.setString(5, a.ackedBy().orElse(null));
                ps.setString(6, a.ackedAt().map(SqlTime::format).orElse(null));
                ps.setString(7, a.id());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void delete(String alertId) {
        db.call("delete alert", c -> {
            try (PreparedStatement out = c.prepareStatement("DELETE FROM alert_outbox WHERE alert_id = ?");
                 PreparedStatement ps = c.prepareStatement("DELETE FROM alerts WHERE id = ?")) {
                out.setString(1, alertId);
                out.executeUpdate();
                ps.setString(1, alertId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Alert> find(String id) {
        return db.call("find alert", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Alert> list(AlertQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        q.agent().ifPresent(a -> {
            sql.append(" AND agent = ?");
            args.add(a);
        });
        q.severity().ifPresent(s -> {
            sql.append(" AND severity = ?");
            args.add(s.wire());
        });
        q.state().ifPresent(s -> {
            sql.append(" AND state = ?");
            args.add(s.wire());
        });
        q.before().ifPresent(b -> {
            sql.append(" AND id < ?");
            args.add(b);
        });
        sql.append(" ORDER BY id DESC LIMIT ").append(q.limit());
        return db.call("list alerts", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Alert> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public List<AlertDelivery> due(Instant now, int limit) {
        return deliveries("list due alert deliveries", "WHERE delivered_at IS NULL AND next_attempt_at <= ? "
                + "ORDER BY next_attempt_at LIMIT " + Math.max(1, limit), SqlTime.format(now));
    }

    @Override
    public Optional<Instant> nextDue() {
        return db.call("next alert delivery", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT min(next_attempt_at) FROM alert_outbox WHERE delivered_at IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(SqlTime.parse(rs.getString(1))) : Optional.empty();
            }
        });
    }

    @Override
    public List<AlertDelivery> deliveries(String alertId) {
        return deliveries("list alert deliveries", "WHERE alert_id = ? ORDER BY created_at, delivery_id", alertId);
    }

    private List<AlertDelivery> deliveries(String what, String where, String arg) {
        return db.call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM alert_outbox " + where)) {
                ps.setString(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    List<AlertDelivery> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new AlertDelivery(rs.getString(1), rs.getString(2), rs.getString(3),
                                Optional.ofNullable(rs.getString(4)), (int) rs.getLong(5), SqlTime.parse(rs.getString(6)),
                                Optional.ofNullable(SqlTime.parse(rs.getString(7))), Optional.ofNullable(rs.getString(8)),
                                SqlTime.parse(rs.getString(9))));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public void delivered(String deliveryId, int attempts, Instant at) {
        db.call("mark alert delivered", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alert_outbox SET attempts = ?, delivered_at = ? WHERE delivery_id = ?")) {
                ps.setLong(1, attempts);
                ps.setString(2, SqlTime.format(at));
                ps.setString(3, deliveryId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void failed(String deliveryId, int attempts, Instant nextAttemptAt, String error) {
        db.call("record failed alert delivery", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alert_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE delivery_id = ?")) {
                ps.setLong(1, attempts);
                ps.setString(2, SqlTime.format(nextAttemptAt));
                ps.setString(3, error);
                ps.setString(4, deliveryId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Database database() {
        return db;
    }

    @SuppressWarnings("unchecked")
    private static Alert read(ResultSet rs) throws SQLException {
        Map<String, Object> numbers = JsonReader.parseObject(rs.getString(9));
        List<String> evidence = (List<String>) (List<?>) JsonReader.parseArray(rs.getString(10));
        List<String> routing = (List<String>) (List<?>) JsonReader.parseArray(rs.getString(16));
        return new Alert(rs.getString(1), SqlTime.parse(rs.getString(2)), AlertSeverity.parse(rs.getString(3)),
                rs.getString(4), Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)), rs.getString(8), numbers, evidence, (int) rs.getLong(11),
                SqlTime.parse(rs.getString(12)), AlertState.parse(rs.getString(13)), Optional.ofNullable(rs.getString(14)),
                Optional.ofNullable(SqlTime.parse(rs.getString(15))), routing);
    }
}
