package dev.warden.maturity;

import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditRecord;
import dev.warden.id.IdGenerator;
import dev.warden.json.JsonReader;
import dev.warden.operator.Operator;
import dev.warden.operator.Role;
import dev.warden.operator.RoleGrant;
import dev.warden.store.memory.InMemoryEvidenceStore;
import dev.warden.store.memory.InMemoryOperatorStore;
import dev.warden.testing.WardenFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Promotion gates 2, 3 and 5: each check named when its evidence is missing, and the rules on who counts, as attacks. */
class SignOffGatesTest {
    private static final String OWNER = "alice@example.com"; // the fixture agents' owner
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    private final WardenFixture f = new WardenFixture();
    private final InMemoryEvidenceStore store = new InMemoryEvidenceStore();
    private final InMemoryOperatorStore operators = new InMemoryOperatorStore();
    private final SignOffRoles roles = new SignOffRoles(Map.of(
            SignOffRole.TECHNICAL_OWNER, List.of("tess", OWNER),
            SignOffRole.BUSINESS_OWNER, List.of("bob"),
            SignOffRole.SECURITY, List.of("carol"),
            SignOffRole.RISK_COMMITTEE, List.of("dave", "erin"),
            SignOffRole.STAKEHOLDER, List.of("frank")));
    private final PromotionEvidence evidence = new PromotionEvidence(store, f.warden.auditLog(), f.warden.agents(), operators, roles,
            new IdGenerator(new Random(7)), f.clock);
    private Optional<SignOffGates.Baselines> baselines = Optional.of(agent -> Optional.of(true));

