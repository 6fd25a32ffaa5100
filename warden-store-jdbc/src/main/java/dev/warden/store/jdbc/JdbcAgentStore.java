package dev.warden.store.jdbc;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.AgentStore;
import dev.warden.agent.LevelBasis;
import dev.warden.agent.MaturityLevel;
import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AgentStore} on the {@code agents} table. Capabilities and keys are stored as canonical
 * JSON text ({@code ["tool",...]} and {@code [{"kid":...,"x":...},...]}).
 */
public final class JdbcAgentStore implements AgentStore, DatabaseStore {
    private static final String COLUMNS = "name, trust_domain, owner, purpose, capabilities, version, config_digest, "
            + "project, environment, level, status, keys, token_epoch, created_at, level_since, level_basis";
    private static final String INSERT = "INSERT INTO agents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (name) DO NOTHING";
    private static final String UPDATE = "UPDATE agents SET trust_domain = ?, owner = ?, purpose = ?, capabilities = ?, "
            + "version = ?, config_digest = ?, project = ?, environment = ?, level = ?, status = ?, keys = ?, "
            + "token_epoch = ?, created_at = ?, level_since = ?, level_basis = ? WHERE name = ?";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM agents";

    private final Database db;

    JdbcAgentStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean insert(Agent agent) {
        Objects.requireNonNull(agent, "agent");
        Row row = Row.of(agent);
        return db.call("insert agent " + agent.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, agent.name());
                row.bind(ps, 2);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Agent> find(String name) {
        Objects.requireNonNull(name, "name");
        return db.call("find agent " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Agent> list() {
        return db.call("list agents", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                List<Agent> agents = new ArrayList<>();
                while (rs.next()) {
                    agents.add(read(rs));
                }
                return agents;
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws WardenException with {@link ErrorCode#AGENT_NOT_FOUND} if no agent has this name
     */
    @Override
    public void update(Agent agent) {
        Objects.requireNonNull(agent, "agent");
        Row row = Row.of(agent);
        int updated = db.call("update agent " + agent.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                int next = row.bind(ps, 1);
                ps.setString(next, agent.name());
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new WardenException(ErrorCode.AGENT_NOT_FOUND, "agent not found: " + agent.name());
        }
    }

    @Override
    public boolean remove(String name) {
        Objects.requireNonNull(name, "name");
        return db.call("remove agent " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM agents WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Database database() {
        return db;
    }

    /** The column values of an agent other than its name, prepared before touching the database. */
    private record Row(Agent agent, String capabilities, String keys, String createdAt) {
        static Row of(Agent agent) {
            List<Map<String, Object>> keys = new ArrayList<>(agent.keys().size());
            for (AgentKey key : agent.keys()) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("kid", key.keyId());
                k.put("x", key.x());
                keys.add(k);
            }
            return new Row(agent, CanonicalJson.write(agent.capabilities()), CanonicalJson.write(keys),
                    SqlTime.format(Objects.requireNonNull(agent.createdAt(), "createdAt")));
        }

        /** Binds trust_domain .. level_basis from {@code index}; returns the next index. */
        int bind(PreparedStatement ps, int index) throws SQLException {
            int i = index;
            ps.setString(i++, agent.id().trustDomain());
            ps.setString(i++, agent.owner());
            ps.setString(i++, agent.purpose());
            ps.setString(i++, capabilities);
            ps.setString(i++, agent.version());
            ps.setString(i++, agent.configDigest());
            ps.setString(i++, agent.project());
            ps.setString(i++, agent.environment());
            ps.setString(i++, agent.level().wire());
            ps.setString(i++, agent.status().wire());
            ps.setString(i++, keys);
            ps.setLong(i++, agent.tokenEpoch());
            ps.setString(i++, createdAt);
            ps.setString(i++, SqlTime.format(agent.levelSince()));
            ps.setString(i++, agent.levelBasis().wire());
            return i;
        }
    }

    private static Agent read(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        try {
            List<String> capabilities = new ArrayList<>();
            for (Object c : JsonReader.parseArray(rs.getString("capabilities"))) {
                capabilities.add((String) c);
            }
            List<AgentKey> keys = new ArrayList<>();
            for (Object k : JsonReader.parseArray(rs.getString("keys"))) {
                Map<?, ?> key = (Map<?, ?>) k;
                keys.add(new AgentKey((String) key.get("kid"), (String) key.get("x")));
            }
            return new Agent(
                    new AgentId(rs.getString("trust_domain"), name),
                    rs.getString("owner"),
                    rs.getString("purpose"),
                    capabilities,
                    rs.getString("version"),
                    rs.getString("config_digest"),
                    rs.getString("project"),
                    rs.getString("environment"),
                    MaturityLevel.parse(rs.getString("level")),
                    AgentStatus.parse(rs.getString("status")),
                    keys,
                    rs.getLong("token_epoch"),
                    SqlTime.parse(rs.getString("created_at")),
                    SqlTime.parse(rs.getString("level_since")),
                    LevelBasis.parse(rs.getString("level_basis")));
        } catch (RuntimeException e) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "stored agent " + name + " is unreadable: " + e.getMessage(), e);
        }
    }
}
