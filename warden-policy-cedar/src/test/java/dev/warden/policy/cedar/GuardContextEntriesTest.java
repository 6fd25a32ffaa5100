package dev.warden.policy.cedar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Actor;
import dev.warden.Warden;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.MaturityLevel;
import dev.warden.agent.Projects;
import dev.warden.catalog.JsonSchema;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.policy.PolicyLoadException;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicySource;
import dev.warden.policy.PolicyVerdict;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Entries guards put in the decision context reach Cedar policies as {@code context.<name>}. */
class GuardContextEntriesTest {
    private static final Map<String, JsonSchema> RISK_SCORE = Map.of("risk_score", JsonSchema.of(Map.of("type", "integer")));
    private static final String POLICIES = """
            @id("read-ok") permit(principal, action == Action::"inventory.read", resource);
            @id("risky") forbid(principal, action, resource) when { context has risk_score && context.risk_score > 5 };
            """;
    private static final Map<String, Object> SKU = Map.of("sku", "A-1");

    /** What the guard puts on the next call; an absent name is not put. */
    private final Map<String, Object> entries = new HashMap<>();
    private Warden warden;

    @AfterEach
    void close() {
        if (warden != null) {
            warden.close();
        }
    }

    private Caller start(Map<String, JsonSchema> declared) {
        CedarPolicyEngine engine = CedarPolicyEngine.load(List.of(new PolicySource("test.cedar", POLICIES)),
                Fixtures.CATALOG, declared);
        Guard scorer = d -> {
            entries.forEach(d::put);
            return Guard.Verdict.PASS;
        };
        warden = Warden.builder().catalog(Fixtures.CATALOG).projects(new Projects(Map.of("shop", Set.of("prod"))))
                .policyEngine(engine).stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), new InMemoryAuditStore())
                .guard(scorer).build();
        warden.agents().register(new AgentRegistration("bot", "alice@example.com", "reads", List.of("inventory.read"),
                "1.0.0", "sha256:" + "ab".repeat(32), "shop", "prod", Optional.of(MaturityLevel.PRINCIPAL),
                List.of(new AgentKey("k1", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32])))),
                Actor.operator("olivia"));
        return new Caller("bot", "s1", 0);
    }

    private Decision read(Caller c) {
        return warden.decisions().decide(DecisionRequest.of(c, Fixtures.INVENTORY.name(), SKU));
    }

    @Test
    void declaredEntry_isReadByThePolicy_highScoreDeniedNamingIt_lowScoreAllowed() {
        Caller c = start(RISK_SCORE);

        entries.put("risk_score", 7L);
        Decision high = read(c);
        entries.put("risk_score", 3L);
        Decision low = read(c);
        entries.clear();
        Decision none = read(c);

        assertThat(high).isInstanceOf(Decision.Deny.class);
        assertThat(high.reasons()).extracting(Reason::policyId).containsExactly(Optional.of("risky"));
        assertThat(low).isInstanceOf(Decision.Allow.class);
        assertThat(none).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void sameCall_alternatingScores_isAnsweredRightEveryTime_notFromAStaleMemo() {
        Caller c = start(RISK_SCORE);

        for (int i = 0; i < 6; i++) {
            long score = i % 2 == 0 ? 7L : 3L;
            entries.put("risk_score", score);
            assertThat(read(c)).as("score %d", score)
                    .isInstanceOf(score > 5 ? Decision.Deny.class : Decision.Allow.class);
        }
    }

    @Test
    void undeclaredEntry_isDeniedAsAnEvaluationError_notDropped() {
        Caller c = start(RISK_SCORE);
        entries.put("velocity", 1L);

        Decision d = read(c);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(d.reasons()).extracting(Reason::code).containsExactly("evaluation_error");
        assertThat(d.reasons().getFirst().message()).contains("velocity");
    }

    @Test
    void entryOfTheWrongType_isDeniedAsAnEvaluationError() {
        Caller c = start(RISK_SCORE);
        entries.put("risk_score", "low");

        Decision d = read(c);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(d.reasons()).extracting(Reason::code).containsExactly("evaluation_error");
        assertThat(d.reasons().getFirst().message()).contains("context.risk_score");
    }

    @Test
    void entryNamedLikeABuiltInContextAttribute_failsAtLoad() {
        assertThatThrownBy(() -> CedarPolicyEngine.load(List.of(new PolicySource("test.cedar", POLICIES)),
                Fixtures.CATALOG, Map.of("risk", JsonSchema.of(Map.of("type", "integer")))))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("'risk'").hasMessageContaining("clashes with a built-in context attribute");
    }

    @Test
    void entryWithoutACedarType_failsAtLoad() {
        assertThatThrownBy(() -> CedarPolicyEngine.load(List.of(new PolicySource("test.cedar", POLICIES)),
                Fixtures.CATALOG, Map.of("anything", JsonSchema.of(Map.of()))))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("'anything'");
    }

    @Test
    void verdictKey_holdsTheEntries_whenAPolicyReadsTheContext_andIgnoresThemWhenNoneCan() {
        CedarPolicyEngine engine = CedarPolicyEngine.load(List.of(new PolicySource("test.cedar", """
                @id("read-ok") permit(principal, action == Action::"inventory.read", resource);
                @id("risky") forbid(principal, action == Action::"inventory.read", resource)
                    when { context has risk_score && context.risk_score > 5 };
                @id("delete-ok") permit(principal, action == Action::"customer.delete", resource);
                """)), Fixtures.CATALOG, RISK_SCORE);
        Map<String, Object> deleteArgs = Map.of("customer_id", "c-1");

        assertThat(engine.verdictKey(query(Fixtures.INVENTORY, SKU, 7L)))
                .isNotEqualTo(engine.verdictKey(query(Fixtures.INVENTORY, SKU, 3L)));
        assertThat(engine.evaluate(query(Fixtures.INVENTORY, SKU, 7L))).isInstanceOf(PolicyVerdict.Forbid.class);
        // No policy of customer.delete reads the context: the score cannot change its verdict.
        assertThat(engine.readsContext(Fixtures.DELETE)).isFalse();
        assertThat(engine.verdictKey(query(Fixtures.DELETE, deleteArgs, 7L)))
                .isPresent().isEqualTo(engine.verdictKey(query(Fixtures.DELETE, deleteArgs, 3L)));
        assertThat(engine.evaluate(query(Fixtures.DELETE, deleteArgs, 7L))).isInstanceOf(PolicyVerdict.Permit.class);
        // ... but an entry that does not fit is still refused there.
        assertThat(engine.verdictKey(new PolicyQuery(Fixtures.SUPPORT_BOT, "sess-1", Fixtures.DELETE, "c-1", deleteArgs,
                Map.of("risk_score", "high")))).isEmpty();
    }

    private static PolicyQuery query(dev.warden.catalog.Tool tool, Map<String, Object> args, long score) {
        return new PolicyQuery(Fixtures.SUPPORT_BOT, "sess-1", tool, tool.name(), args, Map.of("risk_score", score));
    }
}
