package dev.warden.policy.cedar;

import static dev.warden.policy.cedar.Fixtures.BILLING_BOT;
import static dev.warden.policy.cedar.Fixtures.DELETE;
import static dev.warden.policy.cedar.Fixtures.EMAIL;
import static dev.warden.policy.cedar.Fixtures.INTERN_BOT;
import static dev.warden.policy.cedar.Fixtures.INVENTORY;
import static dev.warden.policy.cedar.Fixtures.REFUND;
import static dev.warden.policy.cedar.Fixtures.SUPPORT_BOT;
import static dev.warden.policy.cedar.Fixtures.engine;
import static dev.warden.policy.cedar.Fixtures.query;
import static dev.warden.policy.cedar.Fixtures.refund;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicySource;
import dev.warden.policy.PolicyVerdict;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CedarPolicyEngineTest {
    private static final String REFUND_POLICIES = """
            @id("refund-needs-approval")
            @approval("required")
            permit(principal, action == Action::"refund.process", resource)
            when { context.args.amount.lessThan(decimal("100.0")) };

            @id("refund-cap")
            forbid(principal, action == Action::"refund.process", resource)
            when { context.args.amount.greaterThanOrEqual(decimal("100.0")) };
            """;

    @Test
    void evaluate_permitMatches_permits() {
        CedarPolicyEngine engine = engine("@id(\"read\") permit(principal, action == Action::\"inventory.read\", resource);");

        PolicyVerdict verdict = engine.evaluate(query(SUPPORT_BOT, INVENTORY, Map.of("sku", "A-1")));

        assertThat(verdict).isEqualTo(new PolicyVerdict.Permit(List.of("read"), List.of()));
    }

    @Test
    void evaluate_forbidMatches_deniesOverPermit() {
        CedarPolicyEngine engine = engine(
                "@id(\"all\") permit(principal, action, resource);",
                "@id(\"no-delete\") forbid(principal, action == Action::\"customer.delete\", resource);");

        assertThat(engine.evaluate(query(SUPPORT_BOT, DELETE, Map.of("customer_id", "c-1"))))
                .isEqualTo(new PolicyVerdict.Forbid(List.of("no-delete")));
        assertThat(engine.evaluate(query(SUPPORT_BOT, INVENTORY, Map.of("sku", "A-1"))))
                .isEqualTo(new PolicyVerdict.Permit(List.of("all"), List.of()));
    }

    @Test
    void evaluate_noPermitMatches_noPermit() {
        CedarPolicyEngine engine = engine("permit(principal, action == Action::\"inventory.read\", resource);");

        assertThat(engine.evaluate(query(SUPPORT_BOT, DELETE, Map.of("customer_id", "c-1"))))
                .isEqualTo(new PolicyVerdict.NoPermit());
    }

    @Test
    void evaluate_noPolicies_noPermit() {
        CedarPolicyEngine engine = CedarPolicyEngine.load(List.of(), Fixtures.CATALOG);

        assertThat(engine.policyIds()).isEmpty();
        assertThat(engine.evaluate(query(SUPPORT_BOT, INVENTORY, Map.of("sku", "A-1"))))
                .isEqualTo(new PolicyVerdict.NoPermit());
    }

    @Test
    void evaluate_approvalPermit_listsApprovalPolicies() {
        CedarPolicyEngine engine = engine(
                "@id(\"plain\") permit(principal, action == Action::\"customer.delete\", resource);",
                "@id(\"needs-human\") @approval(\"required\") permit(principal, action in Action::\"effect:destructive\", resource);");

        PolicyVerdict verdict = engine.evaluate(query(SUPPORT_BOT, DELETE, Map.of("customer_id", "c-1")));

        assertThat(verdict).isEqualTo(new PolicyVerdict.Permit(List.of("plain", "needs-human"), List.of("needs-human")));
        assertThat(((PolicyVerdict.Permit) verdict).approvalRequired()).isTrue();
    }

    @Test
    void evaluate_refundBelowLimit_needsApproval() {
        CedarPolicyEngine engine = engine(REFUND_POLICIES);

        for (Object amount : List.of(new BigDecimal("99.5"), 99L, 42, new BigDecimal("99.9999"), new BigDecimal("-3.25"))) {
            assertThat(engine.evaluate(refund(SUPPORT_BOT, amount))).as("amount %s", amount)
                    .isEqualTo(new PolicyVerdict.Permit(List.of("refund-needs-approval"), List.of("refund-needs-approval")));
        }
    }

    @Test
    void evaluate_refundAtOrAboveLimit_forbidden() {
        CedarPolicyEngine engine = engine(REFUND_POLICIES);

        for (Object amount : List.of(100L, new BigDecimal("100"), new BigDecimal("100.00"), new BigDecimal("150.25"),
                BigInteger.valueOf(1_000_000), new BigDecimal("100.0001"))) {
            assertThat(engine.evaluate(refund(SUPPORT_BOT, amount))).as("amount %s", amount)
                    .isEqualTo(new PolicyVerdict.Forbid(List.of("refund-cap")));
        }
    }

    @Test
    void evaluate_amountCedarCannotRepresent_fails() {
        CedarPolicyEngine engine = engine("permit(principal, action, resource);");

        for (Object amount : List.of(new BigDecimal("99.12345"), new BigDecimal("1e20"), "ninety")) {
            PolicyVerdict verdict = engine.evaluate(refund(SUPPORT_BOT, amount));
            assertThat(verdict).as("amount %s", amount).isInstanceOf(PolicyVerdict.Failed.class);
            assertThat(((PolicyVerdict.Failed) verdict).message()).contains("args.amount");
        }
    }

    @Test
    void evaluate_actionGroupsByEffect_matchToolEffects() {
        CedarPolicyEngine engine = engine(
                "@id(\"reads\") permit(principal, action in Action::\"effect:read\", resource);",
                "@id(\"writes\") permit(principal, action in [Action::\"effect:write\"], resource)"
                        + " when { context.effects.contains(\"external\") };");

        assertThat(engine.evaluate(query(SUPPORT_BOT, INVENTORY, Map.of("sku", "A-1"))))
                .isEqualTo(new PolicyVerdict.Permit(List.of("reads"), List.of()));
        assertThat(engine.evaluate(query(SUPPORT_BOT, EMAIL, Map.of("to", "a@b.c"))))
                .isEqualTo(new PolicyVerdict.Permit(List.of("writes"), List.of()));
        assertThat(engine.evaluate(refund(SUPPORT_BOT, 5L))).isEqualTo(new PolicyVerdict.NoPermit());
        assertThat(engine.evaluate(query(SUPPORT_BOT, DELETE, Map.of("customer_id", "c-1"))))
                .isEqualTo(new PolicyVerdict.NoPermit());
    }

    @Test
    void evaluate_principalAttributes_areVisible() {
        CedarPolicyEngine engine = engine(
                "@id(\"seniors\") permit(principal, action, resource) when { principal.level_rank >= 3 && principal.level != \"intern\" };",
                "@id(\"billing\") permit(principal, action, resource) when { principal.project == \"billing\" };",
                "@id(\"named\") permit(principal == Agent::\"intern-bot\", action, resource)"
                        + " when { principal.capabilities.contains(\"refund.process\") && principal.environment == \"prod\""
                        + " && principal.owner == \"alice@example.com\" && principal.version == \"1.0.0\""
                        + " && principal.name == \"intern-bot\" };");
        PolicyQuery read = query(SUPPORT_BOT, INVENTORY, Map.of("sku", "A-1"));

        assertThat(engine.evaluate(read)).isEqualTo(new PolicyVerdict.Permit(List.of("seniors"), List.of()));
        assertThat(engine.evaluate(query(BILLING_BOT, INVENTORY, Map.of("sku", "A-1"))))
                .isEqualTo(new PolicyVerdict.Permit(List.of("seniors", "billing"), List.of()));
        assertThat(engine.evaluate(query(INTERN_BOT, INVENTORY, Map.of("sku", "A-1"))))
                .isEqualTo(new PolicyVerdict.Permit(List.of("named"), List.of()));
        assertThat(engine.evaluate(query(Fixtures.agent("other-intern", dev.warden.agent.MaturityLevel.INTERN, "support"),
                INVENTORY, Map.of("sku", "A-1")))).isEqualTo(new PolicyVerdict.NoPermit());
    }

    @Test
    void evaluate_contextAndResource_areVisible() {
        CedarPolicyEngine engine = engine(
                "@id(\"ctx\") permit(principal, action, resource == Resource::\"orders/42\") when {"
                        + " context.risk == \"high\" && context.risk_rank == 3 && context.tool == \"refund.process\""
                        + " && context.session.id == \"sess-1\" && context.effects == [\"financial\", \"write\"] };");
        PolicyQuery onOrder = new PolicyQuery(SUPPORT_BOT, "sess-1", REFUND, "orders/42", Map.of("amount", 1L, "order_id", "o"));
        PolicyQuery otherResource = new PolicyQuery(SUPPORT_BOT, "sess-1", REFUND, "orders/43", Map.of("amount", 1L, "order_id", "o"));
        PolicyQuery otherSession = new PolicyQuery(SUPPORT_BOT, "sess-2", REFUND, "orders/42", Map.of("amount", 1L, "order_id", "o"));

        assertThat(engine.evaluate(onOrder)).isEqualTo(new PolicyVerdict.Permit(List.of("ctx"), List.of()));
        assertThat(engine.evaluate(otherResource)).isEqualTo(new PolicyVerdict.NoPermit());
        assertThat(engine.evaluate(otherSession)).isEqualTo(new PolicyVerdict.NoPermit());
    }

    @Test
    void evaluate_optionalNestedAndSetArguments_convert() {
        CedarPolicyEngine engine = engine(
                "@id(\"urgent\") permit(principal, action == Action::\"email.send\", resource) when {"
                        + " context.args has meta && context.args.meta.priority > 2"
                        + " && context.args.meta has labels && context.args.meta.labels.contains(\"vip\") };",
                "@id(\"cc\") forbid(principal, action == Action::\"email.send\", resource) when {"
                        + " context.args has cc && context.args.cc like \"*@evil.example\" };");
        Map<String, Object> meta = Map.of("priority", 3L, "labels", List.of("vip", "vip", "eu"));
        Map<String, Object> withNullCc = new HashMap<>(Map.of("to", "a@b.c", "meta", meta, "anything", List.of(1, "x"),
                "mixed", 7L, "undeclared", "dropped"));
        withNullCc.put("cc", null);

        assertThat(engine.evaluate(query(SUPPORT_BOT, EMAIL, withNullCc)))
                .isEqualTo(new PolicyVerdict.Permit(List.of("urgent"), List.of()));
        assertThat(engine.evaluate(query(SUPPORT_BOT, EMAIL, Map.of("to", "a@b.c", "meta", Map.of("priority", 1L)))))
                .isEqualTo(new PolicyVerdict.NoPermit());
        assertThat(engine.evaluate(query(SUPPORT_BOT, EMAIL, Map.of("to", "a@b.c", "meta", meta, "cc", "x@evil.example"))))
                .isEqualTo(new PolicyVerdict.Forbid(List.of("cc")));
    }

    @Test
    void evaluate_forbidRaisesError_fails() {
        CedarPolicyEngine engine = engine(
                "@id(\"all\") permit(principal, action, resource);",
                "@id(\"overflowing\") forbid(principal, action == Action::\"refund.process\", resource)"
                        + " when { context.args has multiplier && context.args.multiplier * 4611686018427387904 > 10 };");

        PolicyVerdict verdict = engine.evaluate(query(SUPPORT_BOT, REFUND, Map.of("amount", 1L, "order_id", "o", "multiplier", 4L)));

        assertThat(verdict).isInstanceOf(PolicyVerdict.Failed.class);
        assertThat(((PolicyVerdict.Failed) verdict).policyIds()).containsExactly("overflowing");
        assertThat(((PolicyVerdict.Failed) verdict).message()).contains("overflowing").contains("overflow");
        // the same forbid without the error does not fire
        assertThat(engine.evaluate(query(SUPPORT_BOT, REFUND, Map.of("amount", 1L, "order_id", "o", "multiplier", 0L))))
                .isEqualTo(new PolicyVerdict.Permit(List.of("all"), List.of()));
    }

    @Test
    void evaluate_severalForbidsRaiseErrors_sameVerdictEveryTimeInLoadOrder() {
        List<String> policies = new ArrayList<>(List.of("@id(\"all\") permit(principal, action, resource);"));
        for (int i = 0; i < 6; i++) {
            policies.add("@id(\"overflowing-" + i + "\") forbid(principal, action == Action::\"refund.process\", resource)"
                    + " when { context.args has multiplier && context.args.multiplier * 4611686018427387904 > " + i + " };");
        }
        CedarPolicyEngine engine = engine(policies.toArray(String[]::new));
        PolicyQuery overflowing = query(SUPPORT_BOT, REFUND, Map.of("amount", 1L, "order_id", "o", "multiplier", 4L));

        PolicyVerdict first = engine.evaluate(overflowing);
        for (int i = 0; i < 30; i++) {
            assertThat(engine.evaluate(overflowing)).isEqualTo(first);
        }
        String message = ((PolicyVerdict.Failed) first).message();
        assertThat(message).containsSubsequence("'overflowing-0'", "'overflowing-1'", "'overflowing-2'",
                "'overflowing-3'", "'overflowing-4'", "'overflowing-5'");
    }

    @Test
    void evaluate_permitRaisesError_isNotCounted() {
        String overflowing = "@id(\"overflowing\") permit(principal, action == Action::\"refund.process\", resource)"
                + " when { context.args has multiplier && context.args.multiplier * 4611686018427387904 > 10 };";
        Map<String, Object> args = Map.of("amount", 1L, "order_id", "o", "multiplier", 4L);

        assertThat(engine(overflowing).evaluate(query(SUPPORT_BOT, REFUND, args))).isEqualTo(new PolicyVerdict.NoPermit());
        assertThat(engine(overflowing, "@id(\"other\") permit(principal, action, resource);")
                .evaluate(query(SUPPORT_BOT, REFUND, args)))
                .isEqualTo(new PolicyVerdict.Permit(List.of("other"), List.of()));
    }

    @Test
    void evaluate_badQueries_failInsteadOfThrowing() {
        CedarPolicyEngine engine = engine("permit(principal, action, resource);");
        Tool unknown = new Tool("unknown.tool", "x", Set.of(EffectClass.READ), RiskTier.LOW, JsonSchema.anyObject(), Optional.empty());

        List<PolicyQuery> bad = new ArrayList<>();
        bad.add(query(SUPPORT_BOT, unknown, Map.of()));
        bad.add(query(SUPPORT_BOT, REFUND, Map.of("order_id", "o")));
        bad.add(query(SUPPORT_BOT, REFUND, Map.of("amount", 1L, "order_id", 7L)));
        bad.add(new PolicyQuery(SUPPORT_BOT, null, INVENTORY, "r", Map.of("sku", "A")));
        bad.add(new PolicyQuery(SUPPORT_BOT, "s", INVENTORY, null, Map.of("sku", "A")));
        bad.add(new PolicyQuery(null, "s", INVENTORY, "r", Map.of("sku", "A")));
        bad.add(null);
        for (PolicyQuery q : bad) {
            assertThat(engine.evaluate(q)).as("%s", q).isInstanceOf(PolicyVerdict.Failed.class);
        }
    }

    @Test
    void policyIds_areInLoadOrder() {
        CedarPolicyEngine engine = CedarPolicyEngine.load(List.of(
                new PolicySource("b.cedar", "permit(principal, action, resource);\n@id(\"named\") forbid(principal, action, resource);"),
                new PolicySource("a.cedar", "// nothing but a comment; really\npermit(principal, action, resource);")), Fixtures.CATALOG);

        assertThat(engine.policyIds()).containsExactly("b.cedar#0", "named", "a.cedar#0");
    }

    @Test
    void evaluate_manyThreads_consistentResults() throws Exception {
        CedarPolicyEngine engine = engine(REFUND_POLICIES,
                "@id(\"reads\") permit(principal, action in Action::\"effect:read\", resource);",
                "@id(\"no-interns\") forbid(principal, action, resource) unless { principal.level_rank > 1 };");
        Map<PolicyQuery, PolicyVerdict> expected = new HashMap<>();
        expected.put(refund(SUPPORT_BOT, new BigDecimal("10.5")),
                new PolicyVerdict.Permit(List.of("refund-needs-approval"), List.of("refund-needs-approval")));
        expected.put(refund(SUPPORT_BOT, 500L), new PolicyVerdict.Forbid(List.of("refund-cap")));
        expected.put(refund(INTERN_BOT, 5L), new PolicyVerdict.Forbid(List.of("no-interns")));
        expected.put(query(SUPPORT_BOT, INVENTORY, Map.of("sku", "A")), new PolicyVerdict.Permit(List.of("reads"), List.of()));
        expected.put(query(SUPPORT_BOT, DELETE, Map.of("customer_id", "c")), new PolicyVerdict.NoPermit());
        List<PolicyQuery> queries = List.copyOf(expected.keySet());

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        PolicyQuery q = queries.get((i + offset) % queries.size());
                        PolicyVerdict got = engine.evaluate(q);
                        if (!got.equals(expected.get(q))) {
                            mismatches.add(q + " -> " + got);
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> f : futures) {
                assertThat(f.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
