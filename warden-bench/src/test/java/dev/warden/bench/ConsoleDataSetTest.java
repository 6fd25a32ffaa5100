package dev.warden.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentStatus;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.log.LogValidation;
import dev.warden.audit.log.LogValidator;
import dev.warden.store.jdbc.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small generated data set is a valid Warden log with the agents, kinds and spread asked for. */
class ConsoleDataSetTest {
    @TempDir
    Path out;

    @Test
    void aSmallDataSet_validatesAsTheServerChecksIt_andResumeExtendsIt() throws Exception {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        ConsoleDataSet.Summary s = new ConsoleDataSet(out, 60, 5_000, 3, 7, now, 0).write(Path.of("../examples/quickstart"));

        assertThat(s.agents()).isEqualTo(60);
        assertThat(Files.readString(out.resolve("config/warden.yaml"))).contains("  billing: [prod, staging]");
        assertThat(out.resolve("data/keys/audit-log.key")).exists();
        try (JdbcStores stores = JdbcStores.openSqlite(out.resolve("data/warden.db"))) {
            LogValidation v = new LogValidator(stores.audit(), stores.checkpoints(), stores.audit()).validate();
            assertThat(v).isInstanceOf(LogValidation.Valid.class);
            assertThat(((LogValidation.Valid) v).size()).isEqualTo(5_000);
            assertThat(((LogValidation.Valid) v).checkpoints()).isEqualTo(1);
            List<Agent> agents = stores.agents().list();
            assertThat(agents).hasSize(60);
            assertThat(agents.stream().map(Agent::project).collect(Collectors.toSet())).hasSizeGreaterThan(2);
            assertThat(agents.stream().map(Agent::status).collect(Collectors.toSet())).contains(AgentStatus.ACTIVE);
            var entries = stores.audit().read(new AuditQuery(0, 1_000, Optional.empty(), Optional.empty()));
            Set<String> kinds = entries.stream().map(r -> r.kind()).collect(Collectors.toSet());
            assertThat(kinds).contains("decision", "outcome");
            assertThat(entries.getFirst().time()).isBefore(now.minusSeconds(2 * 86_400));
            var last = stores.audit().read(new AuditQuery(4_999, 1, Optional.empty(), Optional.empty())).getFirst();
            assertThat(last.seq()).isEqualTo(5_000);
            assertThat(last.time()).isBefore(now).isAfter(now.minusSeconds(3_600));
        }

        new ConsoleDataSet(out, 0, 1_000, 0, 8, now.plusSeconds(7_200), 1).write(Path.of("../examples/quickstart"));
        try (JdbcStores stores = JdbcStores.openSqlite(out.resolve("data/warden.db"))) {
            LogValidation v = new LogValidator(stores.audit(), stores.checkpoints(), stores.audit()).validate();
            assertThat(v).isInstanceOf(LogValidation.Valid.class);
            assertThat(((LogValidation.Valid) v).size()).isEqualTo(6_000);
            assertThat(((LogValidation.Valid) v).checkpoints()).isEqualTo(2);
        }
    }
}
