package dev.warden.store.jdbc;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalState;
import dev.warden.approval.ApprovalStore;
import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ApprovalStore} on the {@code approvals} table. {@code args} are stored as canonical JSON
 * and read back with {@link JsonReader} (integers as {@code Long}, other numbers as
 * {@code BigDecimal}); {@link #transition} is a single conditional {@code UPDATE}, so it is an
 * atomic compare-and-set on the state.
 */
public final class JdbcApprovalStore implements ApprovalStore, DatabaseStore {
    private static final String COLUMNS = "id, agent, session_id, decision_id, action, resource, args, fingerprint, "
            + "policy_ids, rationale, state, created_at, expires_at, decided_by, decided_at, note, approver_groups";
    private static final String INSERT = "INSERT INTO approvals (" + COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM approvals";
    /** A human decision: records who, when and the note. */
    private static final String TRANSITION_DECIDED = "UPDATE approvals SET state = ?, decided_by = ?, decided_at = ?, "
            + "note = COALESCE(?, note) WHERE id = ? AND state = ?";
    /** A system transition (e.g. APPROVED to USED): keeps who decided and when, unless never set. */
    private static final String TRANSITION_SYSTEM = "UPDATE approvals SET state = ?, "
            + "decided_at = COALESCE(decided_at, ?), note = COALESCE(?, note) WHERE id = ? AND state = ?";

    /** Puts back the fields a transition changes. */
    private static final String RESTORE = "UPDATE approvals SET state = ?, decided_by = ?, decided_at = ?, note = ? "
            + "WHERE id = ? AND state = ?";

    private final Database db;

    JdbcApprovalStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Approval a) {
        Objects.requireNonNull(a, "approval");
        requireStored(a.state());
        String args = CanonicalJson.write(a.args());
        String policyIds = CanonicalJson.write(a.policyIds());
        String groups = CanonicalJson.write(a.groups());
        String createdAt = SqlTime.format(Objects.requireNonNull(a.createdAt(), "createdAt"));
        String expiresAt = SqlTime.format(Objects.requireNonNull(a.expiresAt(), "expiresAt"));
        String decidedAt = SqlTime.format(a.decidedAt().orElse(null));
        db.call("insert approval " + a.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int i = 1;
                ps.setString(i++, a.id().value());
                ps.setString(i++, a.agent());
                ps.setString(i++, a.sessionId());
                ps.setString(i++, a.decisionId());
                ps.setString(i++, a.action());
                ps.setString(i++, a.resource());
                ps.setString(i++, args);
                ps.setString(i++, a.fingerprint());
                ps.setString(i++, policyIds);
                ps.setString(i++, a.rationale());
                ps.setString(i++, a.state().wire());
                ps.setString(i++, createdAt);
                ps.setString(i++, expiresAt);
                ps.setString(i++, a.decidedBy().orElse(null));
                ps.setString(i++, decidedAt);
                ps.setString(i++, a.note().orElse(null));
                ps.setString(i, groups);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Approval> find(ApprovalId id) {
        Objects.requireNonNull(id, "id");
        return db.call("find approval " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Filters on the stored state: asking for {@code EXPIRED} returns only the approvals the
     * sweeper has expired (use {@link Approval#stateAt(Instant)} on the results for the rest).
     */
    @Override
    public List<Approval> list(Optional<ApprovalState> state, int limit) {
        Objects.requireNonNull(state, "state");
        if (limit <= 0) {
            return List.of();
        }
        String sql = SELECT + (state.isPresent() ? " WHERE state = ?" : "") + " ORDER BY created_at DESC, id DESC LIMIT ?";
        return db.call("list approvals", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (state.isPresent()) {
                    ps.setString(i++, state.get().wire());
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Approval> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public List<Approval> listOfAgent(String agent, ApprovalState state) {
        Objects.requireNonNull(agent, "agent");
        requireStored(Objects.requireNonNull(state, "state"));
        return db.call("list approvals of agent " + agent, c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE state = ? AND agent = ? ORDER BY created_at, id")) {
                ps.setString(1, state.wire());
                ps.setString(2, agent);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Approval> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>With a non-null {@code decidedBy} (a human decision) {@code decided_by} and
     * {@code decided_at = at} are recorded; with a null one both are kept, except that
     * {@code decided_at} is set to {@code at} if it was never set. A non-null {@code note} replaces
     * the stored note.
     */
    @Override
    public boolean transition(ApprovalId id, ApprovalState from, ApprovalState to, String decidedBy, Instant at, String note) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        requireStored(to);
        String atText = SqlTime.format(Objects.requireNonNull(at, "at"));
        return db.call("transition approval " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(decidedBy != null ? TRANSITION_DECIDED : TRANSITION_SYSTEM)) {
                int i = 1;
                ps.setString(i++, to.wire());
                if (decidedBy != null) {
                    ps.setString(i++, decidedBy);
                }
                ps.setString(i++, atText);
                ps.setString(i++, note);
                ps.setString(i++, id.value());
                ps.setString(i, from.wire());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean restore(Approval earlier, ApprovalState from) {
        Objects.requireNonNull(earlier, "earlier");
        requireStored(earlier.state());
        requireStored(Objects.requireNonNull(from, "from"));
        String decidedAt = SqlTime.format(earlier.decidedAt().orElse(null));
        return db.call("restore approval " + earlier.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(RESTORE)) {
                ps.setString(1, earlier.state().wire());
                ps.setString(2, earlier.decidedBy().orElse(null));
                ps.setString(3, decidedAt);
                ps.setString(4, earlier.note().orElse(null));
                ps.setString(5, earlier.id().value());
                ps.setString(6, from.wire());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean remove(ApprovalId id) {
        Objects.requireNonNull(id, "id");
        return db.call("remove approval " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM approvals WHERE id = ?")) {
                ps.setString(1, id.value());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Database database() {
        return db;
    }

    private static void requireStored(ApprovalState state) {
        Objects.requireNonNull(state, "state"); // every state may be stored: EXPIRED once the sweeper expired it
    }

    /** {@inheritDoc} Answered from the index on (state, expires_at). */
    @Override
    public List<Approval> listDue(Instant now, int limit) {
        String at = SqlTime.format(Objects.requireNonNull(now, "now"));
        if (limit <= 0) {
            return List.of();
        }
        return db.call("list approvals past their deadline", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE state IN ('pending', 'approved') "
                    + "AND expires_at <= ? ORDER BY expires_at, id LIMIT ?")) {
                ps.setString(1, at);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Approval> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public boolean signOff(ApprovalId id, String operator, Instant at) {
        return db.call("sign off approval " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO approval_signoffs (approval_id, operator, signed_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (approval_id, operator) DO NOTHING")) {
                ps.setString(1, id.value());
                ps.setString(2, operator);
                ps.setString(3, SqlTime.format(at));
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void removeSignOff(ApprovalId id, String operator) {
        db.call("take back sign-off of approval " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM approval_signoffs WHERE approval_id = ? AND operator = ?")) {
                ps.setString(1, id.value());
                ps.setString(2, operator);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<String> signOffs(ApprovalId id) {
        return db.call("read sign-offs of approval " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT operator FROM approval_signoffs WHERE approval_id = ? ORDER BY signed_at, rowid")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
    }

    private static List<String> groups(String json) {
        List<String> groups = new ArrayList<>();
        for (Object g : JsonReader.parseArray(json)) {
            groups.add((String) g);
        }
        return groups;
    }

    @Override
    public List<Approval> createdSince(Instant since, Optional<String> agent, int limit) {
        Objects.requireNonNull(agent, "agent");
        if (limit <= 0) {
            return List.of();
        }
        String sql = SELECT + " WHERE created_at >= ?" + (agent.isPresent() ? " AND agent = ?" : "")
                + " ORDER BY created_at, id LIMIT ?";
        String from = SqlTime.format(Objects.requireNonNull(since, "since"));
        return db.call("list approvals since " + since, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, from);
                if (agent.isPresent()) {
                    ps.setString(i++, agent.get());
                }
                ps.setInt(i, limit);
                return readAll(ps);
            }
        });
    }

    @Override
    public List<Approval> withFingerprint(String fingerprint, int limit) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (limit <= 0) {
            return List.of();
        }
        return db.call("list approvals of a call", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE fingerprint = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
                ps.setString(1, fingerprint);
                ps.setInt(2, limit);
                return readAll(ps);
            }
        });
    }

    private static List<Approval> readAll(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Approval> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        }
    }

    private static Approval read(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        try {
            List<String> policyIds = new ArrayList<>();
            for (Object p : JsonReader.parseArray(rs.getString("policy_ids"))) {
                policyIds.add((String) p);
            }
            return new Approval(
                    new ApprovalId(id),
                    rs.getString("agent"),
                    rs.getString("session_id"),
                    rs.getString("decision_id"),
                    rs.getString("action"),
                    rs.getString("resource"),
                    JsonReader.parseObject(rs.getString("args")),
                    rs.getString("fingerprint"),
                    policyIds,
                    rs.getString("rationale"),
                    ApprovalState.parse(rs.getString("state")),
                    SqlTime.parse(rs.getString("created_at")),
                    SqlTime.parse(rs.getString("expires_at")),
                    Optional.ofNullable(rs.getString("decided_by")),
                    Optional.ofNullable(SqlTime.parse(rs.getString("decided_at"))),
                    Optional.ofNullable(rs.getString("note")),
                    groups(rs.getString("approver_groups")));
        } catch (RuntimeException e) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "stored approval " + id + " is unreadable: " + e.getMessage(), e);
        }
    }
}
