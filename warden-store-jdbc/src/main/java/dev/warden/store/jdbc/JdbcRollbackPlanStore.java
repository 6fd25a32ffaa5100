package dev.warden.store.jdbc;

import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import dev.warden.rollback.ItemResult;
import dev.warden.rollback.ItemState;
import dev.warden.rollback.PlannedCall;
import dev.warden.rollback.RollbackItem;
import dev.warden.rollback.RollbackPlan;
import dev.warden.rollback.RollbackPlanStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RollbackPlanStore} on the {@code rollback_plans} and {@code rollback_items} tables. Its
 * writes join the audit transaction of the same database ({@link DatabaseStore}), so a plan, a run
 * mark or an item's result commits with its audit record.
 */
public final class JdbcRollbackPlanStore implements RollbackPlanStore, DatabaseStore {
    private static final String ITEM_COLUMNS = "decision_id, time, action, args, outcome, comp_tool, comp_args, "
            + "none_reason, state, result_decision_id, reasons, result_at, detail";
    /** States that hold an original action (see {@link ItemState#holdsAction}). */
    private static final String HOLDING = "('running', 'forwarded', 'handed_to_owner', 'failed')";

    private final Database db;

    JdbcRollbackPlanStore(Database db) {
        this.db = db;
    }

    @Override
    public Database database() {
        return db;
    }

    @Override
    public void create(RollbackPlan plan) {
        db.call("store rollback plan " + plan.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollback_plans "
                    + "(id, agent, since, until, created_at, created_by, truncated, ran_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, plan.id());
                ps.setString(2, plan.agent());
                ps.setString(3, SqlTime.format(plan.since()));
                ps.setString(4, SqlTime.format(plan.until()));
                ps.setString(5, SqlTime.format(plan.createdAt()));
                ps.setString(6, plan.createdBy());
                ps.setInt(7, plan.truncated() ? 1 : 0);
                ps.setString(8, plan.ranBy().orElse(null));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollback_items (plan_id, position, " + ITEM_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (RollbackItem i : plan.items()) {
                    ps.setString(1, plan.id());
                    ps.setInt(2, position++);
                    ps.setString(3, i.decisionId());
                    ps.setString(4, SqlTime.format(i.time()));
                    ps.setString(5, i.action());
                    ps.setString(6, CanonicalJson.write(i.args()));
                    ps.setString(7, i.outcome());
                    ps.setString(8, i.compensation().map(PlannedCall::tool).orElse(null));
                    ps.setString(9, i.compensation().map(p -> CanonicalJson.write(p.args())).orElse(null));
                    ps.setString(10, i.none().orElse(null));
                    setResult(ps, 11, i.result());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Writes state, result_decision_id, reasons, result_at and detail from {@code at}. */
    private static void setResult(PreparedStatement ps, int at, ItemResult r) throws SQLException {
        ps.setString(at, r.state().wire());
        ps.setString(at + 1, r.decisionId().orElse(null));
        ps.setString(at + 2, CanonicalJson.write(r.reasons()));
        ps.setString(at + 3, r.at().map(SqlTime::format).orElse(null));
        ps.setString(at + 4, r.detail().orElse(null));
    }

    @Override
    public void delete(String planId) {
        db.call("remove rollback plan " + planId, c -> {
            try (PreparedStatement items = c.prepareStatement("DELETE FROM rollback_items WHERE plan_id = ?");
                 PreparedStatement plan = c.prepareStatement("DELETE FROM rollback_plans WHERE id = ?")) {
                items.setString(1, planId);
                items.executeUpdate();
                plan.setString(1, planId);
                return plan.executeUpdate();
            }
        });
    }

    @Override
    public Optional<RollbackPlan> find(String planId) {
        return db.call("find rollback plan " + planId, c -> {
            List<RollbackItem> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS
                    + " FROM rollback_items WHERE plan_id = ? ORDER BY position")) {
                ps.setString(1, planId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(item(rs));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, agent, since, until, created_at, created_by, "
                    + "truncated, ran_by FROM rollback_plans WHERE id = ?")) {
                ps.setString(1, planId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new RollbackPlan(rs.getString(1), rs.getString(2), SqlTime.parse(rs.getString(3)),
                            SqlTime.parse(rs.getString(4)), SqlTime.parse(rs.getString(5)), rs.getString(6),
                            rs.getInt(7) != 0, Optional.ofNullable(rs.getString(8)), items));
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static RollbackItem item(ResultSet rs) throws SQLException {
        String tool = rs.getString("comp_tool");
        Optional<PlannedCall> call = tool == null ? Optional.empty()
                : Optional.of(new PlannedCall(tool, JsonReader.parseObject(rs.getString("comp_args"))));
        List<Map<String, Object>> reasons = new ArrayList<>();
        for (Object r : JsonReader.parseArray(rs.getString("reasons"))) {
            reasons.add((Map<String, Object>) r);
        }
        String at = rs.getString("result_at");
        ItemResult result = new ItemResult(ItemState.parse(rs.getString("state")),
                Optional.ofNullable(rs.getString("result_decision_id")), reasons,
                at == null ? Optional.empty() : Optional.of(SqlTime.parse(at)), Optional.ofNullable(rs.getString("detail")));
        return new RollbackItem(rs.getString("decision_id"), SqlTime.parse(rs.getString("time")), rs.getString("action"),
                JsonReader.parseObject(rs.getString("args")), rs.getString("outcome"), call,
                Optional.ofNullable(rs.getString("none_reason")), result);
    }

    @Override
    public boolean markRun(String planId, String by) {
        return db.call("mark rollback plan " + planId + " run", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rollback_plans SET ran_by = ? WHERE id = ? AND ran_by IS NULL")) {
                ps.setString(1, by);
                ps.setString(2, planId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void unmarkRun(String planId) {
        db.call("unmark rollback plan " + planId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rollback_plans SET ran_by = NULL WHERE id = ?")) {
                ps.setString(1, planId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean claim(String planId, String decisionId) {
        // one statement: SQLite runs it under the database's write lock, so two claims cannot both pass
        return db.call("claim rollback item " + decisionId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rollback_items SET state = 'running' "
                    + "WHERE plan_id = ? AND decision_id = ? AND state = 'pending' AND NOT EXISTS ("
                    + "SELECT 1 FROM rollback_items WHERE decision_id = ? AND state IN " + HOLDING + ")")) {
                ps.setString(1, planId);
                ps.setString(2, decisionId);
                ps.setString(3, decisionId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void finish(String planId, String decisionId, ItemResult result) {
        db.call("store rollback item " + decisionId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rollback_items SET state = ?, result_decision_id = ?, "
                    + "reasons = ?, result_at = ?, detail = ? WHERE plan_id = ? AND decision_id = ?")) {
                setResult(ps, 1, result);
                ps.setString(6, planId);
                ps.setString(7, decisionId);
                return ps.executeUpdate();
            }
        });
    }
}
