package dev.warden.decision;

import static dev.warden.testing.Fixtures.EMAIL;
import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.Fixtures.UPDATE;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static dev.warden.testing.WardenFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalId;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditStore;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.RuleTablePolicyEngine;
import dev.warden.json.JsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guards added through {@link Warden.Builder#guard}: where they run and what they can do. */
class AddedGuardsTest {
    private static final Map<String, Object> SKU = Map.of("sku", "A-1");

    private final RuleTablePolicyEngine policies = new RuleTablePolicyEngine();
    private final AuditStore audit = new InMemoryAuditStore();
    private final List<PolicyQuery> asked = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private Warden warden;

    @AfterEach
    void close() {
        if (warden != null) {
            warden.close();
        }
    }

    private Caller start(MaturityLevel level, Guard... guards) {
        Warden.Builder b = Warden.builder().catalog(Fixtures.catalog()).projects(Fixtures.projects())
                .policyEngine(policies).clock(new MutableClock()).random(new Random(7))
                .stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), audit);
        for (Guard g : guards) {
            b.guard(g);
        }
        warden = b.build();
        warden.agents().register(Fixtures.registration("bot", Optional.of(level), Fixtures.CAPABILITIES), OPERATOR);
        return new Caller("bot", "sess-bot", 0);
    }

    private void permit(String tool, List<String> ids, List<String> approvalIds) {
        policies.rule(tool, q -> {
            asked.add(q);
            return new PolicyVerdict.Permit(ids, approvalIds);
        });
    }

    private Decision decide(Caller c, String tool, Map<String, Object> args) {
        return warden.decisions().decide(DecisionRequest.of(c, tool, args));
    }

    private Map<String, Object> lastEntry() {
        return JsonReader.parseObject(audit.read(new AuditQuery(0, 1000, Optional.empty(), Optional.empty())).getLast().entry());
    }

    private Guard named(String name) {
        return d -> {
            ran.add(name);
            return Guard.Verdict.PASS;
        };
    }

    @Test
    void addedGuard_denies_beforeThePolicyIsAsked_andTheDenyIsRecordedWithTheLevel() {
        permit(READ, List.of("p-read"), List.of());
        Reason tooMany = Reason.of("limits", "rate_limited", "60 calls a minute at most");
        Caller c = start(MaturityLevel.SENIOR, d -> Guard.Verdict.deny(tooMany));

        Decision d = decide(c, READ, SKU);

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(d.reasons()).containsExactly(tooMany);
        assertThat(asked).isEmpty();
        assertThat(lastEntry()).containsEntry("decision", "deny").containsEntry("level", "senior")
                .containsEntry("reasons", List.of(tooMany.wire()));
    }

    @Test
    void addedGuard_contextEntry_reachesThePolicyEngine_andLaterGuardsSeeIt() {
        permit(READ, List.of("p-read"), List.of());
        List<Object> seenByLater = new ArrayList<>();
        Caller c = start(MaturityLevel.SENIOR,
                d -> {
                    d.put("limits", Map.of("calls_this_minute", 3L));
                    return Guard.Verdict.PASS;
                },
                d -> {
                    seenByLater.add(d.entries().get("limits"));
                    return Guard.Verdict.PASS;
                });

        assertThat(decide(c, READ, SKU)).isInstanceOf(Decision.Allow.class);

        assertThat(seenByLater).containsExactly(Map.of("calls_this_minute", 3L));
        assertThat(asked).singleElement().extracting(PolicyQuery::context)
                .isEqualTo(Map.of("limits", Map.of("calls_this_minute", 3L)));
    }

    @Test
    void addedGuards_runInTheOrderAdded_afterTheMaturityCeiling() {
        permit(READ, List.of("p-read"), List.of());
        permit(UPDATE, List.of("p-update"), List.of());
        Caller c = start(MaturityLevel.INTERN, named("first"), named("second"));

        decide(c, READ, SKU);
        Decision aboveTheCeiling = decide(c, UPDATE, Map.of("sku", "A-1", "qty", 1L));

        assertThat(ran).containsExactly("first", "second");
        assertThat(codes(aboveTheCeiling)).containsExactly("maturity_ceiling");
    }

    @Test
    void addedGuard_reasonObligationAndApproval_areCombinedWithThePolicys() {
        permit(REFUND, List.of("p-refund"), List.of());
        Reason labelled = Reason.of("data", "pii_read", "the session has read pii");
        Caller c = start(MaturityLevel.PRINCIPAL, d -> {
            d.requireApproval(labelled);
            d.oblige("notify_dpo");
            return Guard.Verdict.PASS;
        });
        Map<String, Object> args = Map.of("order_id", "o-1", "amount", 5L);

        Decision asking = decide(c, REFUND, args);

        assertThat(asking).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(codes(asking)).containsExactly("permit_policy", "pii_read");
        ApprovalId id = ((Decision.ApprovalRequired) asking).approvalId();
        assertThat(lastEntry()).containsEntry("approval_id", id.value()).doesNotContainKey("obligations");
        warden.approvals().approve(id, OPERATOR, Optional.empty());

        Decision redeemed = warden.decisions().decide(new DecisionRequest(c, REFUND, Optional.empty(), args,
                Optional.empty(), Optional.of(id)));

        assertThat(codes(redeemed)).containsExactly("permit_policy", "pii_read", "approval_redeemed");
        assertThat(((Decision.Allow) redeemed).obligations()).containsExactly("notify_dpo");
        assertThat(lastEntry()).containsEntry("approval_id", id.value()).containsEntry("obligations", List.of("notify_dpo"));
    }

    @Test
    void addedGuard_thatThrowsOrAnswersNull_deniesAndNeverAllows() {
        permit(READ, List.of("p-read"), List.of());
        permit(EMAIL, List.of("p-email"), List.of());
        Caller c = start(MaturityLevel.PRINCIPAL, d -> {
            if (d.tool().name().equals(EMAIL)) {
                throw new IllegalStateException("limit store down");
            }
            return null;
        });

        Decision thrown = decide(c, EMAIL, Map.of("to", "x"));
        Decision nothing = decide(c, READ, SKU);

        assertThat(thrown).isInstanceOf(Decision.Deny.class);
        assertThat(codes(thrown)).containsExactly("evaluation_error");
        assertThat(nothing).isInstanceOf(Decision.Deny.class);
        assertThat(codes(nothing)).containsExactly("evaluation_error");
        assertThat(asked).isEmpty();
    }

    @Test
    void onSettled_seesTheFinalDecision_anAllow_orTheDenyOfALaterGuard_orOfAFailingGuard() {
        permit(READ, List.of("p-read"), List.of());
        List<String> settled = new ArrayList<>();
        Guard reserving = d -> {
            d.onSettled(decision -> settled.add(decision.wire() + ":" + decision.id().value().equals(d.id().value())));
            return Guard.Verdict.PASS;
        };
        boolean[] refuse = {false, false};
        Guard later = d -> {
            if (refuse[1]) {
                throw new IllegalStateException("broken guard");
            }
            return refuse[0] ? Guard.Verdict.deny(Reason.of("later", "no", "no")) : Guard.Verdict.PASS;
        };
        Caller c = start(MaturityLevel.SENIOR, reserving, later);

        decide(c, READ, SKU);
        refuse[0] = true;
        decide(c, READ, SKU);
        refuse[1] = true;
        decide(c, READ, SKU);

        assertThat(settled).containsExactly("allow:true", "deny:true", "deny:true");
    }

    @Test
    void onSettled_aThrowingCallback_leavesTheDecisionAsItWas() {
        permit(READ, List.of("p-read"), List.of());
        Caller c = start(MaturityLevel.SENIOR, d -> {
            d.onSettled(decision -> {
                throw new IllegalStateException("callback broke");
            });
            return Guard.Verdict.PASS;
        });

        assertThat(decide(c, READ, SKU)).isInstanceOf(Decision.Allow.class);
    }
}
