package dev.warden.grant;

import static dev.warden.testing.Fixtures.DROP;
import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.Fixtures.UPDATE;
import static dev.warden.testing.WardenFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalState;
import dev.warden.audit.AuditRecord;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.json.JsonReader;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import dev.warden.operator.RoleGrant;
import dev.warden.operator.SeparationOfDuties;
import dev.warden.policy.PolicyVerdict;
import dev.warden.testing.WardenFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pre-approvals end to end through the decision point, as attacks on their scope, count and time. */
class GrantFlowTest {
    private static final OperatorPrincipal FINANCE = new OperatorPrincipal("fiona",
            List.of(RoleGrant.parse("approver@shop:payments.*")), "token");
    private static final SeparationOfDuties SOD = SeparationOfDuties.DEFAULTS;
    private static final ArgCondition UNDER_50 = new ArgCondition("amount", ArgCondition.Op.LT, 50L);

    private final WardenFixture f = new WardenFixture();
    private Caller payer;

    @BeforeEach
    void setUp() {
        f.policies.permitWithApproval(REFUND, "p-refund-approval");
        payer = f.register("payer", MaturityLevel.PRINCIPAL);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static Map<String, Object> refund(Object amount) {
        return Map.of("order_id", "o-1", "amount", amount);
    }

    private Grant grant(String agent, String tool, List<ArgCondition> when, OptionalLong maxUses, Duration ttl) {
        return grant(agent, tool, Optional.empty(), Optional.empty(), when, maxUses, ttl);
    }

    private Grant grant(String agent, String tool, Optional<String> resource, Optional<String> session,
                        List<ArgCondition> when, OptionalLong maxUses, Duration ttl) {
        return f.warden.grants().create(FINANCE, new GrantRequest(agent, tool, resource, session, when, maxUses, ttl,
                "small refunds during the outage"), SOD);
    }

    private static Map<String, Object> entry(AuditRecord r) {
        return JsonReader.parseObject(r.entry());
    }

    @Test
    void matchingCall_isAllowedNamingTheGrantAndItsGranter() {
        Grant g = grant("payer", REFUND, List.of(UNDER_50), OptionalLong.of(10), Duration.ofHours(2));

        Decision d = f.decide(payer, REFUND, refund(new BigDecimal("49.99")));

        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(codes(d)).containsExactly("approval_policy", "grant_used");
        assertThat(d.reasons().getLast().message()).contains(g.id().value()).contains("operator:fiona").contains("use 1 of 10");
        assertThat(f.warden.grants().require(g.id()).uses()).isEqualTo(1);
        assertThat(f.warden.approvals().list(Optional.empty(), 10)).isEmpty();
    }

    @Test
    void everyUse_isADecisionRecordNamingTheGrant() {
        Grant g = grant("payer", REFUND, List.of(UNDER_50), OptionalLong.empty(), Duration.ofHours(2));
        Decision first = f.decide(payer, REFUND, refund(10L));
        Decision second = f.decide(payer, REFUND, refund(20L));
        Decision outside = f.decide(payer, REFUND, refund(60L));

        List<Map<String, Object>> decisions = f.records("decision").stream().map(GrantFlowTest::entry).toList();
        assertThat(decisions).hasSize(3);
        assertThat(decisions.get(0)).containsEntry("decision_id", first.id().value()).containsEntry("decision", "allow")
                .containsEntry("grant_id", g.id().value());
        assertThat(decisions.get(1)).containsEntry("decision_id", second.id().value()).containsEntry("grant_id", g.id().value());
        assertThat(decisions.get(2)).containsEntry("decision", "approval_required").doesNotContainKey("grant_id");
        assertThat(outside).isInstanceOf(Decision.ApprovalRequired.class);
        Map<String, Object> created = entry(f.records("grant.created").getFirst());
        assertThat(created).containsEntry("actor", "operator:fiona");
        assertThat(f.warden.grants().require(g.id()).uses()).isEqualTo(2);
    }

    @Test
    void attack_usedBeyondItsCount_eleventhCallOpensAnApproval() {
        grant("payer", REFUND, List.of(UNDER_50), OptionalLong.of(10), Duration.ofHours(2));
        for (int i = 0; i < 10; i++) {
            assertThat(f.decide(payer, REFUND, refund(5L))).as("call %d", i + 1).isInstanceOf(Decision.Allow.class);
        }

        Decision eleventh = f.decide(payer, REFUND, refund(5L));

        assertThat(eleventh).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(codes(eleventh)).doesNotContain("grant_used");
        assertThat(f.warden.approvals().list(Optional.of(ApprovalState.PENDING), 10)).hasSize(1);
    }

    @Test
    void attack_usedAfterItsTime_opensAnApproval() {
        grant("payer", REFUND, List.of(), OptionalLong.empty(), Duration.ofHours(2));
        f.clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(f.decide(payer, REFUND, refund(5L))).isInstanceOf(Decision.Allow.class);

        f.clock.advance(Duration.ofSeconds(1));

        assertThat(f.decide(payer, REFUND, refund(5L))).isInstanceOf(Decision.ApprovalRequired.class);
    }

    @Test
    void attack_usedAfterRevoke_opensAnApproval() {
        Grant g = grant("payer", REFUND, List.of(), OptionalLong.empty(), Duration.ofHours(2));
        assertThat(f.decide(payer, REFUND, refund(5L))).isInstanceOf(Decision.Allow.class);

        Grant revoked = f.warden.grants().revoke(g.id(), FINANCE, Optional.of("outage over"));

        assertThat(revoked.stateAt(f.clock.instant())).isEqualTo(GrantState.REVOKED);
        assertThat(revoked.revokedBy()).contains("operator:fiona");
        assertThat(f.decide(payer, REFUND, refund(5L))).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(entry(f.records("grant.revoked").getFirst())).containsEntry("grant_id", g.id().value())
                .containsEntry("actor", "operator:fiona").containsEntry("note", "outage over");
        assertThatThrownBy(() -> f.warden.grants().revoke(g.id(), FINANCE, Optional.empty()))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.GRANT_REVOKED));
    }

    @Test
    void attack_otherAgentToolSessionOrResource_opensAnApproval() {
        Caller other = f.register("other", MaturityLevel.PRINCIPAL);
        f.policies.permitWithApproval(UPDATE, "p-update-approval");
        grant("payer", REFUND, Optional.of("order-1"), Optional.of("sess-payer"), List.of(), OptionalLong.empty(),
                Duration.ofHours(2));
        var inResource = new DecisionRequest(payer, REFUND, Optional.of("order-1"), refund(5L), Optional.empty(), Optional.empty());
        assertThat(f.warden.decisions().decide(inResource)).isInstanceOf(Decision.Allow.class);

        Decision otherAgent = f.warden.decisions().decide(new DecisionRequest(other, REFUND, Optional.of("order-1"),
                refund(5L), Optional.empty(), Optional.empty()));
        Decision otherTool = f.warden.decisions().decide(new DecisionRequest(payer, UPDATE, Optional.of("order-1"),
                Map.of("sku", "s", "qty", 1L), Optional.empty(), Optional.empty()));
        Decision otherResource = f.warden.decisions().decide(new DecisionRequest(payer, REFUND, Optional.of("order-2"),
                refund(5L), Optional.empty(), Optional.empty()));
        Decision otherSession = f.warden.decisions().decide(new DecisionRequest(new Caller("payer", "sess-2", 0), REFUND,
                Optional.of("order-1"), refund(5L), Optional.empty(), Optional.empty()));

        assertThat(List.of(otherAgent, otherTool, otherResource, otherSession))
                .allSatisfy(d -> assertThat(d).isInstanceOf(Decision.ApprovalRequired.class));
    }

    @Test
    void attack_argumentsOutsideTheConstraintMissingOrOfTheWrongType_openAnApproval() {
        grant("payer", REFUND, List.of(UNDER_50, new ArgCondition("order_id", ArgCondition.Op.IN, List.of("o-1", "o-2"))),
                OptionalLong.empty(), Duration.ofHours(2));
        assertThat(f.decide(payer, REFUND, Map.of("order_id", "o-2", "amount", 49L))).isInstanceOf(Decision.Allow.class);

        List<Decision> refused = List.of(
                f.decide(payer, REFUND, refund(60L)),
                f.decide(payer, REFUND, refund(50L)),
                f.decide(payer, REFUND, refund(new BigDecimal("50.0001"))),
                f.decide(payer, REFUND, Map.of("order_id", "o-3", "amount", 5L)),
                f.decide(payer, REFUND, Map.of("order_id", "o-1")), // amount missing
                f.decide(payer, REFUND, Map.of("order_id", "o-1", "amount", "5"))); // a string is no number

        assertThat(refused).allSatisfy(d -> assertThat(d).isNotInstanceOf(Decision.Allow.class));
        assertThat(f.records("decision").stream().map(GrantFlowTest::entry).filter(e -> e.containsKey("grant_id"))).hasSize(1);
    }

    @Test
    void attack_concurrentCallsRacingForTheLastUse_exactlyOneIsAllowed() throws Exception {
        Grant g = grant("payer", REFUND, List.of(), OptionalLong.of(3), Duration.ofHours(2));
        assertThat(f.decide(payer, REFUND, refund(1L))).isInstanceOf(Decision.Allow.class);
        assertThat(f.decide(payer, REFUND, refund(1L))).isInstanceOf(Decision.Allow.class);
        int racers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Decision>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return f.decide(payer, REFUND, refund(1L));
                }));
            }
            start.countDown();
            List<Decision> results = new ArrayList<>();
            for (Future<Decision> fu : futures) {
                results.add(fu.get());
            }

            assertThat(results.stream().filter(Decision.Allow.class::isInstance)).hasSize(1);
            assertThat(results.stream().filter(Decision.ApprovalRequired.class::isInstance)).hasSize(racers - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.warden.grants().require(g.id()).uses()).isEqualTo(3);
        assertThat(f.records("decision").stream().map(GrantFlowTest::entry).filter(e -> e.containsKey("grant_id"))).hasSize(3);
    }

    @Test
    void attack_grantNeverLiftsAForbidPolicy() {
        grant("payer", REFUND, List.of(), OptionalLong.empty(), Duration.ofHours(2));
        f.policies.forbid(REFUND, "f-freeze");

        Decision d = f.decide(payer, REFUND, refund(5L));

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("forbid_policy");
    }

    @Test
    void attack_grantNeverLiftsTheInternCeiling() {
        Caller intern = f.register("intern", MaturityLevel.INTERN);
        f.warden.grants().create(OperatorPrincipal.bootstrap(), new GrantRequest("intern", REFUND, Optional.empty(),
                Optional.empty(), List.of(), OptionalLong.empty(), Duration.ofHours(1), "try"), SOD);

        Decision d = f.decide(intern, REFUND, refund(5L));

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(f.warden.grants().list(Optional.of("intern"), false, 10).getFirst().uses()).isZero();
    }

    @Test
    void juniorsApprovalObligation_isWhatAGrantStandsIn() {
        Caller junior = f.register("junior", MaturityLevel.JUNIOR);
        f.policies.permit(UPDATE, "p-update");
        assertThat(f.decide(junior, UPDATE, Map.of("sku", "s", "qty", 1L))).isInstanceOf(Decision.ApprovalRequired.class);
        f.warden.grants().create(OperatorPrincipal.bootstrap(), new GrantRequest("junior", "inventory.*", Optional.empty(),
                Optional.empty(), List.of(), OptionalLong.of(1), Duration.ofHours(1), "restock"), SOD);

        assertThat(f.decide(junior, UPDATE, Map.of("sku", "s", "qty", 1L))).isInstanceOf(Decision.Allow.class);
        assertThat(f.decide(junior, UPDATE, Map.of("sku", "s", "qty", 1L))).isInstanceOf(Decision.ApprovalRequired.class);
    }

    @Test
    void callWithoutApprovalObligation_leavesTheGrantUnused() {
        f.policies.permit(READ, "p-read");
        Grant g = f.warden.grants().create(OperatorPrincipal.bootstrap(), new GrantRequest("payer", "inventory.*",
                Optional.empty(), Optional.empty(), List.of(), OptionalLong.of(5), Duration.ofHours(1), "x"), SOD);

        assertThat(f.decide(payer, READ, Map.of("sku", "s"))).isInstanceOf(Decision.Allow.class);

        assertThat(f.warden.grants().require(g.id()).uses()).isZero();
    }

    @Test
    void policiesSeeTheActiveGrantsCoveringTheTool() {
        List<Object> seen = new ArrayList<>();
        f.policies.rule(REFUND, q -> {
            seen.add(q.context().getOrDefault("grants", "none"));
            return new PolicyVerdict.Permit(List.of("p"), List.of("p"));
        });
        f.decide(payer, REFUND, refund(5L));
        Grant g = grant("payer", REFUND, List.of(UNDER_50), OptionalLong.empty(), Duration.ofHours(1));
        f.decide(payer, REFUND, refund(5L));
        f.warden.grants().revoke(g.id(), FINANCE, Optional.empty());
        f.decide(payer, REFUND, refund(5L));

        assertThat(seen).containsExactly("none", List.of(g.id().value()), "none");
    }

    @Test
    void attack_auditorOrOutOfScopeApprover_cannotGrant() {
        OperatorPrincipal auditor = new OperatorPrincipal("audrey", List.of(RoleGrant.of(Role.AUDITOR)), "token");
        OperatorPrincipal inventory = new OperatorPrincipal("ivan", List.of(RoleGrant.parse("approver@shop:inventory.*")), "token");
        OperatorPrincipal otherProject = new OperatorPrincipal("lara", List.of(RoleGrant.parse("approver@lab")), "token");
        OperatorPrincipal narrow = new OperatorPrincipal("nora", List.of(RoleGrant.parse("approver@shop:payments.refund")), "token");

        for (OperatorPrincipal p : List.of(auditor, inventory, otherProject)) {
            assertThatThrownBy(() -> f.warden.grants().create(p, new GrantRequest("payer", REFUND, Optional.empty(),
                    Optional.empty(), List.of(), OptionalLong.empty(), Duration.ofHours(1), "x"), SOD))
                    .as(p.name()).isInstanceOfSatisfying(WardenException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN_ROLE));
        }
        // a scope of one tool does not cover a pattern wider than it
        assertThatThrownBy(() -> f.warden.grants().create(narrow, new GrantRequest("payer", "payments.*", Optional.empty(),
                Optional.empty(), List.of(), OptionalLong.empty(), Duration.ofHours(1), "x"), SOD))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN_ROLE));
        assertThat(f.records("grant.created")).isEmpty();
        assertThat(f.warden.grants().list(Optional.empty(), false, 10)).isEmpty();
    }

    @Test
    void attack_ownerGrantingForTheirOwnAgent_refusedWhereTheProjectForbidsIt() {
        OperatorPrincipal owner = new OperatorPrincipal("alice@example.com",
                List.of(RoleGrant.parse("approver@shop"), RoleGrant.of(Role.OWNER)), "token");

        assertThatThrownBy(() -> f.warden.grants().create(owner, new GrantRequest("payer", REFUND, Optional.empty(),
                Optional.empty(), List.of(), OptionalLong.empty(), Duration.ofHours(1), "mine"), SOD))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOD_OWN_AGENT));
        SeparationOfDuties allowed = new SeparationOfDuties(true, Map.of("shop", false), SOD.twoPersonRisk());
        assertThat(f.warden.grants().create(owner, new GrantRequest("payer", REFUND, Optional.empty(), Optional.empty(),
                List.of(), OptionalLong.empty(), Duration.ofHours(1), "mine"), allowed).agent()).isEqualTo("payer");
    }

    @Test
    void attack_approverGrantingATwoPersonTool_refusedButAnAdminMay() {
        OperatorPrincipal broad = new OperatorPrincipal("bob", List.of(RoleGrant.parse("approver@shop")), "token");

        assertThatThrownBy(() -> f.warden.grants().create(broad, new GrantRequest("payer", DROP, Optional.empty(),
                Optional.empty(), List.of(), OptionalLong.empty(), Duration.ofHours(1), "x"), SOD))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN_ROLE));
        assertThatThrownBy(() -> f.warden.grants().create(broad, new GrantRequest("payer", "db.*", Optional.empty(),
                Optional.empty(), List.of(), OptionalLong.empty(), Duration.ofHours(1), "x"), SOD))
                .isInstanceOf(WardenException.class);
        assertThat(f.warden.grants().create(OperatorPrincipal.bootstrap(), new GrantRequest("payer", DROP, Optional.empty(),
                Optional.empty(), List.of(), OptionalLong.of(1), Duration.ofHours(1), "x"), SOD).tool()).isEqualTo(DROP);
    }

    @Test
    void invalidRequests_nameTheField() {
        assertThatThrownBy(() -> new GrantRequest("payer", REFUND, Optional.empty(), Optional.empty(), List.of(),
                OptionalLong.empty(), Duration.ofDays(8), "x")).hasMessageContaining("expires_in");
        assertThatThrownBy(() -> new GrantRequest("payer", REFUND, Optional.empty(), Optional.empty(), List.of(),
                OptionalLong.of(0), Duration.ofHours(1), "x")).hasMessageContaining("max_uses");
        assertThatThrownBy(() -> new GrantRequest("payer", "pay*ments", Optional.empty(), Optional.empty(), List.of(),
                OptionalLong.empty(), Duration.ofHours(1), "x")).hasMessageContaining("tool");
        assertThatThrownBy(() -> new GrantRequest("payer", REFUND, Optional.empty(), Optional.empty(), List.of(),
                OptionalLong.empty(), Duration.ofHours(1), " ")).hasMessageContaining("reason");
        assertThatThrownBy(() -> f.warden.grants().create(FINANCE, new GrantRequest("payer", "payments.nothing",
                Optional.empty(), Optional.empty(), List.of(), OptionalLong.empty(), Duration.ofHours(1), "x"), SOD))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void killingTheAgent_revokesItsGrants() {
        Grant g = grant("payer", REFUND, List.of(), OptionalLong.empty(), Duration.ofHours(2));

        f.warden.agents().kill("payer", WardenFixture.OPERATOR, "compromised");

        assertThat(f.warden.grants().require(g.id()).stateAt(f.clock.instant())).isEqualTo(GrantState.REVOKED);
        assertThat(f.warden.grants().list(Optional.of("payer"), true, 10)).isEmpty();
    }
}
