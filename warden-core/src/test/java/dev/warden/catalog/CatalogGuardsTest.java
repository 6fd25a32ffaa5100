package dev.warden.catalog;

import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.decision.Caller;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.DecisionId;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.DecisionRules;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.testing.Fixtures;
import dev.warden.testing.GuardFixtures;
import dev.warden.testing.RuleTablePolicyEngine;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link CatalogGuard} and {@link SchemaGuard}. */
class CatalogGuardsTest {
    @Test
    void catalogGuard_actionNotInTheCatalog_denied() {
        DecisionContext d = GuardFixtures.decision("bot", "inventory.steal", Map.of(), new RuleTablePolicyEngine());

        assertThat(new CatalogGuard().check(d)).isEqualTo(Guard.Verdict.deny(
                Reason.of("catalog", "unknown_tool", "'inventory.steal' is not in the tool catalog")));
    }

    @Test
    void catalogGuard_knownAction_passesAndPutsTheToolIntoTheDecision_readingTheRulesOnce() {
        AtomicInteger reads = new AtomicInteger();
        DecisionRules rules = new DecisionRules(Fixtures.catalog(), new RuleTablePolicyEngine());
        DecisionContext d = new DecisionContext(new DecisionId("dec_" + "1".repeat(32)),
                DecisionRequest.of(new Caller("bot", "s", 0), READ, Map.of()), Instant.EPOCH, () -> {
                    reads.incrementAndGet();
                    return rules;
                });

        assertThat(new CatalogGuard().check(d)).isEqualTo(Guard.Verdict.PASS);
        assertThat(d.tool()).isSameAs(rules.catalog().find(READ).orElseThrow());
        assertThat(d.rules()).isSameAs(rules);
        assertThat(reads).hasValue(1);
    }

    @Test
    void schemaGuard_argumentsAgainstTheSchema_deniedListingEveryViolation() {
        DecisionContext d = GuardFixtures.identified(GuardFixtures.agent("bot", MaturityLevel.SENIOR), UPDATE,
                Map.of("qty", -1L, "extra", true), new RuleTablePolicyEngine());

        Guard.Verdict v = new SchemaGuard().check(d);

        assertThat(v).isInstanceOf(Guard.Deny.class);
        Reason r = ((Guard.Deny) v).reasons().getFirst();
        assertThat(r.guard()).isEqualTo("schema");
        assertThat(r.code()).isEqualTo("invalid_arguments");
        assertThat(r.message()).contains("args.sku").contains("args.qty").contains("extra").contains("; ");
    }

    @Test
    void schemaGuard_argumentsMatchingTheSchema_pass() {
        DecisionContext d = GuardFixtures.identified(GuardFixtures.agent("bot", MaturityLevel.SENIOR), UPDATE,
                Map.of("sku", "A-1", "qty", 3L), new RuleTablePolicyEngine());

        assertThat(new SchemaGuard().check(d)).isEqualTo(Guard.Verdict.PASS);
    }
}
