package dev.warden.store.jdbc;

import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import dev.warden.operator.Operator;
import dev.warden.operator.OperatorCredential;
import dev.warden.operator.OperatorStore;
import dev.warden.operator.RoleGrant;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link OperatorStore} on the {@code operators} and {@code operator_credentials} tables. Its
 * writes join the audit transaction of the same database ({@link DatabaseStore}), so an operator
 * change commits with its audit record.
 */
public final class JdbcOperatorStore implements OperatorStore, DatabaseStore {
    private static final String OPERATOR_COLUMNS = "name, roles, password_hash, disabled, created_at, changed_at";
    private static final String CREDENTIAL_COLUMNS = "id, operator, kind, hash, roles, created_at, expires_at, revoked_at";

    private final Database db;

    JdbcOperatorStore(Database db) {
        this.db = db;
    }

    @Override
    public Database database() {
        return db;
    }

    @Override
    public boolean insert(Operator o) {
        return db.call("store operator " + o.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO operators (" + OPERATOR_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, o.name());
                ps.setString(2, roles(o.roles()));
                ps.setString(3, o.passwordHash().orElse(null));
                ps.setInt(4, o.disabled() ? 1 : 0);
                ps.setString(5, SqlTime.format(o.createdAt()));
                ps.setString(6, SqlTime.format(o.changedAt()));
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean update(Operator o) {
        return db.call("update operator " + o.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE operators SET roles = ?, password_hash = ?, disabled = ?, changed_at = ? WHERE name = ?")) {
                ps.setString(1, roles(o.roles()));
                ps.setString(2, o.passwordHash().orElse(null));
                ps.setInt(3, o.disabled() ? 1 : 0);
                ps.setString(4, SqlTime.format(o.changedAt()));
                ps.setString(5, o.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void delete(String name) {
        update("remove operator " + name, "DELETE FROM operators WHERE name = ?", List.of(name));
    }

    @Override
    public Optional<Operator> find(String name) {
        return operators("find operator " + name, "WHERE name = ?", List.of(name)).stream().findFirst();
    }

    @Override
    public List<Operator> list() {
        return operators("list operators", "ORDER BY name", List.of());
    }

    @Override
    public void insertCredential(OperatorCredential k) {
        db.call("store credential " + k.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO operator_credentials (" + CREDENTIAL_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, k.id());
                ps.setString(2, k.operator());
                ps.setString(3, k.kind().wire());
                ps.setString(4, k.hash());
                ps.setString(5, roles(k.roles()));
                ps.setString(6, SqlTime.format(k.createdAt()));
                ps.setString(7, SqlTime.format(k.expiresAt().orElse(null)));
                ps.setString(8, SqlTime.format(k.revokedAt().orElse(null)));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void deleteCredential(String id) {
        update("remove credential " + id, "DELETE FROM operator_credentials WHERE id = ?", List.of(id));
    }

    @Override
    public Optional<OperatorCredential> findCredential(String hash) {
        return credentials("find credential", "WHERE hash = ?", List.of(hash)).stream().findFirst();
    }

    @Override
    public List<OperatorCredential> credentialsOf(String operator, OperatorCredential.Kind kind) {
        return credentials("list credentials of " + operator, "WHERE operator = ? AND kind = ? ORDER BY created_at, id",
                List.of(operator, kind.wire()));
    }

    @Override
    public boolean revokeCredential(String id, Instant at) {
        return update("revoke credential " + id, "UPDATE operator_credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                List.of(SqlTime.format(at), id)) == 1;
    }

    @Override
    public void unrevokeCredential(String id) {
        update("unrevoke credential " + id, "UPDATE operator_credentials SET revoked_at = NULL WHERE id = ?", List.of(id));
    }

    @Override
    public int purgeExpiredTokens(Instant now) {
        return update("purge expired operator tokens",
                "DELETE FROM operator_credentials WHERE kind = 'token' AND expires_at < ?", List.of(SqlTime.format(now)));
    }

    private int update(String what, String sql, List<?> args) {
        return db.call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                return ps.executeUpdate();
            }
        });
    }

    private List<Operator> operators(String what, String where, List<?> args) {
        return db.call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + OPERATOR_COLUMNS + " FROM operators " + where)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Operator> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Operator(rs.getString(1), roles(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                                rs.getInt(4) != 0, SqlTime.parse(rs.getString(5)), SqlTime.parse(rs.getString(6))));
                    }
                    return out;
                }
            }
        });
    }

    private List<OperatorCredential> credentials(String what, String where, List<?> args) {
        return db.call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CREDENTIAL_COLUMNS + " FROM operator_credentials " + where)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<OperatorCredential> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(credential(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static OperatorCredential credential(ResultSet rs) throws SQLException {
        return new OperatorCredential(rs.getString(1), rs.getString(2),
                OperatorCredential.Kind.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)), rs.getString(4),
                roles(rs.getString(5)), SqlTime.parse(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)).map(SqlTime::parse), Optional.ofNullable(rs.getString(8)).map(SqlTime::parse));
    }

    private static String roles(List<RoleGrant> roles) {
        return CanonicalJson.write(roles.stream().map(RoleGrant::toString).toList());
    }

    private static List<RoleGrant> roles(String json) {
        return JsonReader.parseArray(json).stream().map(o -> RoleGrant.parse((String) o)).toList();
    }
}
