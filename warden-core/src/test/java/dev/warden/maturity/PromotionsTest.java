package dev.warden.maturity;

import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.LevelBasis;
import dev.warden.agent.MaturityLevel;
import dev.warden.alert.Alert;
import dev.warden.alert.AlertQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.incident.DemotionRules;
import dev.warden.json.JsonReader;
import dev.warden.incident.ResponsePolicy;
import dev.warden.outcome.OutcomeReport;
import dev.warden.testing.Fixtures;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Promotion requests and the owner's eligibility notice, on a scripted history with a controlled clock. */
class PromotionsTest {
    private final WardenFixture f = WardenFixture.withAlerts();
    /** A day at level and two operations lead to any level; the rest of gate 1 as the ATF has it. */
    private final GateEvidence evidence = new GateEvidence(f.auditStore, f.warden.incidents().store(), f.clock,
            target -> new GateThresholds(target, Duration.ofDays(1), 2,
                    GateThresholds.defaults(target, 2).minAccuracy(), 0.99, GateThresholds.DEFAULT_SLA, false));
    private ControlsReport controlsNow;
    private final BiFunction<Agent, MaturityLevel, ControlsReport> controls = (a, l) -> controlsNow != null ? controlsNow
            : new ControlsReport(a.name(), l, List.of(new ControlCheck("rate_limits", MaturityLevel.JUNIOR, true, "limits set")));
    private final Promotions promotions = new Promotions(f.warden.agents(), evidence, controls, f.warden.auditLog(), f.clock);

