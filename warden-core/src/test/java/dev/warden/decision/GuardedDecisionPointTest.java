package dev.warden.decision;

import static dev.warden.testing.Fixtures.DROP;
import static dev.warden.testing.Fixtures.EMAIL;
import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.Fixtures.RESET;
import static dev.warden.testing.Fixtures.UPDATE;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static dev.warden.testing.WardenFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalState;
import dev.warden.audit.AuditRecord;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.RuleTablePolicyEngine;
import dev.warden.testing.WardenFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedDecisionPointTest {
    private static final Map<String, Object> SKU = Map.of("sku", "A-1");
    private static final Map<String, Object> UPDATE_ARGS = Map.of("sku", "A-1", "qty", 3L);

    private final WardenFixture f = new WardenFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void decide_permittedReadTool_allowsNamingThePolicy() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);

        Decision d = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(d.wire()).isEqualTo("allow");
        assertThat(d.reasons()).containsExactly(Reason.policy("permit_policy", "p-read", "permitted by policy p-read"));
        assertThat(((Decision.Allow) d).obligations()).isEmpty();
        assertThat(d.id().value()).matches("dec_[0-9a-f]{32}");
    }

    @Test
    void decide_idsCarryTheClocksTimeAndSortInTheOrderDecisionsWereMade() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);

        String first = f.decide(c, READ, SKU).id().value();
        f.clock.advance(Duration.ofMillis(1));
        String second = f.decide(c, READ, SKU).id().value();
        f.clock.advance(Duration.ofDays(400));
        String third = f.decide(c, READ, Map.of("sku", "B-2")).id().value();

        assertThat(Long.parseLong(first.substring(4, 16), 16)).isEqualTo(MutableClock.START.toEpochMilli());
        assertThat(List.of(first, second, third)).isSorted().doesNotHaveDuplicates();
        assertThat(f.records("decision")).extracting(AuditRecord::decisionId).containsExactly(first, second, third);
    }

    @Test
    void decide_heldTool_isDeniedWithTheHoldsReason_evenWhenAPolicyPermits_andTheDenyIsAudited() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);
        AtomicReference<Boolean> held = new AtomicReference<>(true);
        f.warden.toolHolds().add(tool -> held.get() && tool.equals(READ)
                ? Optional.of(Reason.of("pinning", "tool_definition_changed", "changed upstream")) : Optional.empty());

        Decision d = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("tool_definition_changed");
        assertThat(f.records("decision")).last().satisfies(r -> {
            assertThat(r.decisionId()).isEqualTo(d.id().value());
            assertThat(r.entry()).contains("tool_definition_changed").contains("\"decision\":\"deny\"");
        });
        held.set(false);
        assertThat(f.decide(c, READ, SKU)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void decide_holdCheckThrows_deniesNeverAllows() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);
        f.warden.toolHolds().add(tool -> {
            throw new IllegalStateException("pin store down");
        });

        Decision d = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("hold_check_failed");
    }

    @Test
    void decide_noPolicyPermits_deniesByDefault() {
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);

        Decision d = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("no_permit");
        assertThat(d.reasons().getFirst().guard()).isEqualTo("policy");
        assertThat(f.policies.evaluations()).isEqualTo(1);
    }

    @Test
    void decide_explicitNoPermitVerdict_denies() {
        f.policies.noPermit(READ);
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);

        assertThat(codes(f.decide(c, READ, SKU))).containsExactly("no_permit");
    }

    @Test
    void decide_forbidPolicy_deniesNamingThePolicy() {
        f.policies.forbid(READ, "f-no-reads");
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);

        Decision d = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(d.reasons()).containsExactly(
                Reason.policy("forbid_policy", "f-no-reads", "forbidden by policy f-no-reads"));
    }

    @Test
    void decide_policyFailed_deniesWithEvaluationError() {
        f.policies.failed(READ, "p-broken", "division by zero");
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);

        Decision d = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("evaluation_error");
        assertThat(d.reasons().getFirst().policyId()).contains("p-broken");
        assertThat(d.reasons().getFirst().message()).contains("division by zero");
    }

    @Test
    void decide_policyEngineThrows_deniesWithEvaluationErrorNeverAllows() {
        f.policies.rule(READ, q -> {
            throw new IllegalStateException("engine exploded");
        });
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);

        Decision d = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("evaluation_error");
        assertThat(d.reasons().getFirst().message()).contains("engine exploded");
        assertThat(f.records("decision")).singleElement().extracting(r -> r.decision()).isEqualTo("deny");
    }

    @Test
    void decide_policyEngineReturnsNull_deniesWithEvaluationError() {
        f.policies.rule(READ, q -> null);
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);

        Decision d = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("evaluation_error");
    }

    @Test
    void decide_unknownAgent_deniesWithoutAskingThePolicy() {
        f.policies.permit(READ, "p-read");

        Decision d = f.decide(WardenFixture.caller("ghost", 0), READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("unknown_agent");
        assertThat(d.reasons().getFirst().message()).contains("'ghost'");
        assertThat(f.policies.evaluations()).isZero();
    }

    @Test
    void decide_unknownTool_denies() {
        f.policies.permit("inventory.delete", "p-any");
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);

        Decision d = f.decide(c, "inventory.delete", SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("unknown_tool");
        assertThat(f.policies.evaluations()).isZero();
    }

    @Test
    void decide_toolNotInCapabilityManifest_deniesEvenIfPermitted() {
        f.policies.permit(RESET, "p-reset");
        Caller c = f.register("reader", MaturityLevel.PRINCIPAL);

        Decision d = f.decide(c, RESET, Map.of());

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("capability_not_claimed");
        assertThat(f.policies.evaluations()).isZero();
    }

    @Test
    void decide_prefixCapability_coversToolsUnderThePrefix() {
        f.policies.permit(UPDATE, "p-update");
        Caller c = f.register("stocker", MaturityLevel.PRINCIPAL); // claims inventory.*

        assertThat(f.decide(c, UPDATE, UPDATE_ARGS)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void decide_invalidArguments_deniesNamingTheField() {
        f.policies.permit(UPDATE, "p-update");
        Caller c = f.register("stocker", MaturityLevel.PRINCIPAL);

        Decision d = f.decide(c, UPDATE, Map.of("sku", "A-1", "qty", "ten"));

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("invalid_arguments");
        assertThat(d.reasons().getFirst().message()).isEqualTo("args.qty: expected integer, got string");
        assertThat(f.policies.evaluations()).isZero();
    }

    @Test
    void decide_missingAndExtraArguments_allViolationsReported() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);

        Decision d = f.decide(c, READ, Map.of("debug", true));

        assertThat(codes(d)).containsExactly("invalid_arguments");
        assertThat(d.reasons().getFirst().message()).contains("args.sku: required").contains("args.debug: not allowed");
    }

    @Test
    void decide_internWithWriteTool_deniedByMaturityCeilingEvenThoughPolicyPermits() {
        f.policies.permit(UPDATE, "p-update");
        Caller c = f.register("intern", MaturityLevel.INTERN);

        Decision d = f.decide(c, UPDATE, UPDATE_ARGS);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("maturity_ceiling");
        assertThat(d.reasons().getFirst().guard()).isEqualTo("maturity");
        assertThat(d.reasons().getFirst().message()).contains("intern").contains("'inventory.update'").contains("[write]");
        assertThat(f.policies.evaluations()).isZero();
    }

    @Test
    void decide_juniorWithWriteTool_needsApprovalEvenThoughPolicyPermitsWithoutIt() {
        f.policies.permit(UPDATE, "p-update");
        Caller c = f.register("junior", MaturityLevel.JUNIOR);

        Decision d = f.decide(c, UPDATE, UPDATE_ARGS);

        assertThat(d).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(d.wire()).isEqualTo("approval_required");
        assertThat(codes(d)).containsExactly("permit_policy", "maturity_approval");
        Decision.ApprovalRequired ar = (Decision.ApprovalRequired) d;
        assertThat(ar.expiresAt()).isEqualTo(MutableClock.START.plus(Duration.ofHours(1)));
        assertThat(f.warden.approvals().require(ar.approvalId()).state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void decide_juniorWithReadTool_allowedWithoutApproval() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("junior", MaturityLevel.JUNIOR);

        assertThat(f.decide(c, READ, SKU)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void decide_seniorLowRiskWrite_allowsWithNotifyOwnerObligation() {
        f.policies.permit(UPDATE, "p-update");
        Caller c = f.register("senior", MaturityLevel.SENIOR);

        Decision d = f.decide(c, UPDATE, UPDATE_ARGS);

        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(((Decision.Allow) d).obligations()).containsExactly("notify_owner");
    }

    @Test
    void decide_seniorMediumRiskExternal_allowsWithNotifyOwner() {
        f.policies.permit(EMAIL, "p-email");
        Caller c = f.register("senior", MaturityLevel.SENIOR);

        Decision d = f.decide(c, EMAIL, Map.of("to", "x@example.com"));

        assertThat(((Decision.Allow) d).obligations()).containsExactly("notify_owner");
    }

    @Test
    void decide_seniorHighRisk_needsApproval() {
        f.policies.permit(REFUND, "p-refund");
        Caller c = f.register("senior", MaturityLevel.SENIOR);

        Decision d = f.decide(c, REFUND, Map.of("order_id", "o-1", "amount", 20L));

        assertThat(d).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(codes(d)).containsExactly("permit_policy", "maturity_approval");
    }

    @Test
    void decide_principal_autonomousBelowCriticalApprovalForCritical() {
        f.policies.permit(REFUND, "p-refund").permit(DROP, "p-drop");
        Caller c = f.register("principal", MaturityLevel.PRINCIPAL);

        Decision high = f.decide(c, REFUND, Map.of("order_id", "o-1", "amount", 20L));
        Decision critical = f.decide(c, DROP, Map.of("table", "orders"));

        assertThat(high).isInstanceOf(Decision.Allow.class);
        assertThat(((Decision.Allow) high).obligations()).isEmpty();
        assertThat(critical).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(codes(critical)).containsExactly("permit_policy", "maturity_approval");
    }

    @Test
    void decide_permitWithApprovalAnnotation_needsApprovalEvenForPrincipal() {
        f.policies.permitWithApproval(REFUND, "p-refund-approval");
        Caller c = f.register("principal", MaturityLevel.PRINCIPAL);

        Decision d = f.decide(c, REFUND, Map.of("order_id", "o-1", "amount", 20L));

        assertThat(d).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(d.reasons()).containsExactly(Reason.policy("approval_policy", "p-refund-approval",
                "permitted with approval by policy p-refund-approval"));
        assertThat(f.warden.approvals().require(((Decision.ApprovalRequired) d).approvalId()).policyIds())
                .containsExactly("p-refund-approval");
    }

    @Test
    void decide_policyPredicateOnArguments_seesValidatedArgs() {
        f.policies.when(REFUND, args -> new BigDecimal(args.get("amount").toString()).compareTo(BigDecimal.valueOf(100)) < 0,
                new PolicyVerdict.Permit(List.of("p-small-refunds"), List.of()),
                new PolicyVerdict.Forbid(List.of("f-large-refunds")));
        Caller c = f.register("principal", MaturityLevel.PRINCIPAL);

        Decision small = f.decide(c, REFUND, Map.of("order_id", "o-1", "amount", new BigDecimal("99.99")));
        Decision large = f.decide(c, REFUND, Map.of("order_id", "o-1", "amount", 100L));

        assertThat(small).isInstanceOf(Decision.Allow.class);
        assertThat(large).isInstanceOf(Decision.Deny.class);
        assertThat(large.reasons().getFirst().policyId()).contains("f-large-refunds");
    }

    @Test
    void decide_policyQuery_carriesRegistryAgentSessionAndResource() {
        AtomicReference<PolicyQuery> seen = new AtomicReference<>();
        f.policies.rule(READ, q -> {
            seen.set(q);
            return new PolicyVerdict.Permit(List.of("p"), List.of());
        });
        Caller c = f.register("reader", MaturityLevel.JUNIOR);

        f.warden.decisions().decide(new DecisionRequest(c, READ, Optional.of("warehouse/7"), SKU, Optional.empty(),
                Optional.empty()));
        assertThat(seen.get().agent().level()).isEqualTo(MaturityLevel.JUNIOR);
        assertThat(seen.get().sessionId()).isEqualTo("sess-reader");
        assertThat(seen.get().resource()).isEqualTo("warehouse/7");
        assertThat(seen.get().args()).isEqualTo(SKU);

        f.decide(c, READ, SKU);
        assertThat(seen.get().resource()).isEqualTo(READ);
    }

    @Test
    void decide_killedAgentWithOldEpoch_deniesTokenRevoked() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("rogue", MaturityLevel.PRINCIPAL);
        assertThat(f.decide(c, READ, SKU)).isInstanceOf(Decision.Allow.class);

        f.warden.agents().kill("rogue", OPERATOR, "exfiltration");
        Decision d = f.decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("token_revoked");
    }

    @Test
    void decide_killedAgent_deniesEvenWithValidToken() {
        f.policies.permit(READ, "p-read");
        f.register("rogue", MaturityLevel.PRINCIPAL);
        Agent killed = f.warden.agents().kill("rogue", OPERATOR, "exfiltration");
        assertThat(killed.tokenEpoch()).isEqualTo(1);

        Decision d = f.decide(WardenFixture.caller("rogue", 1), READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("agent_killed");
    }

    @Test
    void decide_killedThenRestored_oldEpochStaysRevokedNewEpochAllowed() {
        f.policies.permit(READ, "p-read");
        Caller old = f.register("phoenix", MaturityLevel.PRINCIPAL);
        f.warden.agents().kill("phoenix", OPERATOR, "incident");
        f.warden.agents().restore("phoenix", OPERATOR, "fixed");

        Decision withOld = f.decide(old, READ, SKU);
        Decision withNew = f.decide(WardenFixture.caller("phoenix", 1), READ, SKU);

        assertThat(codes(withOld)).containsExactly("token_revoked");
        assertThat(withNew).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void decide_formerSeniorRestoredWithoutALevel_isJuniorAndItsNonReadActionNeedsApproval() {
        f.policies.permit(UPDATE, "p-update");
        Caller before = f.register("veteran", MaturityLevel.SENIOR);
        assertThat(f.decide(before, UPDATE, UPDATE_ARGS)).isInstanceOf(Decision.Allow.class);
        f.warden.agents().kill("veteran", OPERATOR, "incident");
        f.warden.agents().restore("veteran", OPERATOR, "fixed");

        Decision d = f.decide(WardenFixture.caller("veteran", 1), UPDATE, UPDATE_ARGS);

        assertThat(d).isInstanceOf(Decision.ApprovalRequired.class);
    }

    @Test
    void decide_killedAgentAndUnknownTool_identityGuardSpeaksFirst() {
        Caller c = f.register("rogue", MaturityLevel.PRINCIPAL);
        f.warden.agents().kill("rogue", OPERATOR, "incident");

        assertThat(codes(f.decide(c, "no.such.tool", SKU))).containsExactly("token_revoked");
    }

    @Test
    void decide_quarantinedAgent_deniedUntilRestoredWithSameToken() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("suspect", MaturityLevel.PRINCIPAL);

        f.warden.agents().quarantine("suspect", OPERATOR, "anomaly");
        Decision quarantined = f.decide(c, READ, SKU);
        f.warden.agents().restore("suspect", OPERATOR, "false alarm");
        Decision restored = f.decide(c, READ, SKU);

        assertThat(quarantined).isInstanceOf(Decision.Deny.class);
        assertThat(codes(quarantined)).containsExactly("agent_quarantined");
        assertThat(restored).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void decide_demotion_takesEffectOnTheNextDecisionWithTheSameCaller() {
        f.policies.permit(UPDATE, "p-update");
        Caller c = f.register("climber", MaturityLevel.SENIOR);
        assertThat(f.decide(c, UPDATE, UPDATE_ARGS)).isInstanceOf(Decision.Allow.class);

        f.warden.agents().setLevel("climber", MaturityLevel.INTERN, OPERATOR, "critical incident");
        Decision d = f.decide(c, UPDATE, UPDATE_ARGS);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("maturity_ceiling");
    }

    @Test
    void decide_agentInProjectNoLongerConfigured_deniesUnknownProject() {
        InMemoryAgentStore agents = new InMemoryAgentStore();
        agents.insert(new Agent(new AgentId("warden.local", "orphan"), "alice", "p", List.of(READ), "1", "d",
                "retired-project", "prod", MaturityLevel.PRINCIPAL, AgentStatus.ACTIVE, List.of(Fixtures.key("k1")), 0,
                MutableClock.START));
        RuleTablePolicyEngine engine = new RuleTablePolicyEngine().permit(READ, "p-read");
        try (Warden w = Warden.builder().stores(agents, new InMemoryApprovalStore(), new InMemoryAuditStore())
                .catalog(Fixtures.catalog()).projects(Fixtures.projects()).policyEngine(engine)
                .clock(new MutableClock()).random(new Random(7)).build()) {

            Decision d = w.decisions().decide(DecisionRequest.of(WardenFixture.caller("orphan", 0), READ, SKU));

            assertThat(d).isInstanceOf(Decision.Deny.class);
            assertThat(codes(d)).containsExactly("unknown_project");
            assertThat(engine.evaluations()).isZero();
        }
    }

    @Test
    void decide_everyDecision_getsItsOwnId() {
        Caller c = f.register("reader", MaturityLevel.INTERN);

        Decision a = f.decide(c, READ, SKU);
        Decision b = f.decide(c, READ, SKU);

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(b.id().value()).matches("dec_[0-9a-f]{32}");
    }
}
