package dev.warden.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.Tool;
import dev.warden.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MemoizingPolicyEngineTest {
    private final List<PolicyQuery> seen = new ArrayList<>();
    private PolicyVerdict answer = new PolicyVerdict.Permit(List.of("p1"), List.of());
    private Function<PolicyQuery, Optional<Object>> keys = q -> Optional.of(List.of(q.agent(), q.sessionId(), q.args()));
    private final PolicyEngine counting = new PolicyEngine() {
        @Override
        public PolicyVerdict evaluate(PolicyQuery query) {
            seen.add(query);
            return answer;
        }

        @Override
        public List<String> policyIds() {
            return List.of("p1");
        }

        @Override
        public Optional<Object> verdictKey(PolicyQuery query) {
            return keys.apply(query);
        }
    };
    private final Tool tool = Fixtures.catalog().find(Fixtures.REFUND).orElseThrow();

    private static Agent agent(MaturityLevel level) {
        return new Agent(new AgentId("warden.local", "a"), "o", "p", List.of(Fixtures.REFUND), "1", "d", "shop", "prod",
                level, AgentStatus.ACTIVE, List.of(), 0, Instant.EPOCH);
    }

    private PolicyQuery query(MaturityLevel level, String session, Map<String, Object> args) {
        return new PolicyQuery(agent(level), session, tool, "r", args);
    }

    @Test
    void evaluate_sameKey_askedOnceAndAnsweredTheSame() {
        MemoizingPolicyEngine engine = new MemoizingPolicyEngine(counting, 100);
        PolicyVerdict first = engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of("amount", 5L, "to", "x")));
        PolicyVerdict second = engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of("to", "x", "amount", 5L)));
        assertThat(second).isEqualTo(first);
        assertThat(seen).hasSize(1);
    }

    @Test
    void evaluate_keyDiffers_askedAgain() {
        MemoizingPolicyEngine engine = new MemoizingPolicyEngine(counting, 100);
        engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of("amount", 5L)));
        engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of("amount", 6L)));
        engine.evaluate(query(MaturityLevel.INTERN, "s1", Map.of("amount", 5L)));
        engine.evaluate(query(MaturityLevel.SENIOR, "s2", Map.of("amount", 5L)));
        assertThat(seen).hasSize(4);
    }

    @Test
    void evaluate_keyLeavesOutWhatTheEngineSaysItMay_answeredAcrossIt() {
        keys = q -> Optional.of(q.agent());
        MemoizingPolicyEngine engine = new MemoizingPolicyEngine(counting, 100);
        engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of("amount", 5L)));
        engine.evaluate(query(MaturityLevel.SENIOR, "s2", Map.of("amount", 6L)));
        assertThat(seen).hasSize(1);
        engine.evaluate(query(MaturityLevel.INTERN, "s1", Map.of("amount", 5L)));
        assertThat(seen).hasSize(2);
    }

    /**
     * The attack on the memo: an allow remembered for a session before it read pii must not answer
     * the same call once the session carries the label, even under an engine whose key forgets labels.
     */
    @Test
    void evaluate_sessionLabels_partOfTheKeyEvenWhenTheEnginesKeyLeavesThemOut() {
        keys = q -> Optional.of(List.of(q.agent(), q.sessionId(), q.args()));
        MemoizingPolicyEngine engine = new MemoizingPolicyEngine(counting, 100);
        PolicyQuery clean = query(MaturityLevel.SENIOR, "s1", Map.of("amount", 5L));

        engine.evaluate(clean);
        answer = new PolicyVerdict.Permit(List.of("p1"), List.of(), List.of("pii-no-external"));
        PolicyVerdict labelled = engine.evaluate(new PolicyQuery(clean.agent(), "s1", tool, "r", clean.args(), Map.of(),
                java.util.Set.of("pii")));

        assertThat(labelled).isEqualTo(answer);
        assertThat(((PolicyVerdict.Permit) labelled).approvalRequired()).isTrue();
        assertThat(seen).hasSize(2);
    }

    @Test
    void evaluate_contextEntriesAGuardAdded_partOfTheKeyEvenWhenTheEnginesKeyLeavesThemOut() {
        keys = q -> Optional.of(q.agent());
        MemoizingPolicyEngine engine = new MemoizingPolicyEngine(counting, 100);
        PolicyQuery q = query(MaturityLevel.SENIOR, "s1", Map.of("amount", 5L));
        java.util.Map<String, Object> entries = new java.util.LinkedHashMap<>(Map.of("limits", Map.of("used", 1L)));
        PolicyQuery within = new PolicyQuery(q.agent(), "s1", tool, "r", q.args(), entries);

        engine.evaluate(within);
        entries.put("labels", List.of("pii")); // a key must not change once remembered
        answer = new PolicyVerdict.Forbid(List.of("f-limit"));
        PolicyVerdict over = engine.evaluate(new PolicyQuery(q.agent(), "s1", tool, "r", q.args(),
                Map.of("limits", Map.of("used", 99L))));

        assertThat(over).isEqualTo(answer);
        assertThat(engine.evaluate(new PolicyQuery(q.agent(), "s1", tool, "r", q.args(), Map.of("limits", Map.of("used", 1L)))))
                .isEqualTo(new PolicyVerdict.Permit(List.of("p1"), List.of()));
        assertThat(engine.evaluate(q)).isEqualTo(answer); // no entries: a key of its own
        assertThat(seen).hasSize(3);
    }

    @Test
    void evaluate_noKey_askedEveryTime() {
        keys = q -> q.args().containsKey("amount") ? Optional.empty() : Optional.of(q.agent());
        MemoizingPolicyEngine engine = new MemoizingPolicyEngine(counting, 100);
        PolicyQuery unkeyed = query(MaturityLevel.SENIOR, "s1", Map.of("amount", 5L));
        engine.evaluate(unkeyed);
        answer = new PolicyVerdict.Forbid(List.of("f"));
        assertThat(engine.evaluate(unkeyed)).isEqualTo(answer);
        assertThat(seen).hasSize(2);
    }

    @Test
    void evaluate_engineWithoutKeys_neverRemembers() {
        PolicyEngine keyless = new PolicyEngine() {
            @Override
            public PolicyVerdict evaluate(PolicyQuery query) {
                return counting.evaluate(query);
            }

            @Override
            public List<String> policyIds() {
                return List.of("p1");
            }
        };
        MemoizingPolicyEngine engine = new MemoizingPolicyEngine(keyless, 100);
        engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of()));
        engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of()));
        assertThat(seen).hasSize(2);
    }

    @Test
    void evaluate_keyThrows_engineAskedDirectly() {
        keys = q -> {
            throw new IllegalStateException("boom");
        };
        MemoizingPolicyEngine engine = new MemoizingPolicyEngine(counting, 100);
        assertThat(engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of()))).isEqualTo(answer);
        engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of()));
        assertThat(seen).hasSize(2);
    }

    @Test
    void evaluate_failedVerdict_neverRemembered() {
        MemoizingPolicyEngine engine = new MemoizingPolicyEngine(counting, 100);
        answer = new PolicyVerdict.Failed(List.of(), "boom");
        engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of()));
        answer = new PolicyVerdict.Forbid(List.of("f"));
        assertThat(engine.evaluate(query(MaturityLevel.SENIOR, "s1", Map.of()))).isEqualTo(answer);
        assertThat(seen).hasSize(2);
    }

    @Test
    void evaluate_overCapacity_evictsLeastRecentlyUsed() {
        MemoizingPolicyEngine engine = new MemoizingPolicyEngine(counting, 2);
        engine.evaluate(query(MaturityLevel.SENIOR, "a", Map.of()));
        engine.evaluate(query(MaturityLevel.SENIOR, "b", Map.of()));
        engine.evaluate(query(MaturityLevel.SENIOR, "a", Map.of()));
        engine.evaluate(query(MaturityLevel.SENIOR, "c", Map.of()));
        engine.evaluate(query(MaturityLevel.SENIOR, "a", Map.of()));
        assertThat(seen).hasSize(3);
        engine.evaluate(query(MaturityLevel.SENIOR, "b", Map.of()));
        assertThat(seen).hasSize(4);
    }
}
