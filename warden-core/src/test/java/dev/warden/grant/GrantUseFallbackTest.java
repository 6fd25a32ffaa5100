package dev.warden.grant;

import static dev.warden.testing.Fixtures.REFUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalState;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.json.JsonReader;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.SeparationOfDuties;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.store.memory.InMemoryGrantStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.RuleTablePolicyEngine;
import dev.warden.testing.WardenFixture;
import dev.warden.audit.AuditQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A grant whose use can no longer be counted when the decision's record is written (another call
 * took the last use, or it was revoked, between the match and the record) never allows: the
 * decision opens the approval it would have opened without the grant.
 */
class GrantUseFallbackTest {

    /** A store whose compare-and-set of a use fails while {@code refuse} is set: the race lost. */
    private static final class RacedStore implements GrantStore {
        final InMemoryGrantStore inner = new InMemoryGrantStore();
        final AtomicBoolean refuse = new AtomicBoolean();

        @Override public void insert(Grant grant) { inner.insert(grant); }
        @Override public boolean remove(GrantId id) { return inner.remove(id); }
        @Override public Optional<Grant> find(GrantId id) { return inner.find(id); }
        @Override public List<Grant> listOfAgent(String agent) { return inner.listOfAgent(agent); }
        @Override public List<Grant> list(int limit) { return inner.list(limit); }
        @Override public List<Grant> listUnexpired(Instant now) { return inner.listUnexpired(now); }
        @Override public boolean use(GrantId id) { return !refuse.get() && inner.use(id); }
        @Override public boolean unuse(GrantId id) { return inner.unuse(id); }
        @Override public boolean revoke(GrantId id, String by, Instant at) { return inner.revoke(id, by, at); }
        @Override public boolean unrevoke(GrantId id) { return inner.unrevoke(id); }
    }

    @Test
    void attack_useNotCountable_opensTheApprovalInsteadOfAllowing() {
        RacedStore store = new RacedStore();
        InMemoryAuditStore audit = new InMemoryAuditStore();
        RuleTablePolicyEngine policies = new RuleTablePolicyEngine().permitWithApproval(REFUND, "p-refund");
        try (Warden warden = Warden.builder().stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), audit)
                .grantStore(store).catalog(Fixtures.catalog()).projects(Fixtures.projects()).policyEngine(policies)
                .clock(new MutableClock()).random(new Random(7)).build()) {
            warden.agents().register(Fixtures.registration("payer", Optional.of(MaturityLevel.PRINCIPAL),
                    Fixtures.CAPABILITIES), WardenFixture.OPERATOR);
            Grant g = warden.grants().create(OperatorPrincipal.bootstrap(), new GrantRequest("payer", REFUND,
                    Optional.empty(), Optional.empty(), List.of(), OptionalLong.of(5), Duration.ofHours(1), "x"),
                    SeparationOfDuties.DEFAULTS);
            store.refuse.set(true);

            Decision d = warden.decisions().decide(DecisionRequest.of(new Caller("payer", "s1", 0), REFUND,
                    Map.of("order_id", "o-1", "amount", 5L)));

            assertThat(d).isInstanceOf(Decision.ApprovalRequired.class);
            assertThat(d.reasons()).extracting(dev.warden.decision.Reason::code).doesNotContain("grant_used");
            assertThat(warden.approvals().require(((Decision.ApprovalRequired) d).approvalId()).state())
                    .isEqualTo(ApprovalState.PENDING);
            assertThat(store.find(g.id()).orElseThrow().uses()).isZero();
            var records = audit.read(new AuditQuery(0, 100, Optional.empty(), Optional.of("decision")));
            assertThat(records).singleElement().satisfies(r -> assertThat(JsonReader.parseObject(r.entry()))
                    .containsEntry("decision", "approval_required").doesNotContainKey("grant_id"));

            store.refuse.set(false);
            assertThat(warden.decisions().decide(DecisionRequest.of(new Caller("payer", "s1", 0), REFUND,
                    Map.of("order_id", "o-1", "amount", 5L)))).isInstanceOf(Decision.Allow.class);
        }
    }
}
