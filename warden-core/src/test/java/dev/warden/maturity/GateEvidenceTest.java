package dev.warden.maturity;

import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalId;
import dev.warden.audit.AuditEvent;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.incident.DemotionRules;
import dev.warden.incident.Incident;
import dev.warden.incident.ResponsePolicy;
import dev.warden.outcome.OutcomeReport;
import dev.warden.testing.Fixtures;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Promotion gates 1 (performance) and 4 (incident record), each check exact on a scripted history with a controlled clock. */
class GateEvidenceTest {
    private final WardenFixture f = new WardenFixture();
    private final AtomicInteger seq = new AtomicInteger();
    /** The ATF defaults, with a baseline minimum of 3 operations to keep histories short. */
    private GateEvidence evidence = new GateEvidence(f.auditStore, f.warden.incidents().store(), f.clock, 3);

    GateEvidenceTest() {
        f.policies.permit(Fixtures.EMAIL, "p-email").permit(Fixtures.READ, "p-read");
        // incidents here only record: no response, no automatic demotion (which would restart the level)
        f.warden.incidents().policy(new ResponsePolicy(Map.of(), 1.0));
        f.warden.incidents().demotion(DemotionRules.OFF);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private Readiness readiness(String agent) {
        return evidence.readiness(f.warden.agents().require(agent));
    }

    private static GateCheck check(Readiness r, GateResult.Gate gate, String name) {
        GateResult g = r.gates().stream().filter(x -> x.gate() == gate).findFirst().orElseThrow();
        return g.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static GateCheck perf(Readiness r, String name) {
        return check(r, GateResult.Gate.PERFORMANCE, name);
    }

    private static GateCheck record(Readiness r, String name) {
        return check(r, GateResult.Gate.INCIDENT_RECORD, name);
    }

    private static Map<String, Object> mail(int n) {
        return Map.of("to", "c" + n + "@example.com", "body", "hello " + n);
    }

    private Decision read(Caller c, int n) {
        Decision d = f.decide(c, Fixtures.READ, Map.of("sku", "A-" + n));
        assertThat(d).isInstanceOf(Decision.Allow.class);
        return d;
    }

    private void outcome(Caller c, Decision d, String status) {
        f.warden.outcomes().record(c, d.id(), new OutcomeReport(status, Optional.empty(), Optional.empty()));
    }

    private ApprovalId held(Caller c, int n) {
        Decision d = f.decide(c, Fixtures.EMAIL, mail(n));
        assertThat(d).isInstanceOf(Decision.ApprovalRequired.class);
        return ((Decision.ApprovalRequired) d).approvalId();
    }

    private Incident incident(String agent, AnomalySeverity severity) {
        return f.warden.incidents().record(new Anomaly("anm_" + seq.incrementAndGet(), f.clock.instant(), agent, Optional.empty(),
                "volume_spike", 1, severity, 10.0, Optional.of(2.0), 4.0, "volume of " + agent, List.of()));
    }

    @Test
    void timeAtLevel_failsBeforeTheMinimum_andPassesOnceItIsReached() {
        f.register("bot", MaturityLevel.JUNIOR);
        f.clock.advance(Duration.ofDays(27));
        GateCheck early = perf(readiness("bot"), "time_at_level");
        assertThat(early.passed()).isFalse();
        assertThat(early.observed()).hasValue(27 * 86_400.0);
        assertThat(early.required()).isEqualTo(28 * 86_400.0); // junior to senior: 4 weeks

        f.clock.advance(Duration.ofDays(1));
        assertThat(perf(readiness("bot"), "time_at_level").passed()).isTrue();
    }

    @Test
    void timeAlone_doesNotPass_theOtherChecksFailWithoutEvidence() {
        f.register("bot", MaturityLevel.JUNIOR);
        f.clock.advance(Duration.ofDays(60));
        Readiness r = readiness("bot");
        assertThat(perf(r, "time_at_level").passed()).isTrue();
        assertThat(perf(r, "operations").passed()).isFalse();
        assertThat(perf(r, "accuracy").passed()).isFalse();
        assertThat(perf(r, "accuracy").why()).startsWith("no evidence");
        assertThat(perf(r, "response_time_p95").passed()).isFalse();
        assertThat(perf(r, "response_time_p95").observed()).isEmpty();
        assertThat(r.gates().getFirst().passed()).isFalse();
        assertThat(r.pending()).containsExactly("security_validation", "business_value", "governance_sign_off");
    }

    @Test
    void operations_countDecisionsAtTheLevelOnly_againstTheBaselineMinimum() {
        Caller c = f.register("bot", MaturityLevel.SENIOR);
        read(c, 0);
        read(c, 1);
        f.clock.advance(Duration.ofMinutes(1));
        f.warden.agents().setLevel("bot", MaturityLevel.JUNIOR, OPERATOR, "review"); // the level restarts
        f.clock.advance(Duration.ofMinutes(1));
        read(c, 2);
        read(c, 3);
        GateCheck two = perf(readiness("bot"), "operations");
        assertThat(two.observed()).hasValue(2);
        assertThat(two.required()).isEqualTo(3);
        assertThat(two.passed()).isFalse();

        read(c, 4);
        assertThat(perf(readiness("bot"), "operations").passed()).isTrue();
    }

    @Test
    void accuracy_isExact_onDeniedApprovalsFailedOutcomesAndRollbacks() {
        Caller c = f.register("bot", MaturityLevel.JUNIOR);
        Decision[] runs = new Decision[3];
        String[] outcomes = {"completed", "failed", "completed"};
        for (int i = 0; i < 3; i++) {
            ApprovalId id = held(c, i);
            f.warden.approvals().approve(id, OPERATOR, Optional.empty());
            runs[i] = f.redeem(c, Fixtures.EMAIL, mail(i), id);
            assertThat(runs[i]).isInstanceOf(Decision.Allow.class);
            outcome(c, runs[i], outcomes[i]);
        }
        f.warden.approvals().deny(held(c, 9), OPERATOR, Optional.of("wrong customer"));
        f.warden.auditLog().appendDurably(AuditEvent.forAgent("rollback.item", f.clock.instant(), "bot",
                Map.of("plan_id", "rbp_1", "compensates", runs[2].id().value(), "state", "handed_to_owner")));
        f.warden.auditLog().appendDurably(AuditEvent.forAgent("rollback.item", f.clock.instant(), "bot",
                Map.of("plan_id", "rbp_2", "compensates", runs[2].id().value(), "state", "handed_to_owner"))); // counted once

        GateCheck a = perf(readiness("bot"), "accuracy");

        // judged: 3 outcomes + 4 approval requests decided; wrong: 1 failed + 1 denied + 1 rolled back
        assertThat(a.observed().getAsDouble()).isCloseTo(1 - 3.0 / 7, within(1e-12));
        assertThat(a.required()).isEqualTo(0.95);
        assertThat(a.rule()).isEqualTo("above");
        assertThat(a.passed()).isFalse();
        assertThat(a.why()).contains("failed 1, denied 1, rolled back 1 of 3 outcomes and 4 approval requests decided");
    }

    @Test
    void accuracy_above95_passesForSenior_andIsNotRequiredForJunior() {
        Caller c = f.register("bot", MaturityLevel.JUNIOR);
        for (int i = 0; i < 20; i++) {
            outcome(c, read(c, i), i == 0 ? "failed" : "completed");
        }
        GateCheck a = perf(readiness("bot"), "accuracy");
        assertThat(a.observed().getAsDouble()).isCloseTo(0.95, within(1e-12));
        assertThat(a.passed()).as("95%% is not above 95%%").isFalse();
        outcome(c, read(c, 20), "completed");
        assertThat(perf(readiness("bot"), "accuracy").passed()).isTrue();

        Caller intern = f.register("new-bot", MaturityLevel.INTERN);
        outcome(intern, read(intern, 1), "failed");
        GateCheck na = perf(readiness("new-bot"), "accuracy");
        assertThat(na.rule()).isEqualTo("not_applicable");
        assertThat(na.passed()).isTrue();
    }

    @Test
    void availability_subtractsAQuarantineAndAnOpenBreaker_ofKnownLength() {
        f.register("bot", MaturityLevel.JUNIOR);
        f.clock.advance(Duration.ofHours(10));
        f.warden.agents().quarantine("bot", OPERATOR, "drill");
        f.clock.advance(Duration.ofHours(1));
        f.warden.agents().restore("bot", MaturityLevel.JUNIOR, OPERATOR, "drill over"); // same level: the time at level goes on
        f.clock.advance(Duration.ofHours(5));
        breaker("bot", "email.send", "closed", "open");
        f.clock.advance(Duration.ofMinutes(30));
        breaker("bot", "email.send", "open", "half_open");
        f.clock.advance(Duration.ofMinutes(30));
        breaker("bot", "email.send", "half_open", "closed");
        f.clock.advance(Duration.ofHours(7));

        GateCheck a = perf(readiness("bot"), "availability"); // 2 h down of 24 h

        assertThat(a.observed().getAsDouble()).isCloseTo(1 - 2.0 / 24, within(1e-12));
        assertThat(a.required()).isEqualTo(0.995);
        assertThat(a.passed()).isFalse();
    }

    @Test
    void availability_countsAQuarantineThatBeganBeforeTheLevel_andOneStillInForce() {
        f.register("bot", MaturityLevel.SENIOR);
        f.warden.agents().quarantine("bot", OPERATOR, "drill");
        f.clock.advance(Duration.ofHours(1));
        f.warden.agents().setLevel("bot", MaturityLevel.JUNIOR, OPERATOR, "review"); // level starts while quarantined
        f.clock.advance(Duration.ofHours(1));
        f.warden.agents().restore("bot", MaturityLevel.JUNIOR, OPERATOR, "back");
        f.clock.advance(Duration.ofHours(2));
        f.warden.agents().quarantine("bot", OPERATOR, "again");
        f.clock.advance(Duration.ofHours(1));

        assertThat(perf(readiness("bot"), "availability").observed().getAsDouble()).isCloseTo(2.0 / 4, within(1e-12));
    }

    @Test
    void availability_aboveTheRequirement_passes() {
        f.register("bot", MaturityLevel.INTERN);
        f.clock.advance(Duration.ofDays(10));
        f.warden.agents().quarantine("bot", OPERATOR, "drill");
        f.clock.advance(Duration.ofMinutes(10)); // 10 min of 10 days: 99.93 %
        f.warden.agents().restore("bot", MaturityLevel.INTERN, OPERATOR, "drill over");
        GateCheck a = perf(readiness("bot"), "availability");
        assertThat(a.required()).isEqualTo(0.99);
        assertThat(a.passed()).isTrue();
    }

    private void breaker(String agent, String tool, String from, String to) {
        f.warden.auditLog().appendDurably(AuditEvent.forAgent("breaker.transition", f.clock.instant(), agent,
                Map.of("agent", agent, "tool", tool, "from", from, "to", to)));
    }

    @Test
    void responseTime_isTheNearestRankP95_ofDecisionToOutcomeLatency() {
        Caller c = f.register("bot", MaturityLevel.JUNIOR);
        for (int i = 1; i <= 20; i++) {
            Decision d = read(c, i);
            f.clock.advance(Duration.ofSeconds(i * 5L)); // 5 s .. 100 s
            outcome(c, d, "completed");
        }
        GateCheck p = perf(readiness("bot"), "response_time_p95");
        assertThat(p.observed()).hasValue(95.0); // the 19th of 20
        assertThat(p.required()).isEqualTo(60.0);
        assertThat(p.passed()).isFalse();

        evidence = new GateEvidence(f.auditStore, f.warden.incidents().store(), f.clock,
                target -> new GateThresholds(target, Duration.ZERO, 0, OptionalDouble.empty(), 0, Duration.ofSeconds(95), false));
        assertThat(perf(readiness("bot"), "response_time_p95").passed()).isTrue();
    }

    @Test
    void incidentRecord_aCriticalIncidentAtTheLevel_fails() {
        f.register("bot", MaturityLevel.JUNIOR);
        Incident i = incident("bot", AnomalySeverity.CRITICAL);
        f.warden.incidents().resolve(i.id(), OPERATOR, "root cause: leaked key");
        Readiness r = readiness("bot");
        assertThat(record(r, "critical_incidents").observed()).hasValue(1);
        assertThat(record(r, "critical_incidents").passed()).isFalse();
        assertThat(r.gates().get(1).passed()).isFalse();
    }

    @Test
    void incidentRecord_anUnresolvedMinorIncident_fails_untilResolved() {
        f.register("bot", MaturityLevel.JUNIOR);
        Incident i = incident("bot", AnomalySeverity.MAJOR);
        f.warden.incidents().acknowledge(i.id(), OPERATOR, "looking");
        assertThat(record(readiness("bot"), "unresolved_minor_incidents").passed()).isFalse();

        f.warden.incidents().resolve(i.id(), OPERATOR, "root cause: a retry loop");
        Readiness r = readiness("bot");
        assertThat(record(r, "unresolved_minor_incidents").observed()).hasValue(0);
        assertThat(r.gates().get(1).passed()).isTrue();
    }

    @Test
    void incidentRecord_forSenior_aResolutionWithoutNote_failsTheRootCauseCheck() {
        f.register("bot", MaturityLevel.JUNIOR);
        Incident i = incident("bot", AnomalySeverity.MINOR);
        f.warden.incidents().resolve(i.id(), OPERATOR, " ");
        GateCheck rca = record(readiness("bot"), "root_cause_missing");
        assertThat(rca.observed()).hasValue(1);
        assertThat(rca.passed()).isFalse();
        assertThat(rca.why()).contains(i.id());

        f.clock.advance(Duration.ofMinutes(1));
        Incident noted = incident("bot", AnomalySeverity.MINOR);
        f.warden.incidents().resolve(noted.id(), OPERATOR, "root cause: a stale cache");
        assertThat(record(readiness("bot"), "root_cause_missing").observed()).hasValue(1); // the first one still lacks it
    }

    @Test
    void incidentRecord_withNotes_passes_andAJuniorTargetNeedsNoNote() {
        f.register("bot", MaturityLevel.JUNIOR);
        Incident i = incident("bot", AnomalySeverity.MINOR);
        f.warden.incidents().resolve(i.id(), OPERATOR, "root cause: a stale cache");
        Readiness r = readiness("bot");
        assertThat(r.gates().get(1).passed()).isTrue();
        assertThat(record(r, "root_cause_missing").observed()).hasValue(0);

        f.register("new-bot", MaturityLevel.INTERN);
        Incident j = incident("new-bot", AnomalySeverity.MINOR);
        f.warden.incidents().resolve(j.id(), OPERATOR, null);
        GateCheck rca = record(readiness("new-bot"), "root_cause_missing");
        assertThat(rca.rule()).isEqualTo("not_applicable");
        assertThat(rca.passed()).isTrue();
    }

    @Test
    void incidentRecord_incidentsBeforeTheLevel_doNotCount() {
        f.register("bot", MaturityLevel.SENIOR);
        Incident i = incident("bot", AnomalySeverity.CRITICAL);
        f.warden.incidents().resolve(i.id(), OPERATOR, "root cause: leaked key");
        f.clock.advance(Duration.ofMinutes(1));
        f.warden.agents().setLevel("bot", MaturityLevel.JUNIOR, OPERATOR, "demoted after the incident");
        assertThat(record(readiness("bot"), "critical_incidents").passed()).isTrue();
    }

    @Test
    void aGateWithEveryCheckMet_passes_butTheReadinessStillListsThePendingGates() {
        Caller c = f.register("bot", MaturityLevel.INTERN);
        for (int i = 0; i < 3; i++) {
            Decision d = read(c, i);
            f.clock.advance(Duration.ofSeconds(2));
            outcome(c, d, "completed");
        }
        f.clock.advance(Duration.ofDays(14));
        Readiness r = readiness("bot");
        assertThat(r.next()).isEqualTo(MaturityLevel.JUNIOR);
        assertThat(r.gates()).extracting(GateResult::passed).containsExactly(true, true);
        assertThat(r.computedGatesPassed()).isTrue();
        assertThat(r.pending()).isNotEmpty();
    }
}
