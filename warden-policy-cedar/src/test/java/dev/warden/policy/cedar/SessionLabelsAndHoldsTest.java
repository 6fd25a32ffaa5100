package dev.warden.policy.cedar;

import static dev.warden.policy.cedar.Fixtures.DELETE;
import static dev.warden.policy.cedar.Fixtures.EMAIL;
import static dev.warden.policy.cedar.Fixtures.INVENTORY;
import static dev.warden.policy.cedar.Fixtures.SUPPORT_BOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.MemoizingPolicyEngine;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code context.session.labels} and holds ({@code @approval("required")} on a forbid): the flow rule
 * of ATF D-5, "a session that read pii may not call an external tool without approval".
 */
class SessionLabelsAndHoldsTest {
    private static final String PERMIT_ALL = "@id(\"all\") permit(principal, action, resource);";
    private static final String PII_HOLD = """
            @id("pii-no-external") @approval("required")
            forbid(principal, action in Action::"effect:external", resource)
            when { context.session.labels.containsAny(["pii", "secret"]) };""";
    private static final Map<String, Object> MAIL = Map.of("to", "x@outside.example", "meta", Map.of("priority", 1));

    private static PolicyQuery mail(Set<String> labels) {
        return new PolicyQuery(SUPPORT_BOT, "sess-1", EMAIL, EMAIL.name(), MAIL, Map.of(), labels);
    }

    @Test
    void hold_matching_beside_aPermit_asksForApproval_insteadOfDenying() {
        CedarPolicyEngine engine = Fixtures.engine(PERMIT_ALL, PII_HOLD);

        assertThat(engine.evaluate(mail(Set.of("pii", "customer"))))
                .isEqualTo(new PolicyVerdict.Permit(List.of("all"), List.of(), List.of("pii-no-external")));
        assertThat(engine.evaluate(mail(Set.of("customer"))))
                .isEqualTo(new PolicyVerdict.Permit(List.of("all"), List.of(), List.of()));
        assertThat(engine.evaluate(mail(Set.of()))).isEqualTo(new PolicyVerdict.Permit(List.of("all"), List.of()));
    }

    @Test
    void hold_alone_permitsNothing() {
        CedarPolicyEngine engine = Fixtures.engine(PII_HOLD);

        assertThat(engine.evaluate(mail(Set.of("pii")))).isEqualTo(new PolicyVerdict.NoPermit());
        assertThat(engine.evaluate(mail(Set.of()))).isEqualTo(new PolicyVerdict.NoPermit());
    }

    @Test
    void plainForbid_stillWins_overAHold() {
        CedarPolicyEngine engine = Fixtures.engine(PERMIT_ALL, PII_HOLD,
                "@id(\"no-mail\") forbid(principal, action == Action::\"email.send\", resource);");

        assertThat(engine.evaluate(mail(Set.of("pii")))).isEqualTo(new PolicyVerdict.Forbid(List.of("no-mail")));
    }

    @Test
    void hold_besideAnApprovalPermit_listsBoth() {
        CedarPolicyEngine engine = Fixtures.engine(
                "@id(\"mail-approved\") @approval(\"required\") permit(principal, action == Action::\"email.send\", resource);",
                PII_HOLD);

        PolicyVerdict verdict = engine.evaluate(mail(Set.of("secret")));

        assertThat(verdict).isEqualTo(new PolicyVerdict.Permit(List.of("mail-approved"), List.of("mail-approved"),
                List.of("pii-no-external")));
    }

    @Test
    void hold_thatRaisesAnError_deniesLikeAnyForbid() {
        CedarPolicyEngine engine = Fixtures.engine(PERMIT_ALL, """
                @id("overflowing-hold") @approval("required")
                forbid(principal, action == Action::"inventory.read", resource)
                when { 9223372036854775807 + 1 > 0 };""");

        PolicyVerdict verdict = engine.evaluate(new PolicyQuery(SUPPORT_BOT, "s", INVENTORY, INVENTORY.name(),
                Map.of("sku", "A-1"), Map.of(), Set.of()));

        assertThat(verdict).isInstanceOf(PolicyVerdict.Failed.class);
        assertThat(((PolicyVerdict.Failed) verdict).policyIds()).containsExactly("overflowing-hold");
    }

    @Test
    void unconditionalHold_doesNotHideTheTool_butAPlainForbidDoes() {
        CedarPolicyEngine held = Fixtures.engine(PERMIT_ALL,
                "@approval(\"required\") forbid(principal, action == Action::\"customer.delete\", resource);");
        CedarPolicyEngine forbidden = Fixtures.engine(PERMIT_ALL,
                "forbid(principal, action == Action::\"customer.delete\", resource);");

        assertThat(held.mayEverPermit(SUPPORT_BOT, DELETE)).isTrue();
        assertThat(forbidden.mayEverPermit(SUPPORT_BOT, DELETE)).isFalse();
    }

    @Test
    void sessionId_isReadAs_contextSessionId() {
        CedarPolicyEngine engine = Fixtures.engine(
                "@id(\"mine\") permit(principal, action, resource) when { context.session.id == \"sess-1\" };");

        assertThat(engine.evaluate(mail(Set.of()))).isInstanceOf(PolicyVerdict.Permit.class);
        assertThat(engine.evaluate(new PolicyQuery(SUPPORT_BOT, "sess-2", EMAIL, EMAIL.name(), MAIL)))
                .isEqualTo(new PolicyVerdict.NoPermit());
    }

    /**
     * The attack: the agent sends one harmless e-mail so its allow is remembered, then reads pii and
     * sends the same e-mail again. Were the verdict memo blind to labels, the remembered allow would
     * answer the second call and the data would leave without anyone approving it.
     */
    @Test
    void memo_aVerdictRememberedBeforeALabel_neverAnswersACallAfterIt() {
        MemoizingPolicyEngine memo = new MemoizingPolicyEngine(Fixtures.engine(PERMIT_ALL, PII_HOLD), 100);

        PolicyVerdict before = memo.evaluate(mail(Set.of()));
        PolicyVerdict beforeAgain = memo.evaluate(mail(Set.of()));
        PolicyVerdict after = memo.evaluate(mail(Set.of("pii")));

        assertThat(before).isEqualTo(beforeAgain).isEqualTo(new PolicyVerdict.Permit(List.of("all"), List.of()));
        assertThat(after).isEqualTo(new PolicyVerdict.Permit(List.of("all"), List.of(), List.of("pii-no-external")));
        assertThat(memo.verdictKey(mail(Set.of()))).isNotEqualTo(memo.verdictKey(mail(Set.of("pii"))));
    }
}
