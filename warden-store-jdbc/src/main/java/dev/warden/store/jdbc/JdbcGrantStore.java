package dev.warden.store.jdbc;

import dev.warden.grant.ArgCondition;
import dev.warden.grant.Grant;
import dev.warden.grant.GrantId;
import dev.warden.grant.GrantStore;
import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link GrantStore} on the {@code grants} table. Conditions are stored as canonical JSON.
 * {@link #use} and {@link #revoke} are single conditional {@code UPDATE}s, so each is an atomic
 * compare-and-set: of any number of concurrent uses of a grant's last use, one is counted.
 */
public final class JdbcGrantStore implements GrantStore, DatabaseStore {
    private static final String COLUMNS = "id, agent, tool, resource, session_id, conditions, max_uses, uses, "
            + "created_by, created_at, expires_at, revoked_at, revoked_by, reason";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM grants";
    private static final String INSERT = "INSERT INTO grants (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;

    JdbcGrantStore(Database db) {
        this.db = db;
    }

    @Override
    public Database database() {
        return db;
    }

    @Override
    public void insert(Grant g) {
        Objects.requireNonNull(g, "grant");
        String conditions = CanonicalJson.write(g.conditions().stream().map(ArgCondition::wire).toList());
        db.call("insert grant " + g.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int i = 1;
                ps.setString(i++, g.id().value());
                ps.setString(i++, g.agent());
                ps.setString(i++, g.tool());
                ps.setString(i++, g.resource().orElse(null));
                ps.setString(i++, g.session().orElse(null));
                ps.setString(i++, conditions);
                if (g.maxUses().isPresent()) {
                    ps.setLong(i++, g.maxUses().getAsLong());
                } else {
                    ps.setNull(i++, java.sql.Types.INTEGER);
                }
                ps.setLong(i++, g.uses());
                ps.setString(i++, g.createdBy());
                ps.setString(i++, SqlTime.format(g.createdAt()));
                ps.setString(i++, SqlTime.format(g.expiresAt()));
                ps.setString(i++, SqlTime.format(g.revokedAt().orElse(null)));
                ps.setString(i++, g.revokedBy().orElse(null));
                ps.setString(i, g.reason());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean remove(GrantId id) {
        return update("remove grant " + id, "DELETE FROM grants WHERE id = ?", id.value());
    }

    @Override
    public Optional<Grant> find(GrantId id) {
        Objects.requireNonNull(id, "id");
        List<Grant> found = query("find grant " + id, SELECT + " WHERE id = ?", id.value());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public List<Grant> listOfAgent(String agent) {
        Objects.requireNonNull(agent, "agent");
        return query("list grants of " + agent, SELECT + " WHERE agent = ? ORDER BY created_at, id", agent);
    }

    @Override
    public List<Grant> list(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return query("list grants", SELECT + " ORDER BY created_at DESC, id DESC LIMIT " + limit);
    }

    @Override
    public List<Grant> listUnexpired(Instant now) {
        return query("list grants in force", SELECT + " WHERE revoked_at IS NULL AND expires_at > ? ORDER BY created_at, id",
                SqlTime.format(now));
    }

    @Override
    public boolean use(GrantId id) {
        return update("use grant " + id, "UPDATE grants SET uses = uses + 1 WHERE id = ? AND revoked_at IS NULL "
                + "AND (max_uses IS NULL OR uses < max_uses)", id.value());
    }

    @Override
    public boolean unuse(GrantId id) {
        return update("take back a use of grant " + id, "UPDATE grants SET uses = uses - 1 WHERE id = ? AND uses > 0", id.value());
    }

    @Override
    public boolean revoke(GrantId id, String by, Instant at) {
        return update("revoke grant " + id, "UPDATE grants SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                SqlTime.format(at), by, id.value());
    }

    @Override
    public boolean unrevoke(GrantId id) {
        return update("take back the revocation of grant " + id,
                "UPDATE grants SET revoked_at = NULL, revoked_by = NULL WHERE id = ? AND revoked_at IS NOT NULL", id.value());
    }

    private boolean update(String what, String sql, String... params) {
        return db.updateOne(what, sql, params);
    }

    private List<Grant> query(String what, String sql, String... params) {
        return db.query(what, sql, JdbcGrantStore::read, params);
    }

    private static Grant read(ResultSet rs) throws SQLException {
        List<ArgCondition> conditions = new ArrayList<>();
        for (Object o : JsonReader.parseArray(rs.getString("conditions"))) {
            conditions.add(ArgCondition.fromWire((Map<?, ?>) o));
        }
        long max = rs.getLong("max_uses");
        OptionalLong maxUses = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
        return new Grant(new GrantId(rs.getString("id")), rs.getString("agent"), rs.getString("tool"),
                Optional.ofNullable(rs.getString("resource")), Optional.ofNullable(rs.getString("session_id")),
                conditions, maxUses, rs.getLong("uses"), rs.getString("created_by"),
                SqlTime.parse(rs.getString("created_at")), SqlTime.parse(rs.getString("expires_at")),
                Optional.ofNullable(SqlTime.parse(rs.getString("revoked_at"))), Optional.ofNullable(rs.getString("revoked_by")),
                rs.getString("reason"));
    }
}
