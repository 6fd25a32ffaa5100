package dev.warden.store.jdbc;

import dev.warden.agent.MaturityLevel;
import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import dev.warden.maturity.EvidenceItem;
import dev.warden.maturity.EvidenceStore;
import dev.warden.maturity.SignOffRole;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link EvidenceStore} on the {@code promotion_evidence} table; an item's fields are stored as
 * canonical JSON. {@link #withdraw} is one conditional {@code UPDATE}.
 */
public final class JdbcEvidenceStore implements EvidenceStore, DatabaseStore {
    private static final String COLUMNS = "id, agent, level, target, kind, operator, role, fields, recorded_at, "
            + "withdrawn_at, withdrawn_by, withdraw_reason";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM promotion_evidence";

    private final Database db;

    JdbcEvidenceStore(Database db) {
        this.db = db;
    }

    @Override
    public Database database() {
        return db;
    }

    @Override
    public void insert(EvidenceItem e) {
        Objects.requireNonNull(e, "item");
        String fields = CanonicalJson.write(e.fields());
        db.call("insert evidence " + e.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO promotion_evidence (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                ps.setString(i++, e.id());
                ps.setString(i++, e.agent());
                ps.setString(i++, e.level().wire());
                ps.setString(i++, e.target().wire());
                ps.setString(i++, e.kind());
                ps.setString(i++, e.operator());
                ps.setString(i++, e.role().wire());
                ps.setString(i++, fields);
                ps.setString(i++, SqlTime.format(e.recordedAt()));
                ps.setString(i++, SqlTime.format(e.withdrawnAt().orElse(null)));
                ps.setString(i++, e.withdrawnBy().orElse(null));
                ps.setString(i, e.withdrawReason().orElse(null));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean remove(String id) {
        return update("remove evidence " + id, "DELETE FROM promotion_evidence WHERE id = ?", id);
    }

    @Override
    public Optional<EvidenceItem> find(String id) {
        List<EvidenceItem> found = query("find evidence " + id, SELECT + " WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public List<EvidenceItem> listOfAgent(String agent) {
        return query("list evidence of " + agent, SELECT + " WHERE agent = ? ORDER BY recorded_at, id", agent);
    }

    @Override
    public boolean withdraw(String id, String by, Instant at, String reason) {
        return update("withdraw evidence " + id, "UPDATE promotion_evidence SET withdrawn_at = ?, withdrawn_by = ?, "
                + "withdraw_reason = ? WHERE id = ? AND withdrawn_at IS NULL", SqlTime.format(at), by, reason, id);
    }

    @Override
    public boolean unwithdraw(String id) {
        return update("take back the withdrawal of evidence " + id, "UPDATE promotion_evidence SET withdrawn_at = NULL, "
                + "withdrawn_by = NULL, withdraw_reason = NULL WHERE id = ? AND withdrawn_at IS NOT NULL", id);
    }

    private boolean update(String what, String sql, String... params) {
        return db.updateOne(what, sql, params);
    }

    private List<EvidenceItem> query(String what, String sql, String... params) {
        return db.query(what, sql, JdbcEvidenceStore::read, params);
    }

    private static EvidenceItem read(ResultSet rs) throws SQLException {
        return new EvidenceItem(rs.getString("id"), rs.getString("agent"), MaturityLevel.parse(rs.getString("level")),
                MaturityLevel.parse(rs.getString("target")), rs.getString("kind"), rs.getString("operator"),
                SignOffRole.parse(rs.getString("role")), JsonReader.parseObject(rs.getString("fields")),
                SqlTime.parse(rs.getString("recorded_at")), Optional.ofNullable(SqlTime.parse(rs.getString("withdrawn_at"))),
                Optional.ofNullable(rs.getString("withdrawn_by")), Optional.ofNullable(rs.getString("withdraw_reason")));
    }
}
