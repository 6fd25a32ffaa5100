package dev.warden.store.jdbc;

import dev.warden.catalog.ToolPin;
import dev.warden.catalog.ToolPinStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ToolPinStore} on the {@code tool_pins} table. */
public final class JdbcToolPinStore implements ToolPinStore, DatabaseStore {
    private static final String COLUMNS = "tool, hash, definition, state, pending_hash, pending_definition, updated_at, approved_by";
    private static final String UPSERT = "INSERT INTO tool_pins (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (tool) DO UPDATE SET hash = excluded.hash, definition = excluded.definition, "
            + "state = excluded.state, pending_hash = excluded.pending_hash, "
            + "pending_definition = excluded.pending_definition, updated_at = excluded.updated_at, "
            + "approved_by = excluded.approved_by";

    private final Database db;

    JdbcToolPinStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<ToolPin> find(String tool) {
        return db.call("find tool pin", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tool_pins WHERE tool = ?")) {
                ps.setString(1, tool);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void save(ToolPin pin) {
        db.call("save tool pin", c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, pin.tool());
                ps.setString(2, pin.hash());
                ps.setString(3, pin.definition());
                ps.setString(4, pin.state().name());
                ps.setString(5, pin.pendingHash().orElse(null));
                ps.setString(6, pin.pendingDefinition().orElse(null));
                ps.setString(7, SqlTime.format(pin.updatedAt()));
                ps.setString(8, pin.approvedBy());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<ToolPin> list() {
        return db.call("list tool pins", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tool_pins ORDER BY tool");
                 ResultSet rs = ps.executeQuery()) {
                List<ToolPin> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    @Override
    public void remove(String tool) {
        db.call("remove tool pin", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tool_pins WHERE tool = ?")) {
                ps.setString(1, tool);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Database database() {
        return db;
    }

    private static ToolPin read(ResultSet rs) throws SQLException {
        return new ToolPin(rs.getString(1), rs.getString(2), rs.getString(3), ToolPin.State.valueOf(rs.getString(4)),
                Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)), SqlTime.parse(rs.getString(7)),
                rs.getString(8));
    }
}
