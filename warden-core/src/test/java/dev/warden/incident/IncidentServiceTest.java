package dev.warden.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.alert.Alert;
import dev.warden.alert.AlertQuery;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.Reason;
import dev.warden.id.IdGenerator;
import dev.warden.json.JsonReader;
import dev.warden.testing.Fixtures;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Incidents: grouping, the state machine, each automatic response and its undo, as attacks where it matters. */
class IncidentServiceTest {
    private final WardenFixture f = WardenFixture.withAlerts();
    private final IncidentService incidents = f.warden.incidents();
    private final AtomicInteger seq = new AtomicInteger();
    private static final Map<String, Object> READ_ARGS = Map.of("sku", "A-1");

    @AfterEach
    void close() {
        f.close();
    }

    private Anomaly anomaly(String agent, String detector, AnomalySeverity severity, Optional<String> tool,
                            Optional<Double> baseline, List<String> evidence) {
        return new Anomaly("anm_" + seq.incrementAndGet(), f.clock.instant(), agent, tool, detector, 1, severity, 10.0, baseline,
                4.0, detector + " of " + agent, evidence);
    }

    private Anomaly anomaly(String agent, String detector, AnomalySeverity severity) {
        return anomaly(agent, detector, severity, Optional.empty(), Optional.of(2.0), List.of());
    }

    private void only(ResponseAction... actions) {
        incidents.policy(new ResponsePolicy(Map.of("test_detector", Map.of(AnomalySeverity.MAJOR, List.of(actions))), 1.0));
    }

    private Decision read(Caller c) {
        return f.decide(c, Fixtures.READ, READ_ARGS);
    }

    private List<Map<String, Object>> fields(String kind) {
        return f.records(kind).stream().map(r -> JsonReader.parseObject(r.entry())).toList();
    }

    @Test
    void anomaliesOfOneAgent_groupIntoOneIncident_untilItIsClosed_thenANewOneOpens() {
        f.register("bot", MaturityLevel.SENIOR);
        f.register("other", MaturityLevel.SENIOR);

        Incident first = incidents.record(anomaly("bot", "deny_rate", AnomalySeverity.MINOR));
        f.clock.advance(Duration.ofMinutes(1));
        Incident same = incidents.record(anomaly("bot", "off_hours", AnomalySeverity.MAJOR));
        Incident otherAgent = incidents.record(anomaly("other", "deny_rate", AnomalySeverity.MINOR));

        assertThat(same.id()).isEqualTo(first.id()).startsWith("inc_");
        assertThat(same.severity()).isEqualTo(AnomalySeverity.MAJOR);
        assertThat(same.timeline()).extracting(TimelineEntry::type).containsExactly("anomaly", "anomaly");
        assertThat(otherAgent.id()).isNotEqualTo(first.id());

        incidents.acknowledge(first.id(), WardenFixture.OPERATOR, "looking");
        assertThat(incidents.record(anomaly("bot", "deny_rate", AnomalySeverity.MINOR)).id()).isEqualTo(first.id());
        incidents.resolve(first.id(), WardenFixture.OPERATOR, "fixed the prompt");

        Incident next = incidents.record(anomaly("bot", "deny_rate", AnomalySeverity.MINOR));
        assertThat(next.id()).isNotEqualTo(first.id());
        assertThat(next.severity()).isEqualTo(AnomalySeverity.MINOR);
        assertThat(f.records("incident.opened")).hasSize(3);
        assertThat(f.records("incident.anomaly_added")).hasSize(2);
        assertThat(incidents.list(new IncidentQuery(Optional.of("bot"), Optional.empty(), Optional.empty(), 10)))
                .extracting(Incident::id).containsExactly(next.id(), first.id());
    }

    @Test
    void aMinorAnomalyAlone_opensNoIncident_butJoinsOneAMajorAnomalyOpened() {
        f.register("bot", MaturityLevel.SENIOR);

        incidents.accept(anomaly("bot", "volume_deviation", AnomalySeverity.MINOR));
        assertThat(incidents.list(IncidentQuery.newest(10))).isEmpty();
        assertThat(f.records("incident.opened")).isEmpty();

        incidents.accept(anomaly("bot", "volume_spike", AnomalySeverity.MAJOR));
        incidents.accept(anomaly("bot", "volume_deviation", AnomalySeverity.MINOR));
        assertThat(incidents.list(IncidentQuery.newest(10))).singleElement().satisfies(i ->
                assertThat(i.timeline()).filteredOn(e -> e.type().equals("anomaly")).hasSize(2));
    }

