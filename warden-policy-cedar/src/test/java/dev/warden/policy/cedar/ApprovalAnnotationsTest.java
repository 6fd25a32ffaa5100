package dev.warden.policy.cedar;

import static dev.warden.policy.cedar.Fixtures.SUPPORT_BOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.warden.approval.ApprovalTerms;
import dev.warden.policy.PolicyLoadException;
import dev.warden.policy.PolicySource;
import dev.warden.policy.PolicyVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code @approval_ttl} and {@code @approvers} on approval policies: parsing, errors, and how they combine. */
class ApprovalAnnotationsTest {
    private static final String REFUND_WITH = """
            @id("small-refunds")
            @approval("required")
            %s
            permit(principal, action == Action::"refund.process", resource);""";

    private static PolicyLoadException loadError(String text) {
        Throwable thrown = catchThrowable(() -> CedarPolicyEngine.load(List.of(new PolicySource("approvals.cedar", text)),
                Fixtures.CATALOG));
        assertThat(thrown).isInstanceOf(PolicyLoadException.class);
        return (PolicyLoadException) thrown;
    }

    private static PolicyVerdict.Permit refund(CedarPolicyEngine engine) {
        PolicyVerdict v = engine.evaluate(Fixtures.refund(SUPPORT_BOT, 20));
        assertThat(v).isInstanceOf(PolicyVerdict.Permit.class);
        return (PolicyVerdict.Permit) v;
    }

    @Test
    void durations_inEveryUnit_becomeTheApprovalsDeadline() {
        for (Map.Entry<String, Duration> e : Map.of("90s", Duration.ofSeconds(90), "30m", Duration.ofMinutes(30),
                "2h", Duration.ofHours(2), "1d", Duration.ofDays(1), "10s", Duration.ofSeconds(10),
                "7d", Duration.ofDays(7)).entrySet()) {
            CedarPolicyEngine engine = Fixtures.engine(REFUND_WITH.formatted("@approval_ttl(\"" + e.getKey() + "\")"));

            assertThat(refund(engine).approvalTerms()).as(e.getKey())
                    .isEqualTo(new ApprovalTerms(Optional.of(e.getValue()), List.of()));
        }
    }

    @Test
    void approvers_nameGroups_andTheEngineSaysWhere() {
        CedarPolicyEngine engine = Fixtures.engine(REFUND_WITH.formatted("@approvers(\"finance, risk-desk\")"));

        assertThat(refund(engine).approvalTerms().groups()).containsExactly("finance", "risk-desk");
        assertThat(refund(engine).approvalTerms().ttl()).isEmpty();
        assertThat(engine.approverGroups()).containsOnlyKeys("finance", "risk-desk");
        assertThat(engine.approverGroups().get("finance")).isEqualTo("test.cedar:3");
    }

    @Test
    void badDurations_failTheLoad_namingFileLineAndAnnotation() {
        for (String bad : List.of("", "30", "5s", "8d", "1w", "-1h", "2 h", "1.5h", "99999999999d", "30mm")) {
            PolicyLoadException e = loadError(REFUND_WITH.formatted("@approval_ttl(\"" + bad + "\")"));

            assertThat(e.file()).as(bad).isEqualTo("approvals.cedar");
            assertThat(e.line()).as(bad).isEqualTo(3);
            assertThat(e.getMessage()).as(bad).contains("@approval_ttl").contains("small-refunds");
        }
    }

    @Test
    void badGroupNames_failTheLoad() {
        for (String bad : List.of("", "Finance", "fin ance", "finance,", "a/b")) {
            PolicyLoadException e = loadError(REFUND_WITH.formatted("@approvers(\"" + bad + "\")"));

            assertThat(e.line()).as(bad).isEqualTo(3);
            assertThat(e.getMessage()).as(bad).contains("@approvers");
        }
    }

    @Test
    void termsWithoutAnApprovalObligation_failTheLoad() {
        PolicyLoadException e = loadError("""
                @id("plain")
                @approval_ttl("30m")
                permit(principal, action == Action::"refund.process", resource);""");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("@approval_ttl needs @approval(\"required\")");
    }

    @Test
    void severalApprovalPolicies_shortestDeadlineWins_groupsJoin_holdsIncluded() {
        CedarPolicyEngine engine = Fixtures.engine(
                REFUND_WITH.formatted("@approval_ttl(\"2h\") @approvers(\"finance\")"),
                """
                @id("refund-desk") @approval("required") @approval_ttl("15m") @approvers("risk")
                permit(principal, action == Action::"refund.process", resource);""",
                """
                @id("refund-hold") @approval("required") @approval_ttl("1h") @approvers("finance, audit")
                forbid(principal, action == Action::"refund.process", resource);""");

        PolicyVerdict.Permit p = refund(engine);

        assertThat(p.heldBy()).containsExactly("refund-hold");
        assertThat(p.approvalTerms()).isEqualTo(new ApprovalTerms(Optional.of(Duration.ofMinutes(15)),
                List.of("finance", "risk", "audit")));
    }

    @Test
    void aPermitWithoutApproval_carriesNoTerms() {
        CedarPolicyEngine engine = Fixtures.engine("@id(\"all\") permit(principal, action, resource);");

        assertThat(refund(engine).approvalTerms()).isEqualTo(ApprovalTerms.NONE);
        assertThat(engine.approverGroups()).isEmpty();
        assertThat(Set.copyOf(engine.policyIds())).containsExactly("all");
    }
}
