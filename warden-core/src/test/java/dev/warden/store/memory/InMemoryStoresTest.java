package dev.warden.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalState;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryStoresTest {
    private static final Instant T0 = MutableClock.START;

    private static Approval approval(String hex, Instant createdAt) {
        return new Approval(new ApprovalId("apr_" + hex.repeat(32 / hex.length())), "payer", "s", "dec_" + "0".repeat(32),
                "payments.refund", "payments.refund", Map.of("amount", 1L), "f".repeat(64), List.of("p"), "", ApprovalState.PENDING,
                createdAt, createdAt.plus(Duration.ofHours(1)), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static AuditRecord record(long seq, String kind, String agent, String decisionId) {
        return new AuditRecord(seq, T0, kind, agent, null, decisionId, null, "{}", "0".repeat(64), "0".repeat(64));
    }

    @Test
    void approvalTransition_fromWrongState_returnsFalseAndChangesNothing() {
        InMemoryApprovalStore store = new InMemoryApprovalStore();
        Approval a = approval("a", T0);
        store.insert(a);

        boolean moved = store.transition(a.id(), ApprovalState.APPROVED, ApprovalState.USED, null, T0, null);

        assertThat(moved).isFalse();
        assertThat(store.find(a.id())).contains(a);
    }

    @Test
    void approvalTransition_humanDecisionRecordedMachineTransitionKeepsIt() {
        InMemoryApprovalStore store = new InMemoryApprovalStore();
        Approval a = approval("b", T0);
        store.insert(a);

        assertThat(store.transition(a.id(), ApprovalState.PENDING, ApprovalState.APPROVED, "operator:olivia",
                T0.plusSeconds(5), "fine")).isTrue();
        assertThat(store.transition(a.id(), ApprovalState.APPROVED, ApprovalState.USED, null, T0.plusSeconds(9), null))
                .isTrue();

        Approval used = store.find(a.id()).orElseThrow();
        assertThat(used.state()).isEqualTo(ApprovalState.USED);
        assertThat(used.decidedBy()).contains("operator:olivia");
        assertThat(used.decidedAt()).contains(T0.plusSeconds(5));
        assertThat(used.note()).contains("fine");
    }

    @Test
    void approvalTransition_unknownId_false() {
        assertThat(new InMemoryApprovalStore().transition(new ApprovalId("apr_" + "c".repeat(32)), ApprovalState.PENDING,
                ApprovalState.APPROVED, "x", T0, null)).isFalse();
    }

    @Test
    void approvalTransition_concurrent_exactlyOneWins() throws Exception {
        InMemoryApprovalStore store = new InMemoryApprovalStore();
        Approval a = approval("d", T0);
        store.insert(a);
        store.transition(a.id(), ApprovalState.PENDING, ApprovalState.APPROVED, "operator:o", T0, null);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (store.transition(a.id(), ApprovalState.APPROVED, ApprovalState.USED, null, T0, null)) {
                    wins.incrementAndGet();
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(wins.get()).isEqualTo(1);
    }

    @Test
    void approvalList_filtersByStoredStateNewestFirstWithLimit() {
        InMemoryApprovalStore store = new InMemoryApprovalStore();
        Approval old = approval("1", T0);
        Approval mid = approval("2", T0.plusSeconds(1));
        Approval recent = approval("3", T0.plusSeconds(2));
        store.insert(old);
        store.insert(recent);
        store.insert(mid);
        store.transition(mid.id(), ApprovalState.PENDING, ApprovalState.DENIED, "operator:o", T0, null);

        assertThat(store.list(Optional.empty(), 10)).extracting(Approval::id)
                .containsExactly(recent.id(), mid.id(), old.id());
        assertThat(store.list(Optional.of(ApprovalState.PENDING), 10)).extracting(Approval::id)
                .containsExactly(recent.id(), old.id());
        assertThat(store.list(Optional.empty(), 1)).extracting(Approval::id).containsExactly(recent.id());
    }

    @Test
    void auditAppend_outOfSequence_rejectedStoreUnavailable() {
        InMemoryAuditStore store = new InMemoryAuditStore();
        store.append(List.of(record(1, "x", null, null), record(2, "x", null, null)));

        assertThatThrownBy(() -> store.append(List.of(record(4, "x", null, null))))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThatThrownBy(() -> store.append(List.of(record(3, "x", null, null), record(3, "x", null, null))))
                .isInstanceOf(WardenException.class);
        assertThat(store.head()).isEqualTo(new AuditHead(2, "0".repeat(64)));
    }

    @Test
    void auditRead_pagesAndFilters() {
        InMemoryAuditStore store = new InMemoryAuditStore();
        assertThat(store.head()).isEqualTo(AuditHead.EMPTY);
        store.append(List.of(
                record(1, "decision", "a", "dec_1"),
                record(2, "decision", "b", "dec_2"),
                record(3, "outcome", "a", "dec_1"),
                record(4, "decision", "a", "dec_3")));

        assertThat(store.read(new AuditQuery(1, 2, Optional.empty(), Optional.empty())))
                .extracting(AuditRecord::seq).containsExactly(2L, 3L);
        assertThat(store.read(new AuditQuery(0, 10, Optional.of("a"), Optional.of("decision"))))
                .extracting(AuditRecord::seq).containsExactly(1L, 4L);
        assertThat(store.read(new AuditQuery(4, 10, Optional.empty(), Optional.empty()))).isEmpty();
        assertThat(store.read(new AuditQuery(99, 10, Optional.empty(), Optional.empty()))).isEmpty();
        assertThat(store.read(new AuditQuery(0, 2, Optional.empty(), Optional.empty(), AuditQuery.NO_UPPER_BOUND, true)))
                .extracting(AuditRecord::seq).containsExactly(4L, 3L);
        assertThat(store.read(new AuditQuery(0, 10, Optional.of("a"), Optional.of("decision"), 4, true)))
                .extracting(AuditRecord::seq).containsExactly(1L);
        assertThat(store.read(new AuditQuery(1, 10, Optional.empty(), Optional.empty(), 4, false)))
                .extracting(AuditRecord::seq).containsExactly(2L, 3L);
        assertThat(store.read(new AuditQuery(3, 10, Optional.empty(), Optional.empty(), 2, true))).isEmpty();
        assertThat(store.findDecision("dec_1")).map(AuditRecord::seq).contains(1L);
        assertThat(store.findDecision("dec_9")).isEmpty();
        assertThat(store.hasOutcome("dec_1")).isTrue();
        assertThat(store.hasOutcome("dec_2")).isFalse();
    }

    @Test
    void auditQuery_boundsChecked() {
        assertThatThrownBy(() -> new AuditQuery(-1, 10, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> new AuditQuery(0, 0, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new AuditQuery(0, 1001, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new AuditQuery(0, 10, Optional.empty(), Optional.empty(), 0, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
    }

    @Test
    void agentStore_insertOnceUpdateExistingOnly() {
        InMemoryAgentStore store = new InMemoryAgentStore();
        Agent a = new Agent(new AgentId("warden.local", "bot"), "o", "p", List.of("inventory.read"), "1", "d", "shop",
                "prod", MaturityLevel.INTERN, AgentStatus.ACTIVE, List.of(Fixtures.key("k1")), 0, T0);
        Agent ghost = new Agent(new AgentId("warden.local", "ghost"), "o", "p", List.of("inventory.read"), "1", "d",
                "shop", "prod", MaturityLevel.INTERN, AgentStatus.ACTIVE, List.of(Fixtures.key("k1")), 0, T0);

        assertThat(store.insert(a)).isTrue();
        assertThat(store.insert(a.withLevel(MaturityLevel.PRINCIPAL, a.createdAt()))).isFalse();
        assertThat(store.find("bot")).contains(a);
        store.update(a.withStatus(AgentStatus.KILLED, 1));
        assertThat(store.find("bot").orElseThrow().tokenEpoch()).isEqualTo(1);
        assertThatThrownBy(() -> store.update(ghost))
                .isInstanceOfSatisfying(WardenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
    }
}