    SignOffGatesTest() {
        for (String name : List.of("tess", OWNER, "bob", "carol", "dave", "erin", "frank", "mallory")) {
            operators.insert(new Operator(name, List.of(RoleGrant.of(Role.APPROVER)), Optional.empty(), false, f.clock.instant(),
                    f.clock.instant()));
        }
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<GateResult> gates(String agent, Optional<String> requester) {
        Agent a = f.warden.agents().require(agent);
        return new SignOffGates(store, roles, baselines).evaluate(a, a.level().next().orElseThrow(), requester);
    }

    private static GateCheck check(List<GateResult> gates, GateResult.Gate gate, String name) {
        return gates.stream().filter(g -> g.gate() == gate).findFirst().orElseThrow()
                .checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static GateResult gate(List<GateResult> gates, GateResult.Gate gate) {
        return gates.stream().filter(g -> g.gate() == gate).findFirst().orElseThrow();
    }

    private EvidenceItem attest(String agent, String by, AttestationKind kind, boolean passed) {
        return evidence.attest(agent, by, new Attestation(kind, passed, "https://evidence.example/" + kind.wire(), DIGEST, Optional.empty()));
    }

    private static BusinessValue.Metric metric(String name, String baseline, String current, boolean increase) {
        return new BusinessValue.Metric(name, "minutes", new BigDecimal(baseline), Optional.ofNullable(current).map(BigDecimal::new),
                increase);
    }

    /** Everything a promotion to the agent's next level needs, by the right people. */
    private void everything(String agent) {
        for (AttestationKind k : AttestationKind.values()) {
            attest(agent, k.role() == SignOffRole.SECURITY ? "carol" : "tess", k, true);
        }
        evidence.businessValue(agent, "bob", new BusinessValue(List.of(metric("handling_time", "30", "20", false)),
                Optional.of(new BusinessValue.Roi(new BigDecimal("1.8"), "https://roi.example/q3", DIGEST)), Optional.empty()));
        evidence.signOff(agent, "frank", SignOffRole.STAKEHOLDER, Optional.empty());
        evidence.signOff(agent, "tess", SignOffRole.TECHNICAL_OWNER, Optional.empty());
        evidence.signOff(agent, "bob", SignOffRole.BUSINESS_OWNER, Optional.empty());
        evidence.signOff(agent, "carol", SignOffRole.SECURITY, Optional.empty());
        evidence.signOff(agent, "dave", SignOffRole.RISK_COMMITTEE, Optional.empty());
    }

    @Test
    void withoutEvidence_everyRequiredCheckFails_andNamesWhoMayProvideIt() {
        f.register("bot", MaturityLevel.JUNIOR); // to senior
        List<GateResult> g = gates("bot", Optional.empty());
        assertThat(g).extracting(GateResult::gate).containsExactly(GateResult.Gate.SECURITY_VALIDATION,
                GateResult.Gate.BUSINESS_VALUE, GateResult.Gate.GOVERNANCE_SIGN_OFF);
        assertThat(g).noneMatch(GateResult::passed);
        for (String kind : List.of("vulnerability_assessment", "code_review", "configuration_audit", "penetration_test")) {
            GateCheck c = check(g, GateResult.Gate.SECURITY_VALIDATION, kind);
            assertThat(c.passed()).as(kind).isFalse();
            assertThat(c.why()).contains("no " + kind + " attestation").contains("security: carol");
        }
        assertThat(check(g, GateResult.Gate.SECURITY_VALIDATION, "adversarial_testing").rule()).isEqualTo("not_applicable");
        assertThat(check(g, GateResult.Gate.BUSINESS_VALUE, "success_metrics_defined").passed()).isFalse();
        assertThat(check(g, GateResult.Gate.BUSINESS_VALUE, "stakeholder_sign_off").why()).contains("stakeholder: frank, bob");
        for (String role : List.of("technical_owner", "business_owner", "security")) {
            assertThat(check(g, GateResult.Gate.GOVERNANCE_SIGN_OFF, role).passed()).as(role).isFalse();
        }
        assertThat(check(g, GateResult.Gate.GOVERNANCE_SIGN_OFF, "risk_committee").rule()).isEqualTo("not_applicable");
        assertThat(check(g, GateResult.Gate.GOVERNANCE_SIGN_OFF, "documentation_updated").passed()).isFalse();
    }

    @Test
    void withEverything_allThreeGatesPass_forPrincipal() {
        f.register("bot", MaturityLevel.SENIOR);
        everything("bot");
        assertThat(gates("bot", Optional.of("mallory"))).allMatch(GateResult::passed);
    }

    @Test
    void eachMissingPieceIsNamed() {
        f.register("bot", MaturityLevel.SENIOR); // to principal: everything required
        everything("bot");
        for (EvidenceItem i : store.listOfAgent("bot")) {
            evidence.withdraw("bot", i.id(), "admin", true, "test");
            List<GateResult> g = gates("bot", Optional.empty());
            long failing = g.stream().flatMap(r -> r.checks().stream()).filter(c -> !c.passed()).count();
            assertThat(failing).as("after withdrawing %s %s", i.kind(), i.role()).isGreaterThanOrEqualTo(1);
            evidence.store().unwithdraw(i.id());
        }
        assertThat(gates("bot", Optional.empty())).allMatch(GateResult::passed);
    }

    @Test
    void targetDecidesWhatIsRequired() {
        f.register("bot", MaturityLevel.INTERN); // to junior
        for (AttestationKind k : List.of(AttestationKind.VULNERABILITY_ASSESSMENT, AttestationKind.CODE_REVIEW,
                AttestationKind.CONFIGURATION_AUDIT)) {
            attest("bot", "carol", k, true);
        }
        attest("bot", "tess", AttestationKind.DOCUMENTATION, true);
        evidence.businessValue("bot", "bob", new BusinessValue(List.of(metric("tickets", "10", null, true)), Optional.empty(),
                Optional.empty()));
        evidence.signOff("bot", "bob", SignOffRole.STAKEHOLDER, Optional.empty()); // a business owner may sign as stakeholder
        evidence.signOff("bot", "tess", SignOffRole.TECHNICAL_OWNER, Optional.empty());
        evidence.signOff("bot", "bob", SignOffRole.BUSINESS_OWNER, Optional.empty());
        List<GateResult> g = gates("bot", Optional.empty());
        assertThat(g).allMatch(GateResult::passed); // no pen test, no improvement, no ROI, no security sign-off for junior
        assertThat(check(g, GateResult.Gate.BUSINESS_VALUE, "improvement_demonstrated").rule()).isEqualTo("not_applicable");

        f.warden.agents().setLevel("bot", MaturityLevel.JUNIOR, OPERATOR, "test");
        f.clock.advance(Duration.ofSeconds(1));
        evidence.businessValue("bot", "bob", new BusinessValue(List.of(metric("tickets", "10", "9", true),
                metric("wait", "5", "4", false)), Optional.of(new BusinessValue.Roi(BigDecimal.ONE, "r", DIGEST)), Optional.empty()));
        g = gates("bot", Optional.empty());
        GateCheck improvement = check(g, GateResult.Gate.BUSINESS_VALUE, "improvement_demonstrated");
        assertThat(improvement.passed()).isFalse();
        assertThat(improvement.observed()).hasValue(1);
        assertThat(improvement.why()).contains("not improved or not measured: tickets");
        assertThat(check(g, GateResult.Gate.BUSINESS_VALUE, "roi_calculated").passed()).isFalse(); // 1.0 is not above 1.0
        assertThat(check(g, GateResult.Gate.SECURITY_VALIDATION, "penetration_test").passed()).isFalse();
    }

    @Test
    void aFailedLatestAttestationFails_withItsRef_andALaterPassedOneCounts() {
        f.register("bot", MaturityLevel.INTERN);
        attest("bot", "carol", AttestationKind.CODE_REVIEW, true);
        f.clock.advance(Duration.ofSeconds(1));
        attest("bot", "carol", AttestationKind.CODE_REVIEW, false);
        GateCheck c = check(gates("bot", Optional.empty()), GateResult.Gate.SECURITY_VALIDATION, "code_review");
        assertThat(c.passed()).isFalse();
        assertThat(c.why()).contains("failed").contains("https://evidence.example/code_review");
        f.clock.advance(Duration.ofSeconds(1));
        attest("bot", "carol", AttestationKind.CODE_REVIEW, true);
        assertThat(check(gates("bot", Optional.empty()), GateResult.Gate.SECURITY_VALIDATION, "code_review").passed()).isTrue();
    }

    @Test
    void attack_theRequesterSignsOffEveryRoleThemselves_andTheGateStillFails() {
        SignOffRoles all = new SignOffRoles(Map.of(SignOffRole.TECHNICAL_OWNER, List.of("mallory"),
                SignOffRole.BUSINESS_OWNER, List.of("mallory"), SignOffRole.SECURITY, List.of("mallory"),
                SignOffRole.RISK_COMMITTEE, List.of("mallory"), SignOffRole.STAKEHOLDER, List.of("mallory")));
        PromotionEvidence self = new PromotionEvidence(store, f.warden.auditLog(), f.warden.agents(), operators, all,
                new IdGenerator(new Random(8)), f.clock);
        f.register("bot", MaturityLevel.SENIOR);
        for (SignOffRole r : SignOffRole.values()) {
            self.signOff("bot", "mallory", r, Optional.empty());
        }
        Agent a = f.warden.agents().require("bot");
        List<GateResult> g = new SignOffGates(store, all, baselines).evaluate(a, MaturityLevel.PRINCIPAL, Optional.of("mallory"));
        for (String role : List.of("technical_owner", "business_owner", "security", "risk_committee")) {
            GateCheck c = check(g, GateResult.Gate.GOVERNANCE_SIGN_OFF, role);
            assertThat(c.passed()).as(role).isFalse();
            assertThat(c.why()).contains(SignOffGates.BY_REQUESTER);
        }
        assertThat(check(g, GateResult.Gate.BUSINESS_VALUE, "stakeholder_sign_off").passed()).isFalse();
        // without a requester (a readiness view), the same sign-offs count
        assertThat(check(new SignOffGates(store, all, baselines).evaluate(a, MaturityLevel.PRINCIPAL, Optional.empty()),
                GateResult.Gate.GOVERNANCE_SIGN_OFF, "security").passed()).isTrue();
    }

    @Test
    void attack_anOperatorSignsInARoleTheyDoNotHold_isRefused_andNothingIsRecorded() {
        f.register("bot", MaturityLevel.INTERN);
        int before = f.records().size();
        assertThatThrownBy(() -> evidence.signOff("bot", "mallory", SignOffRole.SECURITY, Optional.empty()))
                .isInstanceOf(WardenException.class).extracting(e -> ((WardenException) e).code()).isEqualTo(ErrorCode.NOT_IN_SIGN_OFF_ROLE);
        assertThatThrownBy(() -> attest("bot", "bob", AttestationKind.CODE_REVIEW, true)) // a business owner is not security
                .extracting(e -> ((WardenException) e).code()).isEqualTo(ErrorCode.NOT_IN_SIGN_OFF_ROLE);
        assertThatThrownBy(() -> evidence.signOff("bot", "nobody", SignOffRole.SECURITY, Optional.empty()))
                .extracting(e -> ((WardenException) e).code()).isEqualTo(ErrorCode.NOT_IN_SIGN_OFF_ROLE);
        assertThat(store.listOfAgent("bot")).isEmpty();
        assertThat(f.records()).hasSize(before);
    }

    @Test
    void aDisabledOperator_cannotSign() {
        f.register("bot", MaturityLevel.INTERN);
        Operator carol = operators.find("carol").orElseThrow();
        operators.update(carol.disabledAt(f.clock.instant()));
        assertThatThrownBy(() -> evidence.signOff("bot", "carol", SignOffRole.SECURITY, Optional.empty()))
                .extracting(e -> ((WardenException) e).code()).isEqualTo(ErrorCode.NOT_IN_SIGN_OFF_ROLE);
    }

    @Test
    void attack_theAgentOwnerAsTechnicalOwner_isRefused_andNotCountedIfStoredAnyway() {
        f.register("bot", MaturityLevel.INTERN);
        assertThatThrownBy(() -> evidence.signOff("bot", OWNER, SignOffRole.TECHNICAL_OWNER, Optional.empty()))
                .extracting(e -> ((WardenException) e).code()).isEqualTo(ErrorCode.SOD_OWN_AGENT);
        Agent a = f.warden.agents().require("bot");
        store.insert(new EvidenceItem("evd_x", "bot", a.level(), MaturityLevel.JUNIOR, EvidenceItem.SIGN_OFF, OWNER,
                SignOffRole.TECHNICAL_OWNER, Map.of(), f.clock.instant(), Optional.empty(), Optional.empty(), Optional.empty()));
        GateCheck c = check(gates("bot", Optional.empty()), GateResult.Gate.GOVERNANCE_SIGN_OFF, "technical_owner");
        assertThat(c.passed()).isFalse();
        assertThat(c.why()).contains(SignOffGates.BY_OWNER);
    }

    @Test
    void attack_aWithdrawnSignOffNoLongerCounts() {
        f.register("bot", MaturityLevel.INTERN);
        EvidenceItem s = evidence.signOff("bot", "tess", SignOffRole.TECHNICAL_OWNER, Optional.of("looks fine"));
        assertThat(check(gates("bot", Optional.empty()), GateResult.Gate.GOVERNANCE_SIGN_OFF, "technical_owner").passed()).isTrue();
        evidence.withdraw("bot", s.id(), "tess", false, "found a problem");
        assertThat(check(gates("bot", Optional.empty()), GateResult.Gate.GOVERNANCE_SIGN_OFF, "technical_owner").passed()).isFalse();
        assertThatThrownBy(() -> evidence.withdraw("bot", s.id(), "tess", false, "again"))
                .extracting(e -> ((WardenException) e).code()).isEqualTo(ErrorCode.EVIDENCE_WITHDRAWN);
    }

    @Test
    void onlyTheAuthorOrAnAdminMayWithdraw() {
        f.register("bot", MaturityLevel.INTERN);
        EvidenceItem s = evidence.signOff("bot", "tess", SignOffRole.TECHNICAL_OWNER, Optional.empty());
        assertThatThrownBy(() -> evidence.withdraw("bot", s.id(), "mallory", false, "mine now"))
                .extracting(e -> ((WardenException) e).code()).isEqualTo(ErrorCode.FORBIDDEN_ROLE);
        assertThatThrownBy(() -> evidence.withdraw("other", s.id(), "tess", false, "x"))
                .extracting(e -> ((WardenException) e).code()).isEqualTo(ErrorCode.EVIDENCE_NOT_FOUND);
        assertThat(evidence.withdraw("bot", s.id(), "root", true, "admin").withdrawnBy()).hasValue("root");
    }

    @Test
    void evidenceFromAPreviousLevelOrBeforeTheLevelWasReached_isIgnored() {
        f.register("bot", MaturityLevel.JUNIOR);
        everything("bot");
        assertThat(gates("bot", Optional.empty())).allMatch(GateResult::passed);
        // demoted and re-promoted to junior: the same level again, but the evidence predates it
        f.clock.advance(Duration.ofDays(1));
        f.warden.agents().setLevel("bot", MaturityLevel.INTERN, OPERATOR, "demoted");
        List<GateResult> atIntern = gates("bot", Optional.empty());
        assertThat(check(atIntern, GateResult.Gate.GOVERNANCE_SIGN_OFF, "technical_owner").passed()).isFalse();
        f.clock.advance(Duration.ofDays(1));
        f.warden.agents().setLevel("bot", MaturityLevel.JUNIOR, OPERATOR, "re-promoted");
        assertThat(gates("bot", Optional.empty())).noneMatch(GateResult::passed);
        assertThat(evidence.atCurrentLevel(f.warden.agents().require("bot"))).isEmpty();
    }

    @Test
    void aSignerNoLongerInTheRole_doesNotCount() {
        f.register("bot", MaturityLevel.INTERN);
        evidence.signOff("bot", "tess", SignOffRole.TECHNICAL_OWNER, Optional.empty());
        SignOffRoles without = new SignOffRoles(Map.of(SignOffRole.TECHNICAL_OWNER, List.of("zoe")));
        Agent a = f.warden.agents().require("bot");
        assertThat(check(new SignOffGates(store, without, baselines).evaluate(a, MaturityLevel.JUNIOR, Optional.empty()),
                GateResult.Gate.GOVERNANCE_SIGN_OFF, "technical_owner").passed()).isFalse();
    }

    @Test
    void anUnconfiguredRole_failsClosed_namingTheConfigKey() {
        f.register("bot", MaturityLevel.INTERN);
        Agent a = f.warden.agents().require("bot");
        List<GateResult> g = new SignOffGates(store, SignOffRoles.NONE, baselines).evaluate(a, MaturityLevel.JUNIOR, Optional.empty());
        assertThat(check(g, GateResult.Gate.GOVERNANCE_SIGN_OFF, "business_owner").why())
                .contains("maturity.sign_off_roles.business_owner is not configured");
        PromotionEvidence none = new PromotionEvidence(store, f.warden.auditLog(), f.warden.agents(), operators, SignOffRoles.NONE,
                new IdGenerator(new Random(9)), f.clock);
        assertThatThrownBy(() -> none.signOff("bot", "bob", SignOffRole.BUSINESS_OWNER, Optional.empty()))
                .hasMessageContaining("maturity.sign_off_roles.business_owner is not configured");
    }

    @Test
    void baselineEstablished_followsTheBehaviourMonitor() {
        f.register("bot", MaturityLevel.INTERN);
        baselines = Optional.empty();
        assertThat(check(gates("bot", Optional.empty()), GateResult.Gate.BUSINESS_VALUE, "baseline_established").why())
                .contains("behaviour monitoring is off");
        baselines = Optional.of(agent -> Optional.of(false));
        assertThat(check(gates("bot", Optional.empty()), GateResult.Gate.BUSINESS_VALUE, "baseline_established").passed()).isFalse();
        baselines = Optional.of(agent -> Optional.empty());
        assertThat(check(gates("bot", Optional.empty()), GateResult.Gate.BUSINESS_VALUE, "baseline_established").passed()).isFalse();
        baselines = Optional.of(agent -> Optional.of(true));
        assertThat(check(gates("bot", Optional.empty()), GateResult.Gate.BUSINESS_VALUE, "baseline_established").passed()).isTrue();
    }

    @Test
    void everyRecordIsAudited_underTheAgent_withTheAgreedFields() {
        f.register("bot", MaturityLevel.INTERN);
        EvidenceItem a = evidence.attest("bot", "carol", new Attestation(AttestationKind.CODE_REVIEW, false, "PR-7", DIGEST,
                Optional.of("two findings")));
        evidence.businessValue("bot", "bob", new BusinessValue(List.of(metric("t", "1", "2", true)), Optional.empty(), Optional.empty()));
        EvidenceItem s = evidence.signOff("bot", "tess", SignOffRole.TECHNICAL_OWNER, Optional.of("ok"));
        evidence.withdraw("bot", s.id(), "tess", false, "changed my mind");

        AuditRecord attested = f.records("maturity.attested").getFirst();
        assertThat(attested.agent()).isEqualTo("bot");
        Map<String, Object> af = JsonReader.parseObject(attested.entry());
        assertThat(af).containsEntry("id", a.id()).containsEntry("actor", "operator:carol").containsEntry("role", "security")
                .containsEntry("level", "intern").containsEntry("target", "junior").containsEntry("kind", "maturity.attested").containsEntry("attestation_kind", "code_review")
                .containsEntry("result", "failed").containsEntry("evidence_ref", "PR-7").containsEntry("evidence_digest", DIGEST)
                .containsEntry("note", "two findings");
        Map<String, Object> bv = JsonReader.parseObject(f.records("maturity.business_value").getFirst().entry());
        assertThat(bv).containsKeys("id", "actor", "role", "level", "target", "metrics", "roi", "note").containsEntry("role", "business_owner");
        Map<String, Object> so = JsonReader.parseObject(f.records("maturity.signed_off").getFirst().entry());
        assertThat(so).containsEntry("id", s.id()).containsEntry("role", "technical_owner").containsEntry("note", "ok")
                .containsKeys("actor", "level", "target");
        AuditRecord w = f.records("maturity.sign_off_withdrawn").getFirst();
        assertThat(w.agent()).isEqualTo("bot");
        assertThat(JsonReader.parseObject(w.entry())).containsEntry("id", s.id()).containsEntry("actor", "operator:tess")
                .containsEntry("reason", "changed my mind");
    }

    @Test
    void gateEvidence_showsAllFiveGatesInOrder_andLeavesTheRequestersSignOffsOut() {
        f.register("bot", MaturityLevel.INTERN);
        evidence.signOff("bot", "tess", SignOffRole.TECHNICAL_OWNER, Optional.empty());
        GateEvidence all = new GateEvidence(f.auditStore, f.warden.incidents().store(), f.clock,
                t -> GateThresholds.defaults(t, 3), Optional.of(new SignOffGates(store, roles, baselines)));
        Agent a = f.warden.agents().require("bot");
        Readiness r = all.readiness(a);
        assertThat(r.gates()).extracting(GateResult::gate).containsExactly(GateResult.Gate.PERFORMANCE,
                GateResult.Gate.SECURITY_VALIDATION, GateResult.Gate.BUSINESS_VALUE, GateResult.Gate.INCIDENT_RECORD,
                GateResult.Gate.GOVERNANCE_SIGN_OFF);
        assertThat(r.pending()).isEmpty();
        assertThat(check(r.gates(), GateResult.Gate.GOVERNANCE_SIGN_OFF, "technical_owner").passed()).isTrue();
        assertThat(check(all.readiness(a, Optional.of("tess")).gates(), GateResult.Gate.GOVERNANCE_SIGN_OFF, "technical_owner")
                .passed()).isFalse();
        assertThat(all.readiness(a, Optional.of("tess")).allGatesPassed()).isFalse();
    }

    @Test
    void aPrincipal_hasNoNextLevel_andNothingIsRecorded() {
        f.register("bot", MaturityLevel.PRINCIPAL);
        assertThatThrownBy(() -> evidence.signOff("bot", "tess", SignOffRole.TECHNICAL_OWNER, Optional.empty()))
                .hasMessageStartingWith("level:");
    }

    @Test
    void inputIsCheckedField_byField() {
        assertThatThrownBy(() -> new Attestation(AttestationKind.CODE_REVIEW, true, "r", "sha256:ABC", Optional.empty()))
                .hasMessage("evidence_digest: must be sha256: followed by 64 hex digits");
        assertThatThrownBy(() -> new Attestation(AttestationKind.CODE_REVIEW, true, "x".repeat(2001), DIGEST, Optional.empty()))
                .hasMessageStartingWith("evidence_ref:");
        assertThatThrownBy(() -> new BusinessValue(List.of(), Optional.empty(), Optional.empty())).hasMessageStartingWith("metrics:");
        assertThatThrownBy(() -> new BusinessValue(List.of(metric("a", "1", null, true), metric("a", "2", null, true)),
                Optional.empty(), Optional.empty())).hasMessageStartingWith("metrics[1].name:");
        assertThatThrownBy(() -> AttestationKind.parse("pentest")).hasMessageStartingWith("kind:");
        assertThatThrownBy(() -> SignOffRole.parse("ceo")).hasMessageStartingWith("role:");
    }
}
