package dev.warden.policy.cedar;

import static dev.warden.policy.cedar.Fixtures.EMAIL;
import static dev.warden.policy.cedar.Fixtures.SUPPORT_BOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.MemoizingPolicyEngine;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code context.grants}: the ids of the agent's active grants covering the tool, a built-in of every action. */
class GrantsContextTest {
    private static final String GRANT = "grt_" + "a".repeat(32);
    /** Mail leaves only under a grant; without one it needs an approval. */
    private static final String POLICIES = """
            @id("mail-granted") permit(principal, action == Action::"email.send", resource)
            when { context.grants.contains("%s") };
            @id("mail-approval") @approval("required") permit(principal, action == Action::"email.send", resource)
            when { context.grants.isEmpty() };""".formatted(GRANT);
    private static final Map<String, Object> MAIL = Map.of("to", "x@outside.example", "meta", Map.of("priority", 1));

    private static PolicyQuery mail(Map<String, Object> entries) {
        return new PolicyQuery(SUPPORT_BOT, "sess-1", EMAIL, EMAIL.name(), MAIL, entries, Set.of());
    }

    @Test
    void policiesReadTheGrants_anEmptySetWhenTheCallCarriesNone() {
        CedarPolicyEngine engine = Fixtures.engine(POLICIES);

        assertThat(engine.evaluate(mail(Map.of()))).isEqualTo(new PolicyVerdict.Permit(List.of("mail-approval"),
                List.of("mail-approval")));
        assertThat(engine.evaluate(mail(Map.of("grants", List.of(GRANT)))))
                .isEqualTo(new PolicyVerdict.Permit(List.of("mail-granted"), List.of()));
        assertThat(engine.schemaJson()).contains("\"grants\"");
    }

    /**
     * The attack the other way round: a verdict remembered while the agent had no grant must not
     * answer once it has one, nor one remembered under a grant once the grant is gone.
     */
    @Test
    void memo_aVerdictRememberedWithoutAGrant_isNotReusedOnceAGrantExists() {
        MemoizingPolicyEngine memo = new MemoizingPolicyEngine(Fixtures.engine(POLICIES), 100);

        PolicyVerdict without = memo.evaluate(mail(Map.of()));
        PolicyVerdict with = memo.evaluate(mail(Map.of("grants", List.of(GRANT))));
        PolicyVerdict withoutAgain = memo.evaluate(mail(Map.of()));

        assertThat(without).isEqualTo(withoutAgain).isEqualTo(new PolicyVerdict.Permit(List.of("mail-approval"),
                List.of("mail-approval")));
        assertThat(with).isEqualTo(new PolicyVerdict.Permit(List.of("mail-granted"), List.of()));
        assertThat(memo.verdictKey(mail(Map.of()))).isNotEqualTo(memo.verdictKey(mail(Map.of("grants", List.of(GRANT)))));
    }

    @Test
    void aGrantsEntryThatIsNotAListOfIds_failsTheQuery() {
        CedarPolicyEngine engine = Fixtures.engine(POLICIES);

        assertThat(engine.evaluate(mail(Map.of("grants", "grt_x")))).isInstanceOf(PolicyVerdict.Failed.class);
        assertThat(engine.evaluate(mail(Map.of("grants", List.of(1L))))).isInstanceOf(PolicyVerdict.Failed.class);
    }
}
