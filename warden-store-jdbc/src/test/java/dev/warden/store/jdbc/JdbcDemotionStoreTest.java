package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.demotion.Demotion;
import dev.warden.demotion.DemotionState;
import dev.warden.demotion.DemotionStep;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code demotions} table (migration V18): records with their steps round-trip, filter by agent and state, survive a reopen. */
class JdbcDemotionStoreTest {
    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-12-07T10:00:00.123456789Z");

    private static Demotion demotion(String id, String agent) {
        DemotionStep trigger = new DemotionStep(DemotionStep.TRIGGER, T, "system:incidents",
                Map.of("kind", "critical_incident", "incidents", List.of("inc_1"), "response", 2));
        return new Demotion(id, agent, MaturityLevel.SENIOR, MaturityLevel.INTERN, T, DemotionState.OPEN, Optional.empty(),
                List.of(trigger));
    }

    @Test
    void records_roundTrip_listNewestFirst_openOnlyTheOpenOnes_andSurviveReopen() throws Exception {
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            stores.demotions().insert(demotion("dem_01", "bot"));
            stores.demotions().insert(demotion("dem_02", "other"));
            stores.demotions().insert(demotion("dem_03", "bot"));
            Demotion d = stores.demotions().find("dem_01").orElseThrow();
            stores.demotions().update(d.ended(DemotionState.CLOSED, new DemotionStep(DemotionStep.REACTIVATION, T.plusSeconds(60),
                    "operator:olivia", Map.of("reason", "fixed"))));
        }
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            Demotion back = stores.demotions().find("dem_01").orElseThrow();
            assertThat(back.state()).isEqualTo(DemotionState.CLOSED);
            assertThat(back.closedAt()).contains(T.plusSeconds(60));
            assertThat(back.steps()).extracting(DemotionStep::step).containsExactly("trigger", "reactivation");
            assertThat(back.step("trigger").orElseThrow().detail()).containsEntry("incidents", List.of("inc_1"));
            assertThat(back.openedAt()).isEqualTo(T);
            assertThat(stores.demotions().list("bot")).extracting(Demotion::id).containsExactly("dem_03", "dem_01");
            assertThat(stores.demotions().open("bot")).extracting(Demotion::id).containsExactly("dem_03");
            stores.demotions().delete("dem_03");
            assertThat(stores.demotions().open("bot")).isEmpty();
            assertThat(stores.demotions().find("dem_03")).isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT level_before, level, state FROM demotions WHERE id = 'dem_01'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("senior");
            assertThat(rs.getString(2)).isEqualTo("intern");
            assertThat(rs.getString(3)).isEqualTo("closed");
        }
    }
}
