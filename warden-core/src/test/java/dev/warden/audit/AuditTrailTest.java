package dev.warden.audit;

import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.Fixtures.UPDATE;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static dev.warden.testing.WardenFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalId;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.json.JsonReader;
import dev.warden.testing.ControllableAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.WardenFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
    private static final Map<String, Object> SKU = Map.of("sku", "A-1");

    private final ControllableAuditStore store = new ControllableAuditStore();
    private final WardenFixture f = new WardenFixture(store);

    @AfterEach
    void close() {
        f.close();
    }

    private static Map<String, Object> entry(AuditRecord r) {
        return JsonReader.parseObject(r.entry());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> reasons(Map<String, Object> entry) {
        return (List<Map<String, Object>>) entry.get("reasons");
    }

    @Test
    void decide_allow_recordsOneDecisionEntryWithEveryField() {
        f.policies.permit(REFUND, "p-refund");
        Caller c = f.register("payer", MaturityLevel.PRINCIPAL);
        f.clock.advance(Duration.ofMinutes(5));
        Map<String, Object> args = Map.of("order_id", "o-9", "amount", new BigDecimal("12.50"));

        Decision d = f.warden.decisions().decide(new DecisionRequest(c, REFUND, Optional.of("orders/o-9"), args,
                Optional.of("customer was double charged"), Optional.empty()));

        List<AuditRecord> records = f.records("decision");
        assertThat(records).hasSize(1);
        AuditRecord r = records.getFirst();
        assertThat(r.agent()).isEqualTo("payer");
        assertThat(r.session()).isEqualTo("sess-payer");
        assertThat(r.decisionId()).isEqualTo(d.id().value());
        assertThat(r.decision()).isEqualTo("allow");
        assertThat(r.time()).isEqualTo(MutableClock.START.plus(Duration.ofMinutes(5)));

        Map<String, Object> e = entry(r);
        assertThat(e).containsEntry("schema", "warden.audit/v1")
                .containsEntry("seq", r.seq())
                .containsEntry("time", "2025-03-01T10:05:00Z")
                .containsEntry("kind", "decision")
                .containsEntry("agent", "payer")
                .containsEntry("session", "sess-payer")
                .containsEntry("decision_id", d.id().value())
                .containsEntry("decision", "allow")
                .containsEntry("action", REFUND)
                .containsEntry("resource", "orders/o-9")
                .containsEntry("args", Map.of("order_id", "o-9", "amount", new BigDecimal("12.5")))
                .containsEntry("rationale", "customer was double charged")
                .containsEntry("level", "principal")
                .doesNotContainKey("approval_id")
                .doesNotContainKey("obligations");
        assertThat(reasons(e)).containsExactly(Map.of("guard", "policy", "code", "permit_policy",
                "policy_id", "p-refund", "message", "permitted by policy p-refund"));
        assertThat(e.get("duration_us")).isInstanceOf(Long.class);
        assertThat((Long) e.get("duration_us")).isBetween(0L, 10_000_000L);
    }

    @Test
    void decide_deny_recordsReasonsAndPolicyIds() {
        f.policies.forbid(READ, "f-freeze");
        Caller c = f.register("reader", MaturityLevel.INTERN);

        Decision d = f.decide(c, READ, SKU);

        Map<String, Object> e = entry(f.records("decision").getFirst());
        assertThat(e).containsEntry("decision", "deny").containsEntry("decision_id", d.id().value())
                .containsEntry("resource", READ).containsEntry("rationale", "").containsEntry("args", SKU);
        assertThat(reasons(e)).singleElement().satisfies(reason -> assertThat(reason)
                .containsEntry("code", "forbid_policy").containsEntry("policy_id", "f-freeze"));
    }

    @Test
    void decide_unknownAgent_recordedUnderTheClaimedNameWithoutLevel() {
        f.decide(WardenFixture.caller("ghost", 0), READ, SKU);

        AuditRecord r = f.records("decision").getFirst();
        assertThat(r.agent()).isEqualTo("ghost");
        assertThat(entry(r)).containsEntry("decision", "deny").doesNotContainKey("level");
        assertThat(reasons(entry(r))).extracting(m -> m.get("code")).containsExactly("unknown_agent");
    }

    @Test
    void decide_obligationsAndApprovalIds_recorded() {
        f.policies.permit(UPDATE, "p-update").permitWithApproval(REFUND, "p-refund-approval");
        Caller senior = f.register("senior", MaturityLevel.SENIOR);
        Caller payer = f.register("payer", MaturityLevel.PRINCIPAL);
        Map<String, Object> refund = Map.of("order_id", "o-1", "amount", 5L);

        f.decide(senior, UPDATE, Map.of("sku", "A-1", "qty", 1L));
        Decision.ApprovalRequired ar = (Decision.ApprovalRequired) f.decide(payer, REFUND, refund);
        f.warden.approvals().approve(ar.approvalId(), OPERATOR, Optional.empty());
        Decision redeemed = f.redeem(payer, REFUND, refund, ar.approvalId());

        List<AuditRecord> decisions = f.records("decision");
        assertThat(decisions).extracting(AuditRecord::decision).containsExactly("allow", "approval_required", "allow");
        assertThat(entry(decisions.get(0))).containsEntry("obligations", List.of("notify_owner"));
        assertThat(entry(decisions.get(1))).containsEntry("approval_id", ar.approvalId().value());
        assertThat(entry(decisions.get(2))).containsEntry("approval_id", ar.approvalId().value())
                .containsEntry("decision_id", redeemed.id().value());
        assertThat(reasons(entry(decisions.get(2)))).extracting(m -> m.get("code"))
                .containsExactly("approval_policy", "approval_redeemed");
    }

    @Test
    void decide_everyDecision_exactlyOneRecordInOrder() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);

        List<Decision> made = List.of(
                f.decide(c, READ, SKU),
                f.decide(c, UPDATE, Map.of("sku", "A", "qty", 1L)),
                f.decide(c, "no.such.tool", Map.of()),
                f.decide(WardenFixture.caller("ghost", 0), READ, SKU),
                f.decide(c, READ, Map.of()));

        assertThat(f.records("decision")).extracting(AuditRecord::decisionId)
                .containsExactlyElementsOf(made.stream().map(d -> d.id().value()).toList());
        assertThat(f.records("decision")).extracting(AuditRecord::decision)
                .containsExactly("allow", "deny", "deny", "deny", "deny");
    }

    @Test
    void register_recordedWithActorAndExplicitLevel() {
        f.register("senior", MaturityLevel.SENIOR);
        f.warden.agents().register(Fixtures.registration("newbie"), OPERATOR);

        List<AuditRecord> regs = f.records("agent.registered");
        assertThat(regs).extracting(AuditRecord::agent).containsExactly("senior", "newbie");
        assertThat(entry(regs.get(0)))
                .containsEntry("actor", "operator:olivia")
                .containsEntry("level", "senior")
                .containsEntry("level_explicit", true)
                .containsEntry("agent_id", "spiffe://warden.local/agent/senior")
                .containsEntry("owner", "alice@example.com")
                .containsEntry("capabilities", Fixtures.CAPABILITIES)
                .containsEntry("key_ids", List.of("k1"));
        assertThat(entry(regs.get(1))).containsEntry("level", "intern").containsEntry("level_explicit", false);
    }

    @Test
    void levelChangeKillQuarantineRestore_recordedWithActorAndReason() {
        f.register("bot", MaturityLevel.SENIOR);
        f.warden.agents().setLevel("bot", MaturityLevel.INTERN, OPERATOR, "incident INC-7");
        f.warden.agents().kill("bot", dev.warden.Actor.operator("sam"), "exfiltration");
        f.warden.agents().restore("bot", OPERATOR, "cleaned up");
        f.warden.agents().quarantine("bot", OPERATOR, "watch");

        assertThat(entry(f.records("agent.level_changed").getFirst()))
                .containsEntry("agent", "bot")
                .containsEntry("actor", "operator:olivia")
                .containsEntry("reason", "incident INC-7")
                .containsEntry("level_before", "senior")
                .containsEntry("level", "intern");
        assertThat(entry(f.records("agent.killed").getFirst()))
                .containsEntry("actor", "operator:sam")
                .containsEntry("reason", "exfiltration")
                .containsEntry("status_before", "active")
                .containsEntry("status", "killed")
                .containsEntry("token_epoch", 1L);
        assertThat(entry(f.records("agent.restored").getFirst()))
                .containsEntry("status_before", "killed").containsEntry("status", "active").containsEntry("token_epoch", 1L)
                .containsEntry("level_before", "intern").containsEntry("level", "intern");
        assertThat(entry(f.records("agent.quarantined").getFirst()))
                .containsEntry("status", "quarantined").containsEntry("token_epoch", 1L);
    }

    @Test
    void approveAndDeny_recordedWithOperatorAndTheAskingDecision() {
        f.policies.permitWithApproval(REFUND, "p-refund-approval");
        Caller payer = f.register("payer", MaturityLevel.PRINCIPAL);
        Decision.ApprovalRequired first = (Decision.ApprovalRequired) f.decide(payer, REFUND,
                Map.of("order_id", "o-1", "amount", 5L));
        Decision.ApprovalRequired second = (Decision.ApprovalRequired) f.decide(payer, REFUND,
                Map.of("order_id", "o-2", "amount", 6L));

        f.warden.approvals().approve(first.approvalId(), OPERATOR, Optional.of("looks fine"));
        f.warden.approvals().deny(second.approvalId(), dev.warden.Actor.operator("omar"), Optional.empty());

        AuditRecord approved = f.records("approval.approved").getFirst();
        assertThat(approved.agent()).isEqualTo("payer");
        assertThat(approved.decisionId()).isEqualTo(first.id().value());
        assertThat(entry(approved))
                .containsEntry("actor", "operator:olivia")
                .containsEntry("approval_id", first.approvalId().value())
                .containsEntry("action", REFUND)
                .containsEntry("human_override", "approved")
                .containsEntry("note", "looks fine");
        assertThat(entry(f.records("approval.denied").getFirst()))
                .containsEntry("actor", "operator:omar")
                .containsEntry("approval_id", second.approvalId().value())
                .containsEntry("human_override", "denied");
    }

    @Test
    void sequenceNumbers_gapFreeAndMatchTheEntries() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);
        for (int i = 0; i < 20; i++) {
            f.decide(c, READ, Map.of("sku", "S-" + i));
        }
        f.warden.agents().kill("reader", OPERATOR, "done");

        List<AuditRecord> all = f.records();
        assertThat(all).extracting(AuditRecord::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 22).boxed().toList());
        assertThat(all).allSatisfy(r -> assertThat(entry(r)).containsEntry("seq", r.seq()).containsEntry("kind", r.kind()));
    }

    @Test
    void decide_auditStoreFails_deniesStoreUnavailableNeverAllows() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);
        store.failAlways();

        Decision d = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("store_unavailable");
        assertThat(d.reasons().getFirst().guard()).isEqualTo("audit");
        assertThat(f.records("decision")).isEmpty();

        store.recover();
        Decision after = f.decide(c, READ, SKU);
        assertThat(after).isInstanceOf(Decision.Allow.class);
        assertThat(f.records()).extracting(AuditRecord::seq).containsExactly(1L, 2L);
    }

    @Test
    void decide_auditStoreFails_approvalRequiredAlsoBecomesDeny() {
        f.policies.permitWithApproval(REFUND, "p-refund-approval");
        Caller c = f.register("payer", MaturityLevel.PRINCIPAL);
        store.failAlways();

        Decision d = f.decide(c, REFUND, Map.of("order_id", "o-1", "amount", 5L));

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("store_unavailable");
    }

    @Test
    void operatorActions_auditStoreFails_throwStoreUnavailable() {
        f.register("bot", MaturityLevel.INTERN);
        store.failAlways();

        assertThatThrownBy(() -> f.warden.agents().register(Fixtures.registration("other"), OPERATOR))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThatThrownBy(() -> f.warden.agents().kill("bot", OPERATOR, "x"))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        // fail closed: the kill itself still takes effect even though it could not be recorded
        assertThat(f.warden.agents().require("bot").status()).isEqualTo(dev.warden.agent.AgentStatus.KILLED);
    }

    @Test
    void decide_argumentThatIsNotJson_deniedAndRecordedWithoutItsArgs_andLogKeepsWorking() {
        f.policies.permit(dev.warden.testing.Fixtures.EMAIL, "p-email").permit(READ, "p-read");
        Caller c = f.register("mailer", MaturityLevel.PRINCIPAL);

        Decision d = f.decide(c, dev.warden.testing.Fixtures.EMAIL, Map.of("send_at", java.time.Instant.EPOCH));
        Decision next = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("invalid_arguments");
        assertThat(next).isInstanceOf(Decision.Allow.class);
        assertThat(f.records("decision")).extracting(AuditRecord::decisionId).containsExactly(d.id().value(), next.id().value());
        assertThat(f.records("decision").getFirst().entry()).contains("\"args\":{}").doesNotContain("send_at");
    }

    @Test
    void approvalIdsInRecords_areWellFormed() {
        f.policies.permitWithApproval(REFUND, "p");
        Caller c = f.register("payer", MaturityLevel.PRINCIPAL);
        f.decide(c, REFUND, Map.of("order_id", "o-1", "amount", 5L));

        Object id = entry(f.records("decision").getFirst()).get("approval_id");
        assertThat(new ApprovalId((String) id).value()).isEqualTo(id);
    }
}
