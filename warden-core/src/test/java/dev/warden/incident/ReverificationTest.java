package dev.warden.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.Agent;
import dev.warden.agent.LevelBasis;
import dev.warden.agent.MaturityLevel;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.json.JsonReader;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A new version or configuration digest opens a re-verification review, and demotes until it passes when configured. */
class ReverificationTest {
    private final WardenFixture f = WardenFixture.withAlerts();
    private final IncidentService incidents = f.warden.incidents();

    ReverificationTest() {
        incidents.policy(new ResponsePolicy(Map.of(), 1.0));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private Agent agent() {
        return f.warden.agents().require("bot");
    }

    private Agent change(String version) {
        f.clock.advance(Duration.ofMinutes(1));
        return f.warden.agents().changeIdentity("bot", version, "sha256:" + version, WardenFixture.OPERATOR, "new prompt");
    }

    @Test
    void aNewVersion_isRecorded_andOpensAReview_atTheSameLevelByDefault() {
        f.register("bot", MaturityLevel.SENIOR);
        String digest = agent().configDigest();

        Agent after = change("2.0.0");

        assertThat(after.version()).isEqualTo("2.0.0");
        assertThat(after.level()).isEqualTo(MaturityLevel.SENIOR);
        Map<String, Object> record = JsonReader.parseObject(f.records("agent.identity_changed").getLast().entry());
        assertThat(record).containsEntry("version", "2.0.0").containsEntry("config_digest_before", digest)
                .containsEntry("actor", WardenFixture.OPERATOR.toString());
        List<Incident> open = incidents.list(new IncidentQuery(Optional.of("bot"), Optional.empty(), Optional.empty(), 10));
        assertThat(open).singleElement().satisfies(i -> {
            assertThat(i.timeline().getFirst().detail()).containsEntry("detector", IncidentService.REVERIFICATION);
            assertThat(i.timeline().getFirst().summary()).contains("2.0.0").contains("re-verify");
            assertThat(i.responses()).isEmpty();
        });
    }

    @Test
    void theSameIdentityAgain_changesNothing_andRecordsNothing() {
        f.register("bot", MaturityLevel.SENIOR);
        Agent a = agent();
        f.warden.agents().changeIdentity("bot", a.version(), a.configDigest(), WardenFixture.OPERATOR, "no-op");
        assertThat(f.records("agent.identity_changed")).isEmpty();
        assertThat(incidents.list(IncidentQuery.newest(10))).isEmpty();
    }

    @Test
    void configuredToDemote_theChangeDemotesOneLevel_untilTheReviewPassesAndTheDemotionIsUndone() {
        incidents.demotion(new DemotionRules(true, 3, Duration.ofDays(30), true));
        f.register("bot", MaturityLevel.SENIOR);

        change("2.0.0");
        assertThat(agent().level()).isEqualTo(MaturityLevel.JUNIOR);
        assertThat(agent().levelBasis()).isEqualTo(LevelBasis.DEMOTED);
        Incident review = incidents.list(IncidentQuery.newest(1)).getFirst();
        AppliedResponse demotion = review.responses().getFirst();
        assertThat(demotion.action()).isEqualTo(ResponseAction.DEMOTE);
        assertThat(demotion.detail()).containsEntry("rule", "reverification");

        incidents.resolve(review.id(), WardenFixture.OPERATOR, "tested the new prompt on the red-team suite");
        incidents.undo(review.id(), demotion.n(), WardenFixture.OPERATOR);
        assertThat(agent().level()).isEqualTo(MaturityLevel.SENIOR);
    }

    @Test
    void reviews_areNotMinorIncidents_andDoNotCountTowardsTheThreeThatDemote() {
        f.register("bot", MaturityLevel.SENIOR);
        f.clock.advance(Duration.ofMinutes(1));
        minor(1);
        change("2.0.0"); // a review: an incident, but no misbehaviour
        Incident review = incidents.list(IncidentQuery.newest(1)).getFirst();
        incidents.resolve(review.id(), WardenFixture.OPERATOR, "fine");
        f.clock.advance(Duration.ofHours(1));
        minor(2);
        assertThat(agent().level()).as("two minor incidents and a review: no demotion").isEqualTo(MaturityLevel.SENIOR);
        minor(3);
        assertThat(agent().level()).isEqualTo(MaturityLevel.JUNIOR);
    }

    private void minor(int n) {
        Incident i = incidents.record(new Anomaly("anm_m" + n, f.clock.instant(), "bot", Optional.empty(), "volume_spike", 1,
                AnomalySeverity.MAJOR, 10, Optional.of(2.0), 4, "spike", List.of(), false));
        incidents.resolve(i.id(), WardenFixture.OPERATOR, "retry loop");
        f.clock.advance(Duration.ofHours(1));
    }
}
