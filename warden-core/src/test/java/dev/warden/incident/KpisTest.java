package dev.warden.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.alert.Alert;
import dev.warden.alert.AlertDelivery;
import dev.warden.alert.AlertRoute;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.AlertState;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.outcome.OutcomeReport;
import dev.warden.testing.Fixtures;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The KPIs on a small scripted history, each value computed by hand. */
class KpisTest {
    private final WardenFixture f = new WardenFixture();
    private final Kpis kpis = new Kpis(f.auditStore, f.warden.alerts().store(), f.warden.incidents().store(), f.clock);

    @AfterEach
    void close() {
        f.close();
    }

    private Anomaly anomaly(String id, String agent, String detector, List<String> evidence) {
        return new Anomaly(id, f.clock.instant(), agent, Optional.empty(), detector, 1, AnomalySeverity.MAJOR, 10, Optional.of(2.0),
                4, detector, evidence);
    }

    private Alert alert(String id, Instant raised) {
        return new Alert(id, raised, AlertSeverity.WARNING, "incident.opened", Optional.of("bot"), Optional.empty(), Optional.empty(),
                "s", Map.of(), List.of(), 1, raised, AlertState.OPEN, Optional.empty(), Optional.empty(), List.of("oncall"));
    }

    @Test
    void emptyHistory_givesNullsNotZeros() {
        assertThat(kpis.compute(Duration.ofHours(1))).containsEntry("mttd_seconds", null).containsEntry("authorization_rate", null)
                .containsEntry("false_positive_rate", null).containsEntry("window_seconds", 3600L);
    }

    @Test
    void scriptedHistory_givesTheValuesWorkedOutByHand() {
        f.policies.permit(Fixtures.READ, "p-read");
        Caller bot = f.register("bot", MaturityLevel.SENIOR);
        f.register("other", MaturityLevel.SENIOR);
        f.clock.advance(Duration.ofMinutes(1));
        Decision d1 = f.decide(bot, Fixtures.READ, Map.of("sku", "A-1"));
        Decision d2 = f.decide(bot, Fixtures.READ, Map.of("sku", "A-2"));
        Decision d3 = f.decide(bot, Fixtures.READ, Map.of("sku", "A-3"));
        f.decide(bot, Fixtures.DROP, Map.of()); // denied
        f.warden.outcomes().record(bot, d1.id(), new OutcomeReport("completed", Optional.empty(), Optional.empty()));
        f.warden.outcomes().record(bot, d2.id(), new OutcomeReport("failed", Optional.empty(), Optional.empty()));
        f.clock.advance(Duration.ofSeconds(6));
        Incident quarantined = f.warden.incidents().record(anomaly("anm_1", "bot", "error_rate", List.of(d2.id().value(), d3.id().value())));
        f.clock.advance(Duration.ofSeconds(2));
        f.warden.incidents().record(anomaly("anm_2", "bot", "deny_rate", List.of(d1.id().value()))); // 8 s after d1
        f.clock.advance(Duration.ofSeconds(30));
        f.warden.incidents().undo(quarantined.id(), 1, WardenFixture.OPERATOR); // active again 32 s after opening
        f.warden.incidents().falsePositive(quarantined.id(), WardenFixture.OPERATOR, null);
        Incident other = f.warden.incidents().record(anomaly("anm_3", "other", "deny_rate", List.of()));
        f.warden.incidents().resolve(other.id(), WardenFixture.OPERATOR, null);
        f.warden.incidents().record(anomaly("anm_4", "bot", "deny_rate", List.of())); // open: not counted in the rate
        Instant raised = f.clock.instant();
        f.warden.alerts().store().insert(alert("alr_1", raised), List.of(
                AlertDelivery.queued("dlv_1", "alr_1", new AlertRoute("oncall", Optional.empty()), raised),
                AlertDelivery.queued("dlv_2", "alr_1", new AlertRoute("oncall2", Optional.empty()), raised)));
        f.warden.alerts().store().delivered("dlv_1", 1, raised.plusSeconds(1));
        f.warden.alerts().store().delivered("dlv_2", 2, raised.plusSeconds(3));
        f.clock.advance(Duration.ofSeconds(5));

        Map<String, Object> k = kpis.compute(Duration.ofHours(1));

        assertThat(k.get("mttd_seconds")).isEqualTo(7.0); // (6 + 8) / 2: from each anomaly's first evidence
        assertThat(k.get("alert_delivery_seconds")).isEqualTo(2.0); // (1 + 3) / 2
        assertThat(k.get("false_positive_rate")).isEqualTo(0.5); // 1 of 2 closed
        assertThat(k.get("authorization_rate")).isEqualTo(0.75); // 3 of 4
        assertThat((Double) k.get("audit_completeness")).isEqualTo(2.0 / 3); // 2 of 3 allowed have an outcome
        assertThat(k.get("recovery_seconds")).isEqualTo(32.0);
        assertThat(kpis.compute(Duration.ofSeconds(1)).get("authorization_rate")).isNull(); // the decisions are older
    }
}
