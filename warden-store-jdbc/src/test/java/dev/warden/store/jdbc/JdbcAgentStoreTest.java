package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.AgentStore;
import dev.warden.agent.MaturityLevel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcAgentStoreTest {
    @TempDir
    Path dir;
    JdbcStores stores;
    AgentStore agents;

    @BeforeEach
    void open() {
        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        agents = stores.agents();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void insertThenFindRoundTripsEveryField() {
        Agent agent = Fixtures.agent("ticket-bot");

        assertThat(agents.insert(agent)).isTrue();

        Agent found = agents.find("ticket-bot").orElseThrow();
        assertThat(found).isEqualTo(agent);
        assertThat(found.createdAt()).isEqualTo(Fixtures.T0);
        assertThat(found.keys()).isEqualTo(agent.keys());
        assertThat(found.capabilities()).containsExactly("tickets.read", "tickets.comment");
    }

    @Test
    void findOfUnknownNameIsEmpty() {
        assertThat(agents.find("nobody")).isEmpty();
    }

    @Test
    void nullOptionalTextAndEmptyListsRoundTrip() {
        Agent sparse = new Agent(new AgentId("example.org", "sparse"), "bob", null, List.of(), null, null, null, null,
                MaturityLevel.INTERN, AgentStatus.QUARANTINED, List.of(), 7, Fixtures.T0.plusNanos(1));

        agents.insert(sparse);

        assertThat(agents.find("sparse")).contains(sparse);
    }

    @Test
    void duplicateInsertReturnsFalseAndKeepsTheOriginal() {
        Agent original = Fixtures.agent("dup");
        Agent other = new Agent(new AgentId("other.domain", "dup"), "mallory", "takeover", List.of("root"), "9",
                "x", "p", "e", MaturityLevel.PRINCIPAL, AgentStatus.ACTIVE, List.of(Fixtures.key("evil", 9)), 0,
                Fixtures.T0.plusSeconds(5));

        assertThat(agents.insert(original)).isTrue();
        assertThat(agents.insert(other)).isFalse();

        assertThat(agents.find("dup")).contains(original);
        assertThat(agents.list()).containsExactly(original);
    }

    @Test
    void listIsOrderedByName() {
        for (String name : List.of("zeta", "alpha", "mid-1", "mid.0", "beta")) {
            agents.insert(Fixtures.agent(name));
        }

        assertThat(agents.list()).extracting(Agent::name).containsExactly("alpha", "beta", "mid-1", "mid.0", "zeta");
    }

    @Test
    void updateReplacesEveryField() {
        Agent agent = Fixtures.agent("changer");
        agents.insert(agent);
        Agent changed = new Agent(new AgentId("new.domain", "changer"), "carol", "new purpose",
                List.of("a.b", "c.d", "e.f"), "2.0.0", "sha256:" + "cd".repeat(32), "proj2", "staging",
                MaturityLevel.SENIOR, AgentStatus.KILLED, List.of(Fixtures.key("k3", 3)), 42,
                Fixtures.T0.plusNanos(999));

        agents.update(changed);

        assertThat(agents.find("changer")).contains(changed);

        Agent again = changed.withLevel(MaturityLevel.PRINCIPAL, changed.createdAt().plusSeconds(60)).withStatus(AgentStatus.RETIRED, 43);
        agents.update(again);

        assertThat(agents.find("changer")).contains(again);
        assertThat(agents.list()).containsExactly(again);
    }

    @Test
    void updateOfMissingAgentIsAgentNotFound() {
        agents.insert(Fixtures.agent("present"));

        assertThatThrownBy(() -> agents.update(Fixtures.agent("missing")))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
        assertThat(agents.list()).extracting(Agent::name).containsExactly("present");
    }

    @Test
    void agentsSurviveReopen() {
        Agent agent = Fixtures.agent("durable");
        agents.insert(agent);
        stores.close();

        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));

        assertThat(stores.agents().find("durable")).contains(agent);
    }

    @Test
    void agentsStoredBeforeTheLevelBasisMigration_holdTheirLevelSinceRegistration_internAsStarted_othersAsGranted() throws Exception {
        stores.close();
        Path old = dir.resolve("old.db");
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + old);
        org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(ds)
                .locations("classpath:db/migration/sqlite").target("12").load().migrate();
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            for (String[] a : new String[][] {{"old-intern", "intern"}, {"old-senior", "senior"}}) {
                st.executeUpdate("INSERT INTO agents (name, trust_domain, capabilities, level, status, keys, token_epoch, created_at)"
                        + " VALUES ('" + a[0] + "', 'warden.local', '[]', '" + a[1] + "', 'active', '[]', 0,"
                        + " '2026-01-02T03:04:05.000000000Z')");
            }
        }
        stores = JdbcStores.openSqlite(old);
        Agent intern = stores.agents().find("old-intern").orElseThrow();
        Agent senior = stores.agents().find("old-senior").orElseThrow();
        assertThat(intern.levelBasis()).isEqualTo(dev.warden.agent.LevelBasis.STARTED);
        assertThat(senior.levelBasis()).isEqualTo(dev.warden.agent.LevelBasis.GRANTED);
        assertThat(senior.levelSince()).isEqualTo(java.time.Instant.parse("2026-01-02T03:04:05Z"));
    }
}
