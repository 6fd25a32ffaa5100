package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.Warden;
import dev.warden.WardenException;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalState;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Reason;
import dev.warden.agent.Projects;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No state change without its durable audit record, on SQLite: agents, approvals and audit entries
 * in one database file, where the audit insert fails for real (a trigger aborts it inside SQLite),
 * and with the audit entries in a second database that is closed under the decision point.
 */
class ChangeWithRecordJdbcTest {
    private static final String REFUND = "payments.refund";
    private static final Actor OPERATOR = Actor.operator("olivia");
    private static final Map<String, Object> ARGS = Map.of("order_id", "o-17", "amount", 40L);

    @TempDir
    Path dir;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    /** Permits every catalog tool, asking for an approval on refunds. */
    private static final class RefundsNeedApproval implements PolicyEngine {
        @Override
        public PolicyVerdict evaluate(PolicyQuery query) {
            String id = query.tool().name().equals(REFUND) ? "p-refund-approval" : "p-read";
            return new PolicyVerdict.Permit(List.of(id), query.tool().name().equals(REFUND) ? List.of(id) : List.of());
        }

        @Override
        public List<String> policyIds() {
            return List.of("p-refund-approval", "p-read");
        }
    }

    private JdbcStores open(String file) {
        JdbcStores stores = JdbcStores.openSqlite(dir.resolve(file));
        opened.add(stores);
        return stores;
    }

    private Warden warden(JdbcStores state, JdbcStores audit) {
        ToolCatalog catalog = ToolCatalog.of(List.of(
                new Tool(REFUND, "refund an order", Set.of(EffectClass.WRITE, EffectClass.FINANCIAL), RiskTier.HIGH,
                        JsonSchema.anyObject(), Optional.empty()),
                new Tool("orders.read", "read an order", Set.of(EffectClass.READ), RiskTier.LOW, JsonSchema.anyObject(),
                        Optional.empty())));
        Warden warden = Warden.builder()
                .stores(state.agents(), state.approvals(), audit.audit())
                .catalog(catalog)
                .projects(new Projects(Map.of("shop", Set.of("prod"))))
                .policyEngine(new RefundsNeedApproval())
                .build();
        opened.add(warden);
        return warden;
    }

    private static AgentRegistration registration(String name, MaturityLevel level) {
        return new AgentRegistration(name, "alice@example.com", "refunds double charges", List.of(REFUND, "orders.read"),
                "1.0.0", "sha256:" + "ab".repeat(32), "shop", "prod", Optional.of(level), List.of(Fixtures.key("k1", 1)));
    }

    /** Makes every insert into audit_entries fail inside SQLite, from another connection, until {@link #auditWorks}. */
    private void auditFails(JdbcStores stores) throws SQLException {
        sql(stores, "CREATE TRIGGER audit_down BEFORE INSERT ON audit_entries "
                + "BEGIN SELECT RAISE(ABORT, 'audit disk is full (test)'); END");
    }

    private void auditWorks(JdbcStores stores) throws SQLException {
        sql(stores, "DROP TRIGGER audit_down");
    }