    PromotionsTest() {
        f.policies.permit(Fixtures.READ, "p-read");
        f.warden.incidents().policy(new ResponsePolicy(Map.of(), 1.0));
        f.warden.incidents().demotion(DemotionRules.OFF);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private void workedADay(Caller c) {
        for (int i = 0; i < 2; i++) {
            Decision d = f.decide(c, Fixtures.READ, Map.of("sku", "A-" + i));
            assertThat(d).isInstanceOf(Decision.Allow.class);
            f.warden.outcomes().record(c, d.id(), new OutcomeReport("completed", Optional.empty(), Optional.empty()));
        }
        f.clock.advance(Duration.ofDays(1));
    }

    @Test
    void onTimeAndMeasuredGatesAlone_theRequestIsRefused_namingEachMissingGate_andTheRefusalIsRecorded() {
        Caller c = f.register("bot", MaturityLevel.INTERN);
        workedADay(c);

        PromotionOutcome outcome = promotions.request("bot", MaturityLevel.JUNIOR, OPERATOR, "two good weeks");

        assertThat(outcome).isInstanceOf(PromotionOutcome.Refused.class);
        List<PromotionFailure> failures = ((PromotionOutcome.Refused) outcome).failures();
        assertThat(failures).extracting(PromotionFailure::gate)
                .contains("security_validation", "business_value", "governance_sign_off")
                .doesNotContain("performance", "incident_record", "controls");
        assertThat(f.warden.agents().require("bot").level()).isEqualTo(MaturityLevel.INTERN);
        List<AuditRecord> refused = f.records("agent.promotion_refused");
        assertThat(refused).hasSize(1);
        assertThat(JsonReader.parseObject(refused.getFirst().entry())).containsEntry("actor", OPERATOR.toString()).containsEntry("target", "junior");
        assertThat(f.records("agent.promoted")).isEmpty();
    }

    @Test
    void aMissingControlOfTheTargetLevel_isNamedAmongTheFailures() {
        Caller c = f.register("bot", MaturityLevel.INTERN);
        workedADay(c);
        controlsNow = new ControlsReport("bot", MaturityLevel.JUNIOR,
                List.of(new ControlCheck("circuit_breaker", MaturityLevel.JUNIOR, false, "no breaker on tools: refund")));

        PromotionOutcome.Refused r = (PromotionOutcome.Refused) promotions.request("bot", MaturityLevel.JUNIOR, OPERATOR, "ready");

        assertThat(r.failures()).contains(new PromotionFailure("controls", "circuit_breaker", "no breaker on tools: refund"));
        assertThat(r.controls().missing()).containsExactly("circuit_breaker");
    }

    @Test
    void aRequestSkippingALevel_orAbovePrincipal_orWithoutAReason_isRefusedAsBadInput() {
        f.register("bot", MaturityLevel.INTERN);
        assertThatThrownBy(() -> promotions.request("bot", MaturityLevel.SENIOR, OPERATOR, "fast track"))
                .isInstanceOfSatisfying(WardenException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
                    assertThat(e.getMessage()).startsWith("to: ").contains("from intern to junior");
                });
        assertThatThrownBy(() -> promotions.request("bot", MaturityLevel.JUNIOR, OPERATOR, " "))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.getMessage()).startsWith("reason: "));
        f.register("top", MaturityLevel.PRINCIPAL);
        assertThatThrownBy(() -> promotions.request("top", MaturityLevel.PRINCIPAL, OPERATOR, "more"))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.getMessage()).contains("no level above"));
        assertThat(f.records("agent.promotion_refused")).isEmpty();
    }

    @Test
    void aQuarantinedAgent_isNotPromoted() {
        f.register("bot", MaturityLevel.INTERN);
        f.warden.agents().quarantine("bot", OPERATOR, "investigating");
        assertThatThrownBy(() -> promotions.request("bot", MaturityLevel.JUNIOR, OPERATOR, "ready"))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_ACTIVE));
    }

    @Test
    void thePromotionIsACompareAndSet_aDemotionWhileTheGatesWereComputedWins() {
        f.register("bot", MaturityLevel.JUNIOR);
        Agent judged = f.warden.agents().require("bot");
        f.clock.advance(Duration.ofMinutes(1));
        f.warden.agents().setLevel("bot", MaturityLevel.INTERN, OPERATOR, "incident review");

        assertThatThrownBy(() -> f.warden.agents().promote("bot", judged.level(), judged.levelSince(), MaturityLevel.SENIOR,
                OPERATOR, "stale", Map.of()))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LEVEL_CHANGED));
        assertThat(f.warden.agents().require("bot").level()).isEqualTo(MaturityLevel.INTERN);
        assertThat(f.records("agent.promoted")).isEmpty();
    }

    @Test
    void registryPromote_movesOneLevelWithBasisPromoted_restartsTheTimeAtLevel_andRecordsTheEvidence() {
        f.register("bot", MaturityLevel.INTERN);
        f.clock.advance(Duration.ofDays(15));
        Agent judged = f.warden.agents().require("bot");

        Agent after = f.warden.agents().promote("bot", MaturityLevel.INTERN, judged.levelSince(), MaturityLevel.JUNIOR, OPERATOR,
                "gates passed", Map.of("gates", Map.of("performance", Map.of("operations", 120.0))));

        assertThat(after.level()).isEqualTo(MaturityLevel.JUNIOR);
        assertThat(after.levelBasis()).isEqualTo(LevelBasis.PROMOTED);
        assertThat(after.levelSince()).isEqualTo(f.clock.instant());
        AuditRecord r = f.records("agent.promoted").getFirst();
        assertThat(JsonReader.parseObject(r.entry())).containsEntry("level_before", "intern").containsEntry("level", "junior")
                .containsEntry("level_basis", "promoted").doesNotContainKey("granted_without_gates").containsKey("evidence");
        assertThatThrownBy(() -> f.warden.agents().promote("bot", MaturityLevel.JUNIOR, after.levelSince(), MaturityLevel.PRINCIPAL,
                OPERATOR, "skip", Map.of()))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void theOwnerIsToldOnce_whenTheMeasuredGatesPass_withWhatIsOutstanding_andAgainOnlyAtANewLevel() throws Exception {
        Caller c = f.register("bot", MaturityLevel.INTERN);
        PromotionWatch watch = new PromotionWatch(f.warden.agents(), evidence, controls, f.warden.alerts(), f.warden.alerts().store(),
                f.clock);
        assertThat(watch.sweep()).isEmpty(); // no time at level yet
        workedADay(c);

        assertThat(watch.sweep()).containsExactly("bot");
        assertThat(watch.sweep()).isEmpty();
        f.warden.alerts().awaitQueued(Duration.ofSeconds(10));
        // a restarted server asks the alert store and stays quiet
        assertThat(new PromotionWatch(f.warden.agents(), evidence, controls, f.warden.alerts(), f.warden.alerts().store(), f.clock)
                .sweep()).isEmpty();
        List<Alert> notices = f.warden.alerts().store().list(AlertQuery.newest(100)).stream()
                .filter(a -> a.kind().equals(PromotionWatch.KIND)).toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.getFirst().owner()).isPresent();
        assertThat((List<?>) notices.getFirst().numbers().get("outstanding")).isNotEmpty();
        assertThat(notices.getFirst().numbers()).containsEntry("next_level", "junior");

        // demoted and back: a new time at level, a new notice once it is earned again
        f.warden.agents().setLevel("bot", MaturityLevel.JUNIOR, OPERATOR, "granted for the test");
        f.warden.agents().setLevel("bot", MaturityLevel.INTERN, OPERATOR, "review");
        assertThat(watch.sweep()).isEmpty();
        workedADay(c);
        assertThat(watch.sweep()).containsExactly("bot");
    }

    @Test
    void anAgentShortOfTheMeasuredGates_isNotNotified() {
        Caller c = f.register("bot", MaturityLevel.INTERN);
        f.decide(c, Fixtures.READ, Map.of("sku", "A-1")); // one operation of two, no outcome
        f.clock.advance(Duration.ofDays(3));
        PromotionWatch watch = new PromotionWatch(f.warden.agents(), evidence, controls, f.warden.alerts(), f.warden.alerts().store(),
                f.clock);
        assertThat(watch.sweep()).isEmpty();
    }
}
