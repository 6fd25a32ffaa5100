package dev.warden.behavior;

import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.UPDATE;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditStore;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.outcome.OutcomeReport;
import dev.warden.policy.PolicyVerdict;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.RuleTablePolicyEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monitor wired into an embedded Warden: fed by recorded decisions and outcomes, off the decision path. */
class BehaviorWardenTest {
    private final MutableClock clock = new MutableClock();
    private final AuditStore audit = new InMemoryAuditStore();
    private final List<Anomaly> anomalies = new CopyOnWriteArrayList<>();
    private Warden warden;
    private final Caller bot = new Caller("bot", "sess-bot", 0);

    @AfterEach
    void close() {
        if (warden != null) {
            warden.close();
        }
    }

    private void start(boolean sinkThrows) {
        RuleTablePolicyEngine policies = new RuleTablePolicyEngine();
        policies.rule(READ, q -> new PolicyVerdict.Permit(List.of("p-read"), List.of()));
        policies.rule(UPDATE, q -> new PolicyVerdict.Permit(List.of("p-update"), List.of()));
        warden = Warden.builder().catalog(Fixtures.catalog()).projects(Fixtures.projects()).policyEngine(policies)
                .clock(clock).random(new Random(7)).stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), audit)
                .anomalySink(a -> {
                    anomalies.add(a);
                    if (sinkThrows) {
                        throw new IllegalStateException("sink down");
                    }
                })
                // the anomalies are what is tested: no automatic response may stop the agent mid-run
                .responses(new dev.warden.incident.ResponsePolicy(Map.of(), 1.0))
                .build();
        warden.incidents().demotion(dev.warden.incident.DemotionRules.OFF);
        warden.agents().register(Fixtures.registration("bot", Optional.of(MaturityLevel.SENIOR), Fixtures.CAPABILITIES), OPERATOR);
    }

    @Test
    void aBurstOfFailedOutcomes_isOneCriticalErrorRateAnomaly_auditedAndHandedToTheSink() {
        start(false);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Decision d = warden.decisions().decide(DecisionRequest.of(bot, UPDATE, Map.of("sku", "A-1", "qty", 1)));
            assertThat(d).isInstanceOf(Decision.Allow.class);
            ids.add(d.id().value());
            warden.outcomes().record(bot, d.id(), new OutcomeReport(i % 5 == 0 || i % 5 == 2 ? "failed" : "completed",
                    Optional.empty(), Optional.empty()));
            clock.advance(Duration.ofSeconds(2));
        }
        warden.behavior().orElseThrow().drain();

        List<Anomaly> errors = anomalies.stream().filter(a -> a.detector().equals(ErrorRate.ID)).toList();
        assertThat(errors).hasSize(1);
        Anomaly a = errors.get(0);
        assertThat(a.agent()).isEqualTo("bot");
        assertThat(a.severity()).isEqualTo(AnomalySeverity.CRITICAL);
        assertThat(a.evidence()).isSubsetOf(ids).contains(ids.get(19));
        assertThat(audit.read(new AuditQuery(0, 1000, Optional.empty(), Optional.of("anomaly.detected"))))
                .filteredOn(r -> r.entry().contains("\"detector\":\"error_rate\"")).singleElement().satisfies(r -> assertThat(r.entry()).contains(a.id()).contains("\"detector\":\"error_rate\""));
        Map<String, Object> baseline = warden.behavior().orElseThrow().baseline("bot").orElseThrow();
        assertThat(baseline).containsEntry("operations", 25L).containsEntry("learning", true);
        assertThat(((Map<?, ?>) baseline.get("tools")).keySet()).map(String::valueOf).containsExactly(UPDATE);
    }

    @Test
    void aSinkThatThrows_neverChangesADecision() {
        start(true);
        for (int i = 0; i < 40; i++) {
            Decision d = warden.decisions().decide(DecisionRequest.of(bot, READ, Map.of("sku", "S-" + i)));
            assertThat(d).isInstanceOf(Decision.Allow.class);
        }
        warden.behavior().orElseThrow().drain();
        assertThat(anomalies).extracting(Anomaly::detector).containsExactly(Enumeration.ID);
        assertThat(warden.decisions().decide(DecisionRequest.of(bot, READ, Map.of("sku", "S-1"))))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void withoutBehaviorConfigured_thereIsNoMonitor() {
        RuleTablePolicyEngine policies = new RuleTablePolicyEngine();
        warden = Warden.builder().catalog(Fixtures.catalog()).projects(Fixtures.projects()).policyEngine(policies).build();
        assertThat(warden.behavior()).isEmpty();
    }
}
