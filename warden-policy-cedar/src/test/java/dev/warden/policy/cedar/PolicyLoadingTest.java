package dev.warden.policy.cedar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.policy.PolicyLoadException;
import dev.warden.policy.PolicySource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyLoadingTest {

    private static PolicyLoadException loadError(PolicySource... sources) {
        Throwable thrown = catchThrowable(() -> CedarPolicyEngine.load(List.of(sources), Fixtures.CATALOG));
        assertThat(thrown).isInstanceOf(PolicyLoadException.class);
        return (PolicyLoadException) thrown;
    }

    private static PolicySource file(String name, String text) {
        return new PolicySource(name, text);
    }

    @Test
    void load_syntaxErrorOnLine3_reportsFileAndLine3() {
        PolicyLoadException e = loadError(file("broken.cedar", """
                permit(principal, action, resource)
                when {
                  context.risk == && true
                };
                """));

        assertThat(e.file()).isEqualTo("broken.cedar");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("broken.cedar:3: syntax error");
    }

    @Test
    void load_syntaxErrorInLaterPolicyAfterNonAsciiText_reportsItsLine() {
        PolicyLoadException e = loadError(
                file("ok.cedar", "permit(principal, action, resource);"),
                file("second.cedar", """
                        // Rückerstattungen – only for “trusted” agents 😀; not for others
                        @id("first") permit(principal, action, resource) when { context.tool == "a;b" };

                        @id("second")
                        forbid(principal, action, resource)
                        when { context.risk == "x" ) };
                        """));

        assertThat(e.file()).isEqualTo("second.cedar");
        assertThat(e.line()).isEqualTo(6);
    }

    @Test
    void load_missingSemicolonAtEnd_reportsLastLine() {
        PolicyLoadException e = loadError(file("tail.cedar", "permit(principal, action, resource);\n\npermit(principal, action, resource)\n"));

        assertThat(e.file()).isEqualTo("tail.cedar");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void load_typoInAttribute_reportsFileAndLine() {
        PolicyLoadException e = loadError(
                file("good.cedar", "permit(principal, action, resource);"),
                file("refunds.cedar", """
                        // refunds
                        @id("refund-small")
                        permit(principal, action == Action::"refund.process", resource)
                        when {
                          context.args.amout.lessThan(decimal("100.0"))
                        };
                        """));

        assertThat(e.file()).isEqualTo("refunds.cedar");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("refund-small").contains("amout");
    }

    @Test
    void load_unknownAction_reportsFileAndLine() {
        PolicyLoadException e = loadError(file("actions.cedar", """
                permit(principal, action == Action::"inventory.read", resource);

                permit(
                  principal,
                  action == Action::"refund.proces",
                  resource
                );
                """));

        assertThat(e.file()).isEqualTo("actions.cedar");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("actions.cedar#1").contains("refund.proces");
    }

    @Test
    void load_unknownPrincipalAttribute_failsValidation() {
        PolicyLoadException e = loadError(file("p.cedar",
                "permit(principal, action, resource) when { principal.team == \"x\" };"));

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("team");
    }

    @Test
    void load_optionalArgumentWithoutHas_failsValidation() {
        // Cedar's strict validation refuses an unguarded read of an optional attribute at load time.
        PolicyLoadException e = loadError(file("opt.cedar", """
                forbid(principal, action == Action::"refund.process", resource)
                when { context.args.note == "x" };
                """));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("note");
    }

    @Test
    void load_decimalComparedWithOperators_failsValidation() {
        PolicyLoadException withDecimal = loadError(file("d.cedar",
                "permit(principal, action == Action::\"refund.process\", resource)\n"
                        + "when { context.args.amount < decimal(\"100.0\") };"));
        PolicyLoadException withLong = loadError(file("l.cedar",
                "permit(principal, action == Action::\"refund.process\", resource)\n"
                        + "when { context.args.amount >= 100 };"));

        assertThat(withDecimal.line()).isEqualTo(2);
        assertThat(withDecimal.getMessage()).contains("decimal");
        assertThat(withLong.line()).isEqualTo(2);
        assertThat(withLong.getMessage()).contains("expected Long but saw decimal");
    }

    @Test
    void load_duplicateIdAcrossFiles_reportsSecond() {
        PolicyLoadException e = loadError(
                file("a.cedar", "@id(\"same\") permit(principal, action, resource);"),
                file("b.cedar", "permit(principal, action, resource);\n\n@id(\"same\")\nforbid(principal, action, resource);"));

        assertThat(e.file()).isEqualTo("b.cedar");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("same").contains("a.cedar:1");
    }

    @Test
    void load_explicitIdEqualToDefaultId_isDuplicate() {
        PolicyLoadException e = loadError(file("a.cedar",
                "permit(principal, action, resource);\n@id(\"a.cedar#0\") permit(principal, action, resource);"));

        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void load_badApprovalValue_fails() {
        PolicyLoadException e = loadError(file("approval.cedar",
                "permit(principal, action, resource);\n@approval(\"yes\")\npermit(principal, action, resource);"));

        assertThat(e.file()).isEqualTo("approval.cedar");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("\"required\"").contains("yes");
    }

    @Test
    void load_approvalWithoutValue_fails() {
        PolicyLoadException e = loadError(file("approval.cedar", "@approval permit(principal, action, resource);"));

        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void load_approvalOnForbid_isAHold_andOtherValuesFail() {
        assertThat(CedarPolicyEngine.load(List.of(file("hold.cedar",
                "@id(\"hold\") @approval(\"required\") forbid(principal, action, resource);")), Fixtures.CATALOG).policyIds())
                .containsExactly("hold");
        PolicyLoadException e = loadError(file("approval.cedar",
                "\n@approval(\"maybe\") forbid(principal, action, resource);"));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("@approval must be \"required\"");
    }

    @Test
    void load_template_isRejected() {
        PolicyLoadException e = loadError(file("t.cedar", "permit(principal == ?principal, action, resource);"));

        assertThat(e.file()).isEqualTo("t.cedar");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void load_emptyId_isRejected() {
        PolicyLoadException e = loadError(file("e.cedar", "@id(\"\") permit(principal, action, resource);"));

        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void load_toolNameCollidingWithActionGroup_isRejected() {
        Tool clash = new Tool("effect:read", "x", Set.of(EffectClass.READ), RiskTier.LOW, JsonSchema.anyObject(), Optional.empty());

        assertThatThrownBy(() -> CedarPolicyEngine.load(List.of(), ToolCatalog.of(List.of(clash))))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("effect:read");
    }

    @Test
    void load_schemaJson_describesCatalog() {
        CedarPolicyEngine engine = CedarPolicyEngine.load(List.of(), Fixtures.CATALOG);

        assertThat(engine.schemaJson()).contains("\"refund.process\"").contains("\"effect:financial\"")
                .contains("\"name\":\"decimal\"").contains("\"level_rank\"");
    }
}
