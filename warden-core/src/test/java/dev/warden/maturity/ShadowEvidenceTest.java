package dev.warden.maturity;

import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalId;
import dev.warden.audit.AuditEvent;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.json.JsonReader;
import dev.warden.outcome.OutcomeReport;
import dev.warden.testing.Fixtures;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shadow mode: what the next level would have decided, recorded with each decision, and its evidence exact on a scripted history. */
class ShadowEvidenceTest {
    private final WardenFixture f = new WardenFixture();
    private final ShadowEvidence evidence = new ShadowEvidence(f.auditStore);

    ShadowEvidenceTest() {
        f.policies.permit(Fixtures.EMAIL, "p-email").permit(Fixtures.READ, "p-read").permitWithApproval(Fixtures.REFUND, "p-refund");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static Map<String, Object> mail(int n) {
        return Map.of("to", "c" + n + "@example.com", "body", "hello " + n);
    }

    private ApprovalId held(Caller c, int n) {
        Decision d = f.decide(c, Fixtures.EMAIL, mail(n));
        assertThat(d).isInstanceOf(Decision.ApprovalRequired.class);
        return ((Decision.ApprovalRequired) d).approvalId();
    }

    private Decision run(Caller c, int n, ApprovalId id, String outcome) {
        f.warden.approvals().approve(id, OPERATOR, Optional.empty());
        Decision d = f.redeem(c, Fixtures.EMAIL, mail(n), id);
        assertThat(d).isInstanceOf(Decision.Allow.class);
        f.warden.outcomes().record(c, d.id(), new OutcomeReport(outcome, Optional.empty(), Optional.empty()));
        return d;
    }

    @Test
    void aJuniorsEvidence_countsWhatSeniorWouldHaveLetThrough_andHowEachTurnedOut() {
        Caller c = f.register("bot", MaturityLevel.JUNIOR);
        f.clock.advance(Duration.ofSeconds(1));
        run(c, 1, held(c, 1), "completed");
        run(c, 2, held(c, 2), "failed");
        Decision undone = run(c, 3, held(c, 3), "completed");
        f.warden.approvals().deny(held(c, 4), OPERATOR, Optional.of("wrong customer"));
        held(c, 5); // left to its deadline
        assertThat(f.decide(c, Fixtures.READ, Map.of("sku", "A-1"))).isInstanceOf(Decision.Allow.class);
        // a refund needs a human at senior too (its policy asks): no difference to record
        assertThat(f.decide(c, Fixtures.REFUND, Map.of("order_id", "o-1", "amount", 5L)))
                .isInstanceOf(Decision.ApprovalRequired.class);
        // an operator's rollback plan compensated call 3
        f.warden.auditLog().appendDurably(AuditEvent.forAgent("rollback.item", f.clock.instant(), "bot",
                Map.of("plan_id", "rbp_1", "compensates", undone.id().value(), "state", "handed_to_owner")));
        f.clock.advance(Duration.ofHours(2));
        f.warden.approvals().expireDue();

        ShadowReport r = evidence.report(f.warden.agents().require("bot"));

        assertThat(r.level()).isEqualTo(MaturityLevel.JUNIOR);
        assertThat(r.next()).isEqualTo(MaturityLevel.SENIOR);
        assertThat(r.decisions()).isEqualTo(10); // 5 held + 3 redeemed + 1 read + 1 refund
        assertThat(r.wouldAllow()).isEqualTo(5);
        assertThat(r.approved()).isEqualTo(3);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.expired()).isEqualTo(1);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.rolledBack()).isEqualTo(1);
        assertThat(r.wouldAsk()).isZero();
        assertThat(r.errorRateAtNext()).hasValue(3.0 / 5);
        assertThat(r.truncated()).isFalse();
        Map<String, Object> first = JsonReader.parseObject(f.records("decision").stream()
                .filter(x -> "approval_required".equals(x.decision())).findFirst().orElseThrow().entry());
        assertThat(first.get("shadow")).isEqualTo(Map.of("level", "senior", "decision", "allow", "policy_evaluated", true));
    }

    @Test
    void anInternsEvidence_countsWhatJuniorWouldHavePutToAHuman() {
        Caller c = f.register("bot", MaturityLevel.INTERN);
        assertThat(WardenFixture.codes(f.decide(c, Fixtures.EMAIL, mail(1)))).containsExactly("maturity_ceiling");
        assertThat(WardenFixture.codes(f.decide(c, Fixtures.EMAIL, mail(2)))).containsExactly("maturity_ceiling");
        f.decide(c, Fixtures.READ, Map.of("sku", "A-1"));

        ShadowReport r = evidence.report(f.warden.agents().require("bot"));

        assertThat(r.decisions()).isEqualTo(3);
        assertThat(r.wouldAsk()).isEqualTo(2);
        assertThat(r.wouldAllow()).isZero();
        assertThat(r.errorRateAtNext()).isEmpty();
    }

    @Test
    void onlyTheCurrentLevelCounts_aDemotionStartsTheEvidenceAfresh() {
        Caller c = f.register("bot", MaturityLevel.SENIOR);
        assertThat(f.decide(c, Fixtures.EMAIL, mail(1))).isInstanceOf(Decision.Allow.class); // senior acts and notifies
        f.clock.advance(Duration.ofMinutes(1));
        f.warden.agents().setLevel("bot", MaturityLevel.JUNIOR, OPERATOR, "review");
        f.clock.advance(Duration.ofMinutes(1));
        held(c, 2);

        ShadowReport r = evidence.report(f.warden.agents().require("bot"));

        assertThat(r.decisions()).isEqualTo(1);
        assertThat(r.wouldAllow()).isEqualTo(1);
    }

    @Test
    void aPrincipal_hasNoLevelAboveToShadow() {
        f.register("bot", MaturityLevel.PRINCIPAL);
        assertThatThrownBy(() -> evidence.report(f.warden.agents().require("bot")))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }
}
