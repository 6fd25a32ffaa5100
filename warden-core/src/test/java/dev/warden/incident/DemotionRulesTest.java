package dev.warden.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.Agent;
import dev.warden.agent.LevelBasis;
import dev.warden.agent.MaturityLevel;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.decision.Caller;
import dev.warden.json.JsonReader;
import dev.warden.testing.Fixtures;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The maturity model's automatic demotions, applied as incident responses, with a controllable clock. */
class DemotionRulesTest {
    private final WardenFixture f = WardenFixture.withAlerts();
    private final IncidentService incidents = f.warden.incidents();
    private final AtomicInteger seq = new AtomicInteger();

    DemotionRulesTest() {
        // only the demotion rules act here: no configured response
        incidents.policy(new ResponsePolicy(Map.of(), 1.0));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private Anomaly anomaly(String agent, AnomalySeverity severity) {
        return new Anomaly("anm_" + seq.incrementAndGet(), f.clock.instant(), agent, Optional.empty(), "volume_spike", 1,
                severity, 10.0, Optional.of(2.0), 4.0, "volume of " + agent, List.of());
    }

    /** Opens an incident with a major anomaly and closes it (resolved), as a minor incident of the maturity model. */
    private Incident minorIncident(String agent) {
        Incident i = incidents.record(anomaly(agent, AnomalySeverity.MAJOR));
        incidents.resolve(i.id(), WardenFixture.OPERATOR, "root cause: a retry loop");
        f.clock.advance(Duration.ofHours(1));
        return i;
    }

    private Agent agent(String name) {
        return f.warden.agents().require(name);
    }

    @Test
    void aCriticalIncident_demotesToIntern_atOnce_andTheOldTokenIsBoundByInternOnItsNextCall() {
        f.policies.permit(Fixtures.EMAIL, "p-write");
        Caller c = f.register("bot", MaturityLevel.PRINCIPAL);

        Incident i = incidents.record(anomaly("bot", AnomalySeverity.CRITICAL));

        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.INTERN);
        assertThat(agent("bot").levelBasis()).isEqualTo(LevelBasis.DEMOTED);
        assertThat(agent("bot").levelSince()).isEqualTo(f.clock.instant());
        assertThat(i.responses()).filteredOn(r -> r.action() != ResponseAction.ALERT).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(ResponseAction.DEMOTE_TO_INTERN);
            assertThat(r.detail()).containsEntry("rule", "critical_incident").containsEntry("level_before", "principal");
        });
        assertThat(WardenFixture.codes(f.decide(c, Fixtures.EMAIL, Map.of("to", "a@example.com", "body", "hi")))).contains("maturity_ceiling");
        Map<String, Object> changed = JsonReader.parseObject(f.records("agent.level_changed").getLast().entry());
        assertThat(changed).containsEntry("actor", "system:incidents").containsEntry("level", "intern")
                .containsEntry("level_basis", "demoted");
    }

    @Test
    void aMajorIncidentThatTurnsCritical_demotesToIntern_andOnlyOnce() {
        f.register("bot", MaturityLevel.SENIOR);
        incidents.record(anomaly("bot", AnomalySeverity.MAJOR));
        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.SENIOR);

        Incident i = incidents.record(anomaly("bot", AnomalySeverity.CRITICAL));
        incidents.record(anomaly("bot", AnomalySeverity.CRITICAL));

        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.INTERN);
        assertThat(incidents.find(i.id()).orElseThrow().responses()).extracting(AppliedResponse::action)
                .filteredOn(a -> a != ResponseAction.ALERT).containsExactly(ResponseAction.DEMOTE_TO_INTERN);
    }

    @Test
    void undoingTheDemotion_restoresLevel_basisAndTimeAtLevel() {
        f.register("bot", MaturityLevel.SENIOR);
        Instant since = agent("bot").levelSince();
        f.clock.advance(Duration.ofDays(3));

        Incident i = incidents.record(anomaly("bot", AnomalySeverity.CRITICAL));
        int n = i.responses().stream().filter(r -> r.action() == ResponseAction.DEMOTE_TO_INTERN).findFirst().orElseThrow().n();
        incidents.undo(i.id(), n, WardenFixture.OPERATOR);

        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.SENIOR);
        assertThat(agent("bot").levelSince()).isEqualTo(since);
        assertThat(agent("bot").levelBasis()).isEqualTo(LevelBasis.GRANTED);
    }

    @Test
    void theThirdIncidentInThePeriod_demotesOneLevel_andTheCountStartsAgainAtTheNewLevel() {
        f.register("bot", MaturityLevel.SENIOR);
        minorIncident("bot");
        minorIncident("bot");
        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.SENIOR);

        Incident third = minorIncident("bot");

        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.JUNIOR);
        assertThat(incidents.find(third.id()).orElseThrow().responses()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(ResponseAction.DEMOTE);
            assertThat(r.detail()).containsEntry("rule", "repeated_minor_incidents");
            assertThat((List<?>) r.detail().get("incidents")).hasSize(3);
        });
        // the fourth and fifth are at the new level: two of them, not five
        minorIncident("bot");
        minorIncident("bot");
        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.JUNIOR);
        minorIncident("bot");
        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.INTERN);
    }

    @Test
    void incidentsOutsideThePeriod_orMarkedFalsePositive_doNotCount() {
        f.register("bot", MaturityLevel.SENIOR);
        minorIncident("bot");
        f.clock.advance(Duration.ofDays(31)); // the first one leaves the 30-day window
        Incident fp = incidents.record(anomaly("bot", AnomalySeverity.MAJOR));
        incidents.falsePositive(fp.id(), WardenFixture.OPERATOR, "a load test");
        f.clock.advance(Duration.ofHours(1));
        minorIncident("bot");
        minorIncident("bot");

        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.SENIOR);
        minorIncident("bot");
        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.JUNIOR);
    }

    @Test
    void rulesOff_demoteNobody() {
        incidents.demotion(DemotionRules.OFF);
        f.register("bot", MaturityLevel.SENIOR);
        incidents.record(anomaly("bot", AnomalySeverity.CRITICAL));
        f.clock.advance(Duration.ofHours(1));
        for (int n = 0; n < 4; n++) {
            minorIncident("bot");
        }
        assertThat(agent("bot").level()).isEqualTo(MaturityLevel.SENIOR);
    }
}
