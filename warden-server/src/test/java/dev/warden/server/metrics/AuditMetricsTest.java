package dev.warden.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.incident.Kpis;
import dev.warden.outcome.OutcomeReport;
import dev.warden.testing.Fixtures;
import dev.warden.testing.WardenFixture;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The counters /metrics shows, and the bound on the agent label. */
class AuditMetricsTest {
    private final WardenFixture f = new WardenFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private AuditMetrics metrics(int maxAgents) {
        return new AuditMetrics(f.auditStore, f.warden.incidents().store(),
                new Kpis(f.auditStore, f.warden.alerts().store(), f.warden.incidents().store(), f.clock), f.clock, maxAgents);
    }

    @Test
    void countsWhatWasRecordedSinceItStarted_once_andAgentsBeyondTheBoundAreOther() {
        f.policies.permit(Fixtures.READ, "p-read");
        var early = f.register("early", MaturityLevel.SENIOR);
        f.decide(early, Fixtures.READ, Map.of("sku", "A-0")); // before the metrics started: not counted
        AuditMetrics m = metrics(2);
        var a = f.register("a", MaturityLevel.SENIOR);
        var b = f.register("b", MaturityLevel.SENIOR);
        var c = f.register("c", MaturityLevel.SENIOR);
        var d1 = f.decide(a, Fixtures.READ, Map.of("sku", "A-1"));
        f.decide(b, Fixtures.READ, Map.of("sku", "A-1"));
        f.decide(c, Fixtures.READ, Map.of("sku", "A-1"));
        f.decide(c, Fixtures.DROP, Map.of());
        f.warden.outcomes().record(a, d1.id(), new OutcomeReport("failed", Optional.empty(), Optional.empty()));

        String first = m.scrape();
        String second = m.scrape();

        assertThat(first).doesNotContain("agent=\"early\"")
                .contains("warden_decisions_total{agent=\"a\",decision=\"allow\"} 1.0")
                .contains("warden_decisions_total{agent=\"b\",decision=\"allow\"} 1.0")
                .contains("warden_decisions_total{agent=\"_other\",decision=\"allow\"} 1.0")
                .contains("warden_decisions_total{agent=\"_other\",decision=\"deny\"} 1.0")
                .contains("warden_outcomes_total{agent=\"a\",outcome=\"failed\"} 1.0")
                .contains("warden_kpi{kpi=\"authorization_rate\"} 0.75")
                .contains("warden_kpi{kpi=\"audit_completeness\"} 0.3333")
                .contains("warden_incidents_active 0.0")
                .doesNotContain("agent=\"c\"");
        assertThat(second).contains("warden_decisions_total{agent=\"a\",decision=\"allow\"} 1.0");
    }
}