    @Test
    void opening_raisesAnAlertWithTheAnomalyEvidence_andAuditsTheTrigger() throws InterruptedException {
        f.register("bot", MaturityLevel.SENIOR);

        Incident i = incidents.record(anomaly("bot", "deny_rate", AnomalySeverity.MAJOR, Optional.empty(), Optional.empty(),
                List.of("dec_1", "dec_2")));

        f.warden.alerts().awaitQueued(Duration.ofSeconds(5));
        List<Alert> alerts = f.warden.alerts().list(AlertQuery.newest(10));
        assertThat(alerts).filteredOn(a -> a.kind().equals("incident.opened")).singleElement().satisfies(a -> {
            assertThat(a.agent()).contains("bot");
            assertThat(a.evidence()).containsExactly("dec_1", "dec_2");
            assertThat(a.numbers()).containsEntry("incident_id", i.id()).containsEntry("detector", "deny_rate");
        });
        assertThat(fields("incident.opened")).singleElement().satisfies(m ->
                assertThat(m.toString()).contains(i.id()).contains("deny_rate").contains("anm_1"));
    }

    @Test
    void stateMachine_ackResolveFalsePositive_auditedWithTheOperator_andRefusedWhenTheStateDoesNotAllowIt() {
        f.register("bot", MaturityLevel.SENIOR);
        String id = incidents.record(anomaly("bot", "deny_rate", AnomalySeverity.MINOR)).id();

        assertThat(incidents.acknowledge(id, WardenFixture.OPERATOR, "mine").state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThatThrownBy(() -> incidents.acknowledge(id, WardenFixture.OPERATOR, null))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INCIDENT_STATE));
        Incident fp = incidents.falsePositive(id, WardenFixture.OPERATOR, "nightly batch moved");
        assertThat(fp.state()).isEqualTo(IncidentState.FALSE_POSITIVE);
        assertThat(fp.closedAt()).contains(f.clock.instant());
        assertThatThrownBy(() -> incidents.resolve(id, WardenFixture.OPERATOR, null))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INCIDENT_STATE));
        assertThatThrownBy(() -> incidents.resolve("inc_nope", WardenFixture.OPERATOR, null))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INCIDENT_NOT_FOUND));

        assertThat(fields("incident.acknowledged")).singleElement().satisfies(m ->
                assertThat(m.toString()).contains("operator:olivia").contains(id));
        assertThat(fields("incident.false_positive")).singleElement().satisfies(m ->
                assertThat(m.toString()).contains("operator:olivia").contains("nightly batch moved"));
        assertThat(incidents.find(id).orElseThrow().timeline()).extracting(TimelineEntry::type)
                .containsExactly("anomaly", "operator", "operator");
    }

    @Test
    void volumeSpike_throttlesToTheBaseline_overItCallsAreDeniedThrottled_andUndoLiftsIt() {
        f.policies.permit(Fixtures.READ, "p-read");
        Caller c = f.register("bot", MaturityLevel.SENIOR);

        Incident i = incidents.record(anomaly("bot", "volume_spike", AnomalySeverity.MAJOR, Optional.empty(), Optional.of(2.0),
                List.of()));

        assertThat(i.responses()).extracting(AppliedResponse::action).containsExactly(ResponseAction.THROTTLE, ResponseAction.ALERT);
        assertThat(read(c)).isInstanceOf(Decision.Allow.class);
        assertThat(read(c)).isInstanceOf(Decision.Allow.class);
        Decision over = read(c);
        assertThat(over).isInstanceOf(Decision.Deny.class);
        assertThat(over.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("throttled");
            assertThat(r.retryAfterMs()).hasValue(30_000);
        });
        f.clock.advance(Duration.ofSeconds(30));
        assertThat(read(c)).isInstanceOf(Decision.Allow.class);
        assertThat(fields("incident.response")).first().satisfies(m -> {
            assertThat(m.toString()).contains(i.id()).contains("anm_1").contains("volume_spike").contains("throttle");
        });

        incidents.undo(i.id(), 1, WardenFixture.OPERATOR);

        for (int k = 0; k < 5; k++) {
            assertThat(read(c)).isInstanceOf(Decision.Allow.class);
        }
        assertThat(fields("incident.response_undone")).singleElement().satisfies(m ->
                assertThat(m.toString()).contains("operator:olivia").contains("throttle"));
        assertThatThrownBy(() -> incidents.undo(i.id(), 1, WardenFixture.OPERATOR))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESPONSE_NOT_UNDOABLE));
        assertThatThrownBy(() -> incidents.undo(i.id(), 9, WardenFixture.OPERATOR))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESPONSE_NOT_FOUND));
    }

    @Test
    void aSecondSpikeInTheSameIncident_doesNotStackASecondThrottle() {
        f.register("bot", MaturityLevel.SENIOR);
        incidents.record(anomaly("bot", "volume_spike", AnomalySeverity.MAJOR));
        Incident i = incidents.record(anomaly("bot", "volume_spike", AnomalySeverity.MAJOR));

        // the second spike is alerted again (the alert service folds repeats), but not throttled twice
        assertThat(i.responses()).extracting(AppliedResponse::action)
                .containsExactly(ResponseAction.THROTTLE, ResponseAction.ALERT, ResponseAction.ALERT);
    }

    @Test
    void undoingAnOldIncidentsThrottle_leavesTheThrottleOfALaterIncidentInForce() {
        f.register("bot", MaturityLevel.SENIOR);
        Incident old = incidents.record(anomaly("bot", "volume_spike", AnomalySeverity.MAJOR));
        incidents.resolve(old.id(), WardenFixture.OPERATOR, null);
        incidents.record(anomaly("bot", "volume_spike", AnomalySeverity.MAJOR, Optional.empty(), Optional.of(5.0), List.of()));

        incidents.undo(old.id(), 1, WardenFixture.OPERATOR);

        assertThat(incidents.store().withResponsesInForce()).hasSize(1);
        ResponseGuard fresh = new ResponseGuard();
        new IncidentService(incidents.store(), f.warden.auditLog(), f.warden.agents(), f.warden.alerts(), fresh,
                ResponsePolicy.SEED, new IdGenerator(new Random(1)), f.clock).reapply();
        assertThat(fresh.throttled("bot")).contains(5.0);
        Caller c = WardenFixture.caller("bot", 0);
        f.policies.permit(Fixtures.READ, "p-read");
        for (int k = 0; k < 5; k++) {
            assertThat(read(c)).isInstanceOf(Decision.Allow.class);
        }
        assertThat(WardenFixture.codes(read(c))).containsExactly("throttled");
    }

    @Test
    void errorRate_quarantines_callsAreDenied_andUndoRestoresAtTheLevelItHad() {
        f.policies.permit(Fixtures.READ, "p-read");
        Caller c = f.register("bot", MaturityLevel.SENIOR);

        Incident i = incidents.record(anomaly("bot", "error_rate", AnomalySeverity.MAJOR));

        assertThat(f.warden.agents().require("bot").status()).isEqualTo(AgentStatus.QUARANTINED);
        assertThat(WardenFixture.codes(read(c))).containsExactly("agent_quarantined");
        assertThat(fields("agent.quarantined")).singleElement().satisfies(m ->
                assertThat(m.toString()).contains("system:incidents").contains(i.id()));

        incidents.undo(i.id(), 1, WardenFixture.OPERATOR);

        assertThat(f.warden.agents().require("bot").level()).isEqualTo(MaturityLevel.SENIOR);
        assertThat(read(c)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void quarantineAndDemotion_undoingTheQuarantine_restoresAtTheDemotedLevel_andUndoingTheDemotionRaisesItBack() {
        f.policies.permit(Fixtures.READ, "p-read");
        Caller c = f.register("bot", MaturityLevel.SENIOR);
        incidents.policy(new ResponsePolicy(Map.of("test_detector", Map.of(AnomalySeverity.MAJOR,
                List.of(ResponseAction.QUARANTINE, ResponseAction.DEMOTE))), 1.0));

        Incident i = incidents.record(anomaly("bot", "test_detector", AnomalySeverity.MAJOR));
        assertThat(f.warden.agents().require("bot").status()).isEqualTo(AgentStatus.QUARANTINED);
        assertThat(f.warden.agents().require("bot").level()).isEqualTo(MaturityLevel.JUNIOR);
        int quarantine = i.responses().stream().filter(r -> r.action() == ResponseAction.QUARANTINE).findFirst().orElseThrow().n();
        int demote = i.responses().stream().filter(r -> r.action() == ResponseAction.DEMOTE).findFirst().orElseThrow().n();

        incidents.undo(i.id(), quarantine, WardenFixture.OPERATOR);
        assertThat(f.warden.agents().require("bot").status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(f.warden.agents().require("bot").level()).isEqualTo(MaturityLevel.JUNIOR);
        assertThat(read(c)).isInstanceOf(Decision.Allow.class);

        incidents.undo(i.id(), demote, WardenFixture.OPERATOR);
        assertThat(f.warden.agents().require("bot").level()).isEqualTo(MaturityLevel.SENIOR);
    }

    @Test
    void newTool_requiresReverificationOfThatTool_only_untilUndone() {
        f.policies.permit(Fixtures.READ, "p-read").permit(Fixtures.EMAIL, "p-email");
        Caller c = f.register("bot", MaturityLevel.PRINCIPAL);

        Incident i = incidents.record(anomaly("bot", "access_pattern", AnomalySeverity.MAJOR, Optional.of(Fixtures.READ),
                Optional.empty(), List.of()));

        Decision held = read(c);
        assertThat(held).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(held.reasons()).extracting(Reason::code).contains("reverification_required");
        assertThat(f.decide(c, Fixtures.EMAIL, Map.of("to", "a@example.com", "subject", "s", "body", "b")))
                .isNotInstanceOf(Decision.ApprovalRequired.class);

        incidents.undo(i.id(), 1, WardenFixture.OPERATOR);

        assertThat(read(c)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void revokeSessions_theOldTokenNoLongerWorks_aNewOneDoes_andItCannotBeUndone() {
        f.policies.permit(Fixtures.READ, "p-read");
        Caller old = f.register("bot", MaturityLevel.SENIOR);
        only(ResponseAction.REVOKE_SESSIONS);

        Incident i = incidents.record(anomaly("bot", "test_detector", AnomalySeverity.MAJOR));

        assertThat(WardenFixture.codes(read(old))).containsExactly("token_revoked");
        assertThat(f.warden.agents().require("bot").status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(read(WardenFixture.caller("bot", 1))).isInstanceOf(Decision.Allow.class);
        assertThat(f.records("agent.tokens_revoked")).hasSize(1);
        assertThatThrownBy(() -> incidents.undo(i.id(), 1, WardenFixture.OPERATOR))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESPONSE_NOT_UNDOABLE));
    }

    @Test
    void demote_lowersOneLevel_andUndoRestoresIt() {
        f.register("bot", MaturityLevel.SENIOR);
        only(ResponseAction.DEMOTE);

        Incident i = incidents.record(anomaly("bot", "test_detector", AnomalySeverity.MAJOR));

        assertThat(f.warden.agents().require("bot").level()).isEqualTo(MaturityLevel.JUNIOR);
        incidents.undo(i.id(), 1, WardenFixture.OPERATOR);
        assertThat(f.warden.agents().require("bot").level()).isEqualTo(MaturityLevel.SENIOR);
    }

    @Test
    void kill_deniesEverythingAndRevokesTokens_undoRestoresAtTheLevelItHad_withANewToken() {
        f.policies.permit(Fixtures.READ, "p-read");
        Caller c = f.register("bot", MaturityLevel.SENIOR);
        only(ResponseAction.KILL);

        Incident i = incidents.record(anomaly("bot", "test_detector", AnomalySeverity.MAJOR));

        assertThat(WardenFixture.codes(read(c))).containsExactly("token_revoked");
        assertThat(WardenFixture.codes(read(WardenFixture.caller("bot", 1)))).containsExactly("agent_killed");
        incidents.undo(i.id(), 1, WardenFixture.OPERATOR);
        assertThat(f.warden.agents().require("bot").level()).isEqualTo(MaturityLevel.SENIOR);
        assertThat(read(WardenFixture.caller("bot", 1))).isInstanceOf(Decision.Allow.class);
        assertThat(WardenFixture.codes(read(c))).containsExactly("token_revoked");
    }

    @Test
    void minorAnomalies_areRecordedOnly_criticalOnesOfAnyDetectorAreAlerted() {
        f.policies.permit(Fixtures.READ, "p-read");
        Caller c = f.register("bot", MaturityLevel.SENIOR);

        Incident minor = incidents.record(anomaly("bot", "volume_spike", AnomalySeverity.MINOR));
        assertThat(minor.responses()).isEmpty();
        assertThat(read(c)).isInstanceOf(Decision.Allow.class);

        Incident critical = incidents.record(anomaly("bot", "enumeration", AnomalySeverity.CRITICAL));
        assertThat(critical.severity()).isEqualTo(AnomalySeverity.CRITICAL);
        // and the maturity model demotes to intern on a critical incident (DemotionRulesTest)
        assertThat(critical.responses()).extracting(AppliedResponse::action)
                .containsExactly(ResponseAction.ALERT, ResponseAction.DEMOTE_TO_INTERN);
    }

    @Test
    void throttlesAndHoldsStillInForce_areReappliedFromTheStore_afterARestart() {
        f.register("bot", MaturityLevel.SENIOR);
        incidents.record(anomaly("bot", "volume_spike", AnomalySeverity.MAJOR));
        incidents.record(anomaly("bot", "access_pattern", AnomalySeverity.MAJOR, Optional.of(Fixtures.READ), Optional.empty(), List.of()));

        ResponseGuard fresh = new ResponseGuard();
        IncidentService restarted = new IncidentService(incidents.store(), f.warden.auditLog(), f.warden.agents(),
                f.warden.alerts(), fresh, ResponsePolicy.SEED, new IdGenerator(new Random(1)), f.clock);

        assertThat(restarted.reapply()).isEqualTo(2);
        assertThat(fresh.throttled("bot")).contains(2.0);
        assertThat(fresh.held("bot", Fixtures.READ)).isTrue();
        assertThat(fresh.held("bot", Fixtures.EMAIL)).isFalse();
    }

    @Test
    void aFailingResponse_neverThrowsIntoTheDetectorThread() {
        incidents.accept(anomaly("ghost", "error_rate", AnomalySeverity.MAJOR));

        assertThat(incidents.list(IncidentQuery.newest(10))).singleElement()
                .satisfies(i -> assertThat(i.responses()).isEmpty());
    }

    @Test
    void anIncidentSurvivesItsStoredForm() {
        f.register("bot", MaturityLevel.SENIOR);
        Incident i = incidents.record(anomaly("bot", "volume_spike", AnomalySeverity.MAJOR, Optional.of(Fixtures.READ),
                Optional.of(2.5), List.of("dec_1")));
        incidents.undo(i.id(), 1, WardenFixture.OPERATOR);
        Incident stored = incidents.find(i.id()).orElseThrow();

        Incident back = Incident.fromMap(JsonReader.parseObject(dev.warden.json.CanonicalJson.write(stored.toMap())));

        assertThat(dev.warden.json.CanonicalJson.write(back.toMap())).isEqualTo(dev.warden.json.CanonicalJson.write(stored.toMap()));
        assertThat(back.responses().getFirst().inForce()).isFalse();
    }

    @Test
    void anAnomalyFoundWhileTheBaselineLearns_opensNoIncident_andTriggersNoResponse() {
        f.register("bot", MaturityLevel.SENIOR);
        only(ResponseAction.QUARANTINE);
        Anomaly a = anomaly("bot", "test_detector", AnomalySeverity.MAJOR);
        Anomaly learning = new Anomaly(a.id(), a.at(), a.agent(), a.tool(), a.detector(), a.version(), a.severity(),
                a.observed(), a.baseline(), a.threshold(), a.summary(), a.evidence(), true);

        incidents.accept(learning);

        assertThat(f.records("incident.opened")).isEmpty();
        assertThat(f.warden.agents().find("bot").orElseThrow().status()).isEqualTo(dev.warden.agent.AgentStatus.ACTIVE);
        incidents.accept(a);
        assertThat(f.records("incident.opened")).hasSize(1);
    }
}