    private static void sql(JdbcStores stores, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stores.file()); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            st.execute(statement);
        }
    }

    private static Decision decide(Warden warden, Caller caller, Optional<ApprovalId> approval) {
        return warden.decisions().decide(new DecisionRequest(caller, REFUND, Optional.empty(), ARGS, Optional.empty(), approval));
    }

    private static List<String> codes(Decision d) {
        return d.reasons().stream().map(Reason::code).toList();
    }

    private static void assertDeniedUnavailable(Decision d) {
        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(codes(d)).containsExactly("store_unavailable");
    }

    private static void assertStoreUnavailable(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    private static List<AuditRecord> records(JdbcStores stores, String kind) {
        return stores.audit().read(new AuditQuery(0, 1000, Optional.empty(), Optional.of(kind)));
    }

    private static ApprovalId ask(Warden warden, Caller caller) {
        return ((Decision.ApprovalRequired) decide(warden, caller, Optional.empty())).approvalId();
    }

    @Test
    void approvalRequired_auditInsertFails_noApprovalIsStored() throws Exception {
        JdbcStores stores = open("warden.db");
        Warden warden = warden(stores, stores);
        warden.agents().register(registration("payer", MaturityLevel.PRINCIPAL), OPERATOR);
        auditFails(stores);

        assertDeniedUnavailable(decide(warden, new Caller("payer", "s1", 0), Optional.empty()));

        assertThat(stores.approvals().list(Optional.empty(), 10)).isEmpty();
        auditWorks(stores);
        assertThat(decide(warden, new Caller("payer", "s1", 0), Optional.empty())).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(stores.approvals().list(Optional.of(ApprovalState.PENDING), 10)).hasSize(1);
    }

    @Test
    void redemption_auditInsertFails_approvalStaysApprovedInTheDatabase() throws Exception {
        JdbcStores stores = open("warden.db");
        Warden warden = warden(stores, stores);
        warden.agents().register(registration("payer", MaturityLevel.PRINCIPAL), OPERATOR);
        Caller payer = new Caller("payer", "s1", 0);
        ApprovalId id = ask(warden, payer);
        warden.approvals().approve(id, OPERATOR, Optional.empty());
        auditFails(stores);

        assertDeniedUnavailable(decide(warden, payer, Optional.of(id)));

        assertThat(stores.approvals().find(id).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);
        auditWorks(stores);
        assertThat(decide(warden, payer, Optional.of(id))).isInstanceOf(Decision.Allow.class);
        assertThat(stores.approvals().find(id).orElseThrow().state()).isEqualTo(ApprovalState.USED);
    }

    @Test
    void concurrentRedemptions_whileTheAuditInsertFails_neverUseTheApprovalUp_thenExactlyOneSucceeds() throws Exception {
        JdbcStores stores = open("warden.db");
        Warden warden = warden(stores, stores);
        warden.agents().register(registration("payer", MaturityLevel.PRINCIPAL), OPERATOR);
        Caller payer = new Caller("payer", "s1", 0);
        ApprovalId id = ask(warden, payer);
        warden.approvals().approve(id, OPERATOR, Optional.empty());
        auditFails(stores);

        List<Decision> failed = redeemConcurrently(warden, payer, id, 12);

        assertThat(failed).allSatisfy(ChangeWithRecordJdbcTest::assertDeniedUnavailable);
        assertThat(stores.approvals().find(id).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);

        auditWorks(stores);
        List<Decision> decisions = redeemConcurrently(warden, payer, id, 12);

        assertThat(decisions).filteredOn(d -> d instanceof Decision.Allow).hasSize(1);
        assertThat(decisions).filteredOn(d -> d instanceof Decision.Deny)
                .allSatisfy(d -> assertThat(codes(d)).containsExactly("approval_used")).hasSize(11);
        assertThat(records(stores, "decision")).filteredOn(r -> "allow".equals(r.decision())).hasSize(1);
        assertThat(stores.approvals().find(id).orElseThrow().state()).isEqualTo(ApprovalState.USED);
    }

    private static List<Decision> redeemConcurrently(Warden warden, Caller payer, ApprovalId id, int threads) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Decision>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return decide(warden, payer, Optional.of(id));
                }));
            }
            go.countDown();
            List<Decision> decisions = new ArrayList<>();
            for (Future<Decision> f : futures) {
                decisions.add(f.get(60, TimeUnit.SECONDS));
            }
            return decisions;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void approveAndDeny_auditInsertFails_approvalStaysPendingInTheDatabase() throws Exception {
        JdbcStores stores = open("warden.db");
        Warden warden = warden(stores, stores);
        warden.agents().register(registration("payer", MaturityLevel.PRINCIPAL), OPERATOR);
        ApprovalId id = ask(warden, new Caller("payer", "s1", 0));
        auditFails(stores);

        assertStoreUnavailable(() -> warden.approvals().approve(id, OPERATOR, Optional.of("fine")));
        assertStoreUnavailable(() -> warden.approvals().deny(id, OPERATOR, Optional.of("no")));

        assertThat(stores.approvals().find(id).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
        assertThat(stores.approvals().find(id).orElseThrow().decidedBy()).isEmpty();
        auditWorks(stores);
        assertThat(warden.approvals().approve(id, OPERATOR, Optional.empty()).state()).isEqualTo(ApprovalState.APPROVED);
    }

    @Test
    void register_auditInsertFails_noAgentIsStored_andTheNameStaysFree() throws Exception {
        JdbcStores stores = open("warden.db");
        Warden warden = warden(stores, stores);
        auditFails(stores);

        assertStoreUnavailable(() -> warden.agents().register(registration("payer", MaturityLevel.JUNIOR), OPERATOR));

        assertThat(stores.agents().find("payer")).isEmpty();
        assertThat(warden.agents().find("payer")).isEmpty();
        auditWorks(stores);
        assertThat(warden.agents().register(registration("payer", MaturityLevel.JUNIOR), OPERATOR).level())
                .isEqualTo(MaturityLevel.JUNIOR);
        assertThat(records(stores, "agent.registered")).hasSize(1);
    }

    @Test
    void auditInAnotherDatabase_closedUnderTheDecisionPoint_changesAreTakenBack() throws Exception {
        JdbcStores state = open("state.db");
        JdbcStores audit = open("audit.db");
        Warden warden = warden(state, audit);
        warden.agents().register(registration("payer", MaturityLevel.PRINCIPAL), OPERATOR);
        Caller payer = new Caller("payer", "s1", 0);
        ApprovalId granted = ask(warden, payer);
        warden.approvals().approve(granted, OPERATOR, Optional.empty());
        ApprovalId queued = ask(warden, new Caller("payer", "s2", 0));
        audit.close();

        assertDeniedUnavailable(decide(warden, new Caller("payer", "s3", 0), Optional.empty()));
        assertDeniedUnavailable(decide(warden, payer, Optional.of(granted)));
        assertStoreUnavailable(() -> warden.approvals().approve(queued, OPERATOR, Optional.empty()));
        assertStoreUnavailable(() -> warden.agents().register(registration("other", MaturityLevel.INTERN), OPERATOR));
        assertStoreUnavailable(() -> warden.agents().setLevel("payer", MaturityLevel.INTERN, OPERATOR, "demote"));

        assertThat(state.approvals().list(Optional.empty(), 10)).extracting(a -> a.id(), a -> a.state())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(granted, ApprovalState.APPROVED),
                        org.assertj.core.groups.Tuple.tuple(queued, ApprovalState.PENDING));
        assertThat(state.agents().find("other")).isEmpty();
        // fail closed: a demotion stays in force though it could not be recorded
        assertThat(state.agents().find("payer").orElseThrow().level()).isEqualTo(MaturityLevel.INTERN);
    }
}
