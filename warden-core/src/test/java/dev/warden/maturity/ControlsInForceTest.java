package dev.warden.maturity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.agent.Agent;
import dev.warden.agent.MaturityLevel;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.catalog.EffectClass;
import dev.warden.decision.DecisionRequest;
import dev.warden.limits.AgentLimits;
import dev.warden.limits.Budget;
import dev.warden.limits.LimitsConfig;
import dev.warden.limits.MaxImpact;
import dev.warden.limits.Measure;
import dev.warden.limits.Rate;
import dev.warden.limits.ToolLimits;
import dev.warden.testing.RuleTablePolicyEngine;
import dev.warden.scan.ContentDetectors;
import dev.warden.scan.DataGovernance;
import dev.warden.scan.DataRules;
import dev.warden.scan.MaskingKey;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.WardenFixture;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Which controls of a level are in force for an agent, from the Warden it runs under. */
class ControlsInForceTest {
    static final MaskingKey KEY = MaskingKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void bareWarden_namesEveryConfigurableControlMissing_andTheBuiltInOnesInForce() {
        try (WardenFixture f = new WardenFixture()) {
            f.register("bot", MaturityLevel.INTERN);
            Agent bot = f.warden.agents().require("bot");
            ControlsReport junior = new ControlsInForce(f.warden).check(bot, MaturityLevel.JUNIOR);

            assertThat(junior.controls()).extracting(ControlCheck::control).containsExactly("credential_binding",
                    "baseline", "schema_validation", "injection_detection", "rate_limits", "circuit_breaker");
            assertThat(junior.missing()).containsExactly("baseline", "schema_validation", "injection_detection", "rate_limits");
            assertThat(why(junior, "schema_validation")).contains(Fixtures.EMAIL, Fixtures.DROP).doesNotContain(Fixtures.READ);
            assertThat(why(junior, "baseline")).contains("monitoring is off");

            ControlsReport principal = new ControlsInForce(f.warden).check(bot, MaturityLevel.PRINCIPAL);
            assertThat(principal.controls()).hasSize(16);
            assertThat(principal.controls()).allMatch(c -> c.requiredFrom().compareTo(MaturityLevel.PRINCIPAL) <= 0);
            assertThat(principal.missing()).contains("transaction_limits", "cumulative_limits", "rollback", "lineage",
                    "anomaly_detection", "output_validation", "automatic_demotion");
            assertThat(why(principal, "rollback")).contains(Fixtures.UPDATE, Fixtures.REFUND, Fixtures.DROP)
                    .doesNotContain(Fixtures.READ);
            assertThat(why(principal, "transaction_limits")).contains(Fixtures.REFUND + " (no max_impact)");
            assertThat(new ControlsInForce(f.warden).check(bot, MaturityLevel.INTERN).controls()).isEmpty();
        }
    }

    @Test
    void configuredWarden_limitsScanningAndALearnedBaseline_putTheSeniorControlsInForce() {
        AgentLimits defaults = new AgentLimits(Optional.empty(), Optional.of(new Rate(60, Duration.ofMinutes(1))),
                Optional.empty(), java.util.OptionalInt.empty(), Optional.empty(),
                Map.of(Fixtures.REFUND, new ToolLimits(Optional.empty(),
                        Optional.of(new MaxImpact(Map.of(MaturityLevel.JUNIOR, BigDecimal.TEN, MaturityLevel.SENIOR, BigDecimal.valueOf(500)))))),
                Map.of("money", new Budget("money", Optional.empty(), Optional.of(EffectClass.FINANCIAL), Measure.CALLS,
                        Optional.empty(), BigDecimal.valueOf(1000), Duration.ofDays(1))));
        try (Warden w = warden(b -> b.limits(new LimitsConfig(defaults, Map.of(), Map.of(), false))
                .data(new DataGovernance(ContentDetectors.defaults(), DataRules.DEFAULTS, KEY))
                .behavior(BehaviorConfig.DEFAULTS.learning(Duration.ZERO, 1)))) {
            w.agents().register(Fixtures.registration("bot", Optional.of(MaturityLevel.JUNIOR), Fixtures.CAPABILITIES),
                    WardenFixture.OPERATOR);
            Agent bot = w.agents().require("bot");
            ControlsInForce controls = new ControlsInForce(w);

            assertThat(controls.check(bot, MaturityLevel.SENIOR).missing()).as("before any call")
                    .containsExactly("baseline", "schema_validation");
            w.decisions().decide(DecisionRequest.of(WardenFixture.caller("bot", 0), Fixtures.READ, Map.of("sku", "A")));
            w.behavior().orElseThrow().drain();

            ControlsReport senior = controls.check(bot, MaturityLevel.SENIOR);
            assertThat(senior.missing()).containsExactly("schema_validation");
            assertThat(why(senior, "transaction_limits")).contains(Fixtures.REFUND + " <= 500");
            assertThat(why(senior, "cumulative_limits")).contains("money");
            assertThat(why(senior, "injection_detection")).contains("prompt_injection");
            assertThat(controls.check(bot, MaturityLevel.JUNIOR).controls())
                    .filteredOn(c -> c.control().equals("transaction_limits")).isEmpty();
        }
    }

    @Test
    void aStillLearningBaseline_isMissing() {
        try (Warden w = warden(b -> b.behavior(BehaviorConfig.DEFAULTS))) {
            w.agents().register(Fixtures.registration("bot", Optional.of(MaturityLevel.JUNIOR), Fixtures.CAPABILITIES),
                    WardenFixture.OPERATOR);
            w.decisions().decide(DecisionRequest.of(WardenFixture.caller("bot", 0), Fixtures.READ, Map.of("sku", "A")));
            w.behavior().orElseThrow().drain();
            ControlsReport r = new ControlsInForce(w).check(w.agents().require("bot"), MaturityLevel.JUNIOR);
            assertThat(r.missing()).contains("baseline");
            assertThat(why(r, "baseline")).contains("still learning", "1 operations");
        }
    }

    static String why(ControlsReport r, String control) {
        return r.controls().stream().filter(c -> c.control().equals(control)).findFirst().orElseThrow().why();
    }

    static Warden warden(UnaryOperator<Warden.Builder> more) {
        return more.apply(Warden.builder()
                .stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), new InMemoryAuditStore())
                .catalog(Fixtures.catalog())
                .projects(Fixtures.projects())
                .policyEngine(new RuleTablePolicyEngine())
                .clock(new MutableClock())
                .random(new Random(42))).build();
    }
}
