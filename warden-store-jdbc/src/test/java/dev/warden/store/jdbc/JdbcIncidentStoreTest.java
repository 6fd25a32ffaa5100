package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.behavior.AnomalySeverity;
import dev.warden.incident.AppliedResponse;
import dev.warden.incident.Incident;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentState;
import dev.warden.incident.ResponseAction;
import dev.warden.incident.TimelineEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcIncidentStoreTest {
    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456789Z");

    private static Incident incident(String id, String agent, IncidentState state) {
        TimelineEntry anomaly = new TimelineEntry(T, "anomaly", "calls x3", Map.of("anomaly_id", "anm_1", "evidence", List.of("dec_1")));
        AppliedResponse throttle = new AppliedResponse(1, ResponseAction.THROTTLE, T, "anm_1", "volume_spike", Optional.empty(),
                Map.of("rate_per_minute", 2.5), Optional.empty(), Optional.empty());
        return new Incident(id, agent, T, AnomalySeverity.MAJOR, state, Optional.empty(), List.of(anomaly), List.of(throttle));
    }

    @Test
    void incidents_roundTrip_filterAndPage_newestFirst_andSurviveReopen() {
        Incident a = incident("inc_01", "bot", IncidentState.OPEN);
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            stores.incidents().insert(a);
            stores.incidents().insert(incident("inc_02", "other", IncidentState.OPEN));
            stores.incidents().insert(incident("inc_03", "bot", IncidentState.OPEN));
            Incident closed = stores.incidents().find("inc_03").orElseThrow().moved(IncidentState.RESOLVED,
                    new TimelineEntry(T.plusSeconds(5), "operator", "resolved", Map.of("actor", "operator:olivia")));
            AppliedResponse undone = closed.responses().getFirst().undone("operator:olivia", T.plusSeconds(6));
            stores.incidents().update(closed.undone(undone, new TimelineEntry(T.plusSeconds(6), "response_undone", "undone", Map.of())));
        }
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            Incident back = stores.incidents().find("inc_01").orElseThrow();
            assertThat(((Number) back.responses().getFirst().detail().get("rate_per_minute")).doubleValue()).isEqualTo(2.5);
            assertThat(back.timeline().getFirst().detail()).containsEntry("evidence", List.of("dec_1"));
            assertThat(stores.incidents().active("bot")).map(Incident::id).contains("inc_01");
            assertThat(stores.incidents().list(IncidentQuery.newest(10))).extracting(Incident::id)
                    .containsExactly("inc_03", "inc_02", "inc_01");
            assertThat(stores.incidents().list(new IncidentQuery(Optional.of("bot"), Optional.of(IncidentState.RESOLVED),
                    Optional.empty(), 10))).singleElement().satisfies(i -> {
                        assertThat(i.closedAt()).contains(T.plusSeconds(5));
                        assertThat(i.responses().getFirst().undoneBy()).contains("operator:olivia");
                    });
            assertThat(stores.incidents().list(new IncidentQuery(Optional.empty(), Optional.empty(), Optional.of("inc_03"), 1)))
                    .extracting(Incident::id).containsExactly("inc_02");
            assertThat(stores.incidents().withResponsesInForce()).extracting(Incident::id).containsExactly("inc_01", "inc_02");
            stores.incidents().delete("inc_02");
            assertThat(stores.incidents().find("inc_02")).isEmpty();
        }
    }
}
