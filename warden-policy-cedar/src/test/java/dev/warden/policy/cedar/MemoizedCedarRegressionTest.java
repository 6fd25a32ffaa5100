package dev.warden.policy.cedar;

import static dev.warden.policy.cedar.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.Agent;
import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.policy.MemoizingPolicyEngine;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicySource;
import dev.warden.policy.PolicyVerdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The history-dependence of the hardening issue, as the MCP gateway example had it: a call whose
 * arguments Cedar cannot represent was denied until an ordinary call to the same tool filled the
 * verdict memo, and then allowed.
 */
class MemoizedCedarRegressionTest {
    /** {@code everything.get-sum} and the {@code demo-reads} policy of examples/mcp-gateway. */
    private static final Tool GET_SUM = new Tool("everything.get-sum", "Add two numbers.", Set.of(EffectClass.READ),
            RiskTier.LOW, JsonSchema.of(Map.of("type", "object",
                    "properties", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")),
                    "required", List.of("a", "b"))), Optional.empty());
    private static final String DEMO_READS = """
            @id("demo-reads")
            permit(principal == Agent::"desk-agent",
                   action in [Action::"everything.get-sum"],
                   resource);
            """;
    private static final Agent DESK_AGENT = agent("desk-agent", MaturityLevel.JUNIOR, "demo");

    private final CedarPolicyEngine cedar = CedarPolicyEngine.load(List.of(new PolicySource("demo.cedar", DEMO_READS)),
            ToolCatalog.of(List.of(GET_SUM)));

    private static PolicyQuery sum(Object a, Object b) {
        return new PolicyQuery(DESK_AGENT, "sess-1", GET_SUM, GET_SUM.name(), Map.of("a", a, "b", b));
    }

    @Test
    void evaluate_argsCedarCannotRepresent_failAlsoAfterAnAllowedCallOfTheSameTool() {
        MemoizingPolicyEngine memo = new MemoizingPolicyEngine(cedar, 100);
        PolicyQuery tooLarge = sum(new BigDecimal("1e19"), 1L);
        PolicyQuery infinite = sum(new BigDecimal("1e400"), 1L);

        assertThat(memo.evaluate(tooLarge)).isInstanceOf(PolicyVerdict.Failed.class);
        assertThat(memo.evaluate(sum(1L, 1L))).isEqualTo(new PolicyVerdict.Permit(List.of("demo-reads"), List.of()));

        assertThat(memo.evaluate(tooLarge)).isInstanceOf(PolicyVerdict.Failed.class).isEqualTo(cedar.evaluate(tooLarge));
        assertThat(memo.evaluate(infinite)).isInstanceOf(PolicyVerdict.Failed.class).isEqualTo(cedar.evaluate(infinite));
        assertThat(memo.evaluate(sum(new BigDecimal("0.00001"), 1L))).isInstanceOf(PolicyVerdict.Failed.class);
    }

    @Test
    void evaluate_argsAlikeInCanonicalJsonButNotForCedar_eachGetsItsOwnVerdict() {
        CedarPolicyEngine reading = CedarPolicyEngine.load(List.of(new PolicySource("sum.cedar", """
                @id("small-sums") permit(principal, action == Action::"everything.get-sum", resource)
                when { context.args.a.lessThan(decimal("1.0")) };
                """)), ToolCatalog.of(List.of(GET_SUM)));
        MemoizingPolicyEngine memo = new MemoizingPolicyEngine(reading, 100);
        PolicyQuery floatTenth = sum(0.1f, 1L);
        PolicyQuery itsDouble = sum((double) 0.1f, 1L);

        assertThat(memo.evaluate(floatTenth)).isEqualTo(new PolicyVerdict.Permit(List.of("small-sums"), List.of()));
        assertThat(memo.evaluate(itsDouble)).isInstanceOf(PolicyVerdict.Failed.class).isEqualTo(reading.evaluate(itsDouble));
    }

    @Test
    void evaluate_toolNoPolicyReadsTheContextOf_newArgumentsAndSessionsAnsweredFromMemory() {
        Counting counting = new Counting(cedar);
        MemoizingPolicyEngine memo = new MemoizingPolicyEngine(counting, 100);

        for (long a = 0; a < 20; a++) {
            PolicyQuery q = sum(a, new BigDecimal(a + ".25"));
            PolicyQuery otherSession = new PolicyQuery(q.agent(), "sess-" + a, q.tool(), q.resource(), q.args());
            assertThat(memo.evaluate(q)).isEqualTo(new PolicyVerdict.Permit(List.of("demo-reads"), List.of()));
            assertThat(memo.evaluate(otherSession)).isEqualTo(new PolicyVerdict.Permit(List.of("demo-reads"), List.of()));
        }
        assertThat(counting.evaluations).isEqualTo(1);
        memo.evaluate(new PolicyQuery(DESK_AGENT, "sess-1", GET_SUM, "elsewhere", Map.of("a", 1L, "b", 2L)));
        assertThat(counting.evaluations).as("the resource is part of the key").isEqualTo(2);
    }

    @Test
    void evaluate_toolWhosePoliciesReadTheArgs_argumentsCedarNeverSeesShareAVerdict() {
        CedarPolicyEngine reading = CedarPolicyEngine.load(List.of(new PolicySource("sum.cedar", """
                @id("small-sums") permit(principal, action == Action::"everything.get-sum", resource)
                when { context.args.a.lessThan(decimal("1.0")) };
                """)), ToolCatalog.of(List.of(GET_SUM)));
        Counting counting = new Counting(reading);
        MemoizingPolicyEngine memo = new MemoizingPolicyEngine(counting, 100);

        memo.evaluate(sum(new BigDecimal("0.5"), 1L));
        memo.evaluate(new PolicyQuery(DESK_AGENT, "sess-1", GET_SUM, GET_SUM.name(),
                Map.of("a", new BigDecimal("0.50"), "b", 1L, "undeclared", "dropped")));
        assertThat(counting.evaluations).isEqualTo(1);
        memo.evaluate(sum(new BigDecimal("0.6"), 1L));
        assertThat(counting.evaluations).isEqualTo(2);
    }

    /** Counts the calls that reach the engine behind the memo. */
    private static final class Counting implements PolicyEngine {
        private final PolicyEngine engine;
        private int evaluations;

        Counting(PolicyEngine engine) {
            this.engine = engine;
        }

        @Override
        public PolicyVerdict evaluate(PolicyQuery query) {
            evaluations++;
            return engine.evaluate(query);
        }

        @Override
        public List<String> policyIds() {
            return engine.policyIds();
        }

        @Override
        public Optional<Object> verdictKey(PolicyQuery query) {
            return engine.verdictKey(query);
        }
    }
}
