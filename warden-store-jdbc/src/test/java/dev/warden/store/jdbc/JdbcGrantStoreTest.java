package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Actor;
import dev.warden.Warden;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.MaturityLevel;
import dev.warden.agent.Projects;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.grant.ArgCondition;
import dev.warden.grant.Grant;
import dev.warden.grant.GrantId;
import dev.warden.grant.GrantRequest;
import dev.warden.grant.GrantStore;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.SeparationOfDuties;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcGrantStoreTest {
    private static final String REFUND = "payments.refund";
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @TempDir
    Path dir;
    JdbcStores stores;
    GrantStore grants;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void open() {
        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        grants = stores.grants();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        stores.close();
    }

    private static Grant grant(int n, OptionalLong maxUses) {
        return new Grant(new GrantId("grt_" + String.format("%032x", n)), "payer", "payments.*", Optional.of("order-1"),
                Optional.empty(), List.of(new ArgCondition("amount", ArgCondition.Op.LT, new BigDecimal("49.99")),
                new ArgCondition("customer.id", ArgCondition.Op.IN, List.of("c-1", "c-2"))), maxUses, 0,
                "operator:fiona", T0, T0.plus(Duration.ofHours(2)), Optional.empty(), Optional.empty(), "outage");
    }

    @Test
    void insertThenFind_roundTripsEveryField() {
        Grant g = grant(1, OptionalLong.of(10));
        Grant unlimited = grant(2, OptionalLong.empty());

        grants.insert(g);
        grants.insert(unlimited);

        assertThat(grants.find(g.id())).contains(g);
        assertThat(grants.find(unlimited.id())).contains(unlimited);
        assertThat(grants.listOfAgent("payer")).containsExactly(g, unlimited);
        assertThat(grants.list(1)).containsExactly(unlimited);
        assertThat(grants.listOfAgent("other")).isEmpty();
    }

    @Test
    void use_countsUpToTheMaximumAndNoFurther() {
        Grant g = grant(1, OptionalLong.of(2));
        grants.insert(g);

        assertThat(grants.use(g.id())).isTrue();
        assertThat(grants.use(g.id())).isTrue();
        assertThat(grants.use(g.id())).isFalse();
        assertThat(grants.find(g.id()).orElseThrow().uses()).isEqualTo(2);
        assertThat(grants.unuse(g.id())).isTrue();
        assertThat(grants.find(g.id()).orElseThrow().uses()).isEqualTo(1);
    }

    @Test
    void revoked_isNeverUsedAndLeavesTheGrantsInForce() {
        Grant g = grant(1, OptionalLong.empty());
        grants.insert(g);

        assertThat(grants.revoke(g.id(), "operator:fiona", T0.plusSeconds(5))).isTrue();
        assertThat(grants.revoke(g.id(), "operator:other", T0.plusSeconds(6))).isFalse();

        Grant revoked = grants.find(g.id()).orElseThrow();
        assertThat(revoked.revokedAt()).contains(T0.plusSeconds(5));
        assertThat(revoked.revokedBy()).contains("operator:fiona");
        assertThat(grants.use(g.id())).isFalse();
        assertThat(grants.listUnexpired(T0)).isEmpty();
        assertThat(grants.unrevoke(g.id())).isTrue();
        assertThat(grants.listUnexpired(T0)).hasSize(1);
        assertThat(grants.listUnexpired(T0.plus(Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void concurrentUses_ofTheLastUses_neverExceedTheMaximum() throws Exception {
        Grant g = grant(1, OptionalLong.of(5));
        grants.insert(g);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return grants.use(g.id());
                }));
            }
            start.countDown();
            int counted = 0;
            for (Future<Boolean> f : futures) {
                counted += f.get() ? 1 : 0;
            }
            assertThat(counted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(grants.find(g.id()).orElseThrow().uses()).isEqualTo(5);
    }

    /** Permits refunds, asking for an approval. */
    private static final class RefundsNeedApproval implements PolicyEngine {
        @Override
        public PolicyVerdict evaluate(PolicyQuery query) {
            return new PolicyVerdict.Permit(List.of("p-refund"), List.of("p-refund"));
        }

        @Override
        public List<String> policyIds() {
            return List.of("p-refund");
        }
    }

    private Warden warden() {
        Warden warden = wardenOnly();
        warden.agents().register(new AgentRegistration("payer", "alice@example.com", "refunds", List.of(REFUND), "1.0.0",
                "sha256:" + "ab".repeat(32), "shop", "prod", Optional.of(MaturityLevel.PRINCIPAL),
                List.of(Fixtures.key("k1", 1))), Actor.operator("olivia"));
        return warden;
    }

    private Warden wardenOnly() {
        Warden warden = Warden.builder()
                .stores(stores.agents(), stores.approvals(), stores.audit())
                .grantStore(stores.grants())
                .catalog(ToolCatalog.of(List.of(new Tool(REFUND, "refund", Set.of(EffectClass.WRITE, EffectClass.FINANCIAL),
                        RiskTier.HIGH, JsonSchema.anyObject(), Optional.empty()))))
                .projects(new Projects(Map.of("shop", Set.of("prod"))))
                .policyEngine(new RefundsNeedApproval())
                .build();
        opened.add(warden);
        return warden;
    }

    @Test
    void grantsInForce_surviveARestart_andKeepTheirCount() throws Exception {
        Warden first = warden();
        Grant g = grantVia(first, 2);
        assertThat(refund(first, 10)).isInstanceOf(Decision.Allow.class);
        first.close();

        Warden second = wardenOnly();

        assertThat(refund(second, 10)).isInstanceOf(Decision.Allow.class);
        assertThat(refund(second, 10)).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(stores.grants().find(g.id()).orElseThrow().uses()).isEqualTo(2);
    }

    private static Grant grantVia(Warden warden, long maxUses) {
        return warden.grants().create(OperatorPrincipal.bootstrap(), new GrantRequest("payer", REFUND, Optional.empty(),
                Optional.empty(), List.of(new ArgCondition("amount", ArgCondition.Op.LT, 50L)), OptionalLong.of(maxUses),
                Duration.ofHours(2), "outage"), SeparationOfDuties.DEFAULTS);
    }

    private static Decision refund(Warden warden, long amount) {
        return warden.decisions().decide(DecisionRequest.of(new Caller("payer", "s1", 0), REFUND,
                Map.of("order_id", "o-1", "amount", amount)));
    }

    @Test
    void decisionPoint_onSqlite_racingForTheLastUse_exactlyOneIsAllowed() throws Exception {
        Warden warden = warden();
        Grant g = grantVia(warden, 2);
        assertThat(refund(warden, 10)).isInstanceOf(Decision.Allow.class);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Decision> results = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Decision>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return refund(warden, 10);
                }));
            }
            start.countDown();
            for (Future<Decision> f : futures) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results.stream().filter(Decision.Allow.class::isInstance)).hasSize(1);
        assertThat(results.stream().filter(Decision.ApprovalRequired.class::isInstance)).hasSize(7);
        assertThat(stores.grants().find(g.id()).orElseThrow().uses()).isEqualTo(2);
        // the grant's use and the decision's record are one transaction: each counted use has its record
        assertThat(stores.audit().read(new dev.warden.audit.AuditQuery(0, 1000, Optional.empty(), Optional.of("decision")))
                .stream().filter(r -> r.entry().contains(g.id().value()))).hasSize(2);
    }

    @Test
    void decisionPoint_onSqlite_useWhoseRecordFails_isNotCounted() throws Exception {
        Warden warden = warden();
        Grant g = grantVia(warden, 1);
        sql("CREATE TRIGGER audit_down BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END");

        Decision failed = refund(warden, 10);

        assertThat(failed).isInstanceOf(Decision.Deny.class);
        assertThat(stores.grants().find(g.id()).orElseThrow().uses()).isZero();
        sql("DROP TRIGGER audit_down");
        assertThat(refund(warden, 10)).isInstanceOf(Decision.Allow.class);
        assertThat(stores.grants().find(g.id()).orElseThrow().uses()).isEqualTo(1);
        assertThat(refund(warden, 10)).isInstanceOf(Decision.ApprovalRequired.class);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stores.file()); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            st.execute(statement);
        }
    }
}
