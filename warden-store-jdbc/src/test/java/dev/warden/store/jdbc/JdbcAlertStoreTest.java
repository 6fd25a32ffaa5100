package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.alert.Alert;
import dev.warden.alert.AlertDelivery;
import dev.warden.alert.AlertQuery;
import dev.warden.alert.AlertRoute;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.AlertState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcAlertStoreTest {
    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456789Z");

    private static Alert alert(String id, String agent, AlertSeverity severity) {
        return new Alert(id, T, severity, "limit.exceeded", Optional.of(agent), Optional.of("shop"),
                Optional.of("alice@example.com"), "over", Map.of("limit", 500L, "unit", "usd"), List.of("dec_1"), 1, T,
                AlertState.OPEN, Optional.empty(), Optional.empty(), List.of("oncall", "owners:alice@example.com"));
    }

    @Test
    void alertsAndOutbox_roundTrip_andSurviveReopen() {
        Alert a = alert("alr_01", "bot", AlertSeverity.WARNING);
        AlertDelivery d1 = AlertDelivery.queued("dlv_1", "alr_01", new AlertRoute("oncall", Optional.empty()), T);
        AlertDelivery d2 = AlertDelivery.queued("dlv_2", "alr_01", new AlertRoute("owners", Optional.of("alice@example.com")), T);
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            stores.alerts().insert(a, List.of(d1, d2));
            stores.alerts().insert(alert("alr_02", "other", AlertSeverity.CRITICAL), List.of());
            assertThat(stores.alerts().find("alr_01")).contains(a);
            stores.alerts().failed("dlv_1", 1, T.plusSeconds(2), "HTTP 503");
            stores.alerts().delivered("dlv_2", 1, T.plusSeconds(1));
            stores.alerts().update(a.repeated(T.plusSeconds(3), List.of("dec_2")).acked("operator:olivia", T.plusSeconds(4)));
        }
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            Alert back = stores.alerts().find("alr_01").orElseThrow();
            assertThat(back.count()).isEqualTo(2);
            assertThat(back.evidence()).containsExactly("dec_1", "dec_2");
            assertThat(back.state()).isEqualTo(AlertState.ACKED);
            assertThat(back.ackedBy()).contains("operator:olivia");
            assertThat(stores.alerts().due(T.plusSeconds(1), 10)).isEmpty();
            assertThat(stores.alerts().due(T.plusSeconds(2), 10)).singleElement().satisfies(d -> {
                assertThat(d.id()).isEqualTo("dlv_1");
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.lastError()).contains("HTTP 503");
            });
            assertThat(stores.alerts().nextDue()).contains(T.plusSeconds(2));
            assertThat(stores.alerts().deliveries("alr_01")).extracting(AlertDelivery::recipient)
                    .containsExactlyInAnyOrder(Optional.empty(), Optional.of("alice@example.com"));
            assertThat(stores.alerts().list(AlertQuery.newest(10))).extracting(Alert::id).containsExactly("alr_02", "alr_01");
            assertThat(stores.alerts().list(new AlertQuery(Optional.of("bot"), Optional.empty(), Optional.of(AlertState.ACKED),
                    Optional.empty(), 10))).extracting(Alert::id).containsExactly("alr_01");
            assertThat(stores.alerts().list(new AlertQuery(Optional.empty(), Optional.of(AlertSeverity.CRITICAL),
                    Optional.empty(), Optional.empty(), 10))).extracting(Alert::id).containsExactly("alr_02");
            assertThat(stores.alerts().list(new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("alr_02"), 10))).extracting(Alert::id).containsExactly("alr_01");
            stores.alerts().delete("alr_01");
            assertThat(stores.alerts().find("alr_01")).isEmpty();
            assertThat(stores.alerts().deliveries("alr_01")).isEmpty();
        }
    }
}
