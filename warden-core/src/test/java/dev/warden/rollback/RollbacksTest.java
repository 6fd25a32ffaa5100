package dev.warden.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.Warden;
import dev.warden.WardenException;
import dev.warden.agent.MaturityLevel;
import dev.warden.alert.AlertQuery;
import dev.warden.catalog.Compensation;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.outcome.OutcomeReport;
import dev.warden.policy.PolicyVerdict;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.RuleTablePolicyEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rollback plans over an embedded Warden with in-memory stores. */
class RollbacksTest {
    private static final String REFUND = Fixtures.REFUND;
    private static final String UNREFUND = "payments.unrefund";
    private static final Actor OPERATOR = Actor.operator("olivia");

    private final MutableClock clock = new MutableClock();
    private final RuleTablePolicyEngine policies = new RuleTablePolicyEngine().permit(REFUND, "refunds")
            .rule(UNREFUND, q -> Boolean.TRUE.equals(q.context().get("compensation"))
                    ? new PolicyVerdict.Permit(List.of("unrefund-as-ordered"), List.of())
                    : new PolicyVerdict.NoPermit());
    private final Warden warden = Warden.builder().catalog(catalog()).projects(Fixtures.projects()).policyEngine(policies)
            .clock(clock).random(new Random(7)).policyCache(0).build();
    private final Caller bot;

    RollbacksTest() {
        warden.agents().register(Fixtures.registration("bot", Optional.of(MaturityLevel.PRINCIPAL), Fixtures.CAPABILITIES), OPERATOR);
        bot = new Caller("bot", "s-1", 0);
    }

    @AfterEach
    void close() {
        warden.close();
    }

    private static ToolCatalog catalog() {
        List<Tool> tools = new ArrayList<>();
        for (Tool t : Fixtures.catalog().tools()) {
            tools.add(t.name().equals(REFUND) ? new Tool(t.name(), t.description(), t.effects(), t.risk(), t.inputSchema(),
                    t.impactField(), Optional.of(new Compensation(UNREFUND, Map.of(
                            "order_id", new Compensation.FromArgument("order_id"),
                            "amount", new Compensation.FromArgument("amount"))))) : t);
        }
        tools.add(new Tool(UNREFUND, "take a refund back", java.util.Set.of(EffectClass.WRITE, EffectClass.FINANCIAL),
                RiskTier.HIGH, JsonSchema.of(Map.of("type", "object", "properties", Map.of(
                "order_id", Map.of("type", "string"), "amount", Map.of("type", "number")),
                "required", List.of("order_id", "amount"))), Optional.empty()));
        return ToolCatalog.of(tools);
    }

    private String refund(String order) {
        Decision d = warden.decisions().decide(DecisionRequest.of(bot, REFUND, Map.of("order_id", order, "amount", 5L)));
        assertThat(d).isInstanceOf(Decision.Allow.class);
        warden.outcomes().record(bot, d.id(), new OutcomeReport("completed", Optional.empty(), Optional.empty()));
        return d.id().value();
    }

    @Test
    void plan_ofMoreActionsThanAPlanHolds_listsTheNewest_saysSo_andUntilReachesTheRest() {
        String oldest = refund("o-0");
        clock.advance(Duration.ofSeconds(1));
        Instant afterOldest = clock.instant();
        List<String> newer = new ArrayList<>();
        for (int i = 1; i <= Rollbacks.MAX_ITEMS; i++) {
            newer.add(refund("o-" + i));
        }
        clock.advance(Duration.ofSeconds(1));

        RollbackPlan plan = warden.rollbacks().plan("bot", clock.instant().minus(Duration.ofHours(1)), Optional.empty(), OPERATOR);

        assertThat(plan.items()).hasSize(Rollbacks.MAX_ITEMS);
        assertThat(plan.truncated()).isTrue();
        assertThat(plan.items().getFirst().decisionId()).isEqualTo(newer.getLast());
        assertThat(plan.items()).noneMatch(i -> i.decisionId().equals(oldest));
        assertThat(plan.coveredSince()).isEqualTo(afterOldest);
        RollbackPlan rest = warden.rollbacks().plan("bot", clock.instant().minus(Duration.ofHours(1)),
                Optional.of(afterOldest.minusNanos(1)), OPERATOR);
        assertThat(rest.truncated()).isFalse();
        assertThat(rest.items()).extracting(RollbackItem::decisionId).containsExactly(oldest);
    }

    @Test
    void run_quarantinedAgent_compensationWithoutTheCapability_allowedOnlyAsOrdered() throws Exception {
        String refunded = refund("o-1");
        Map<String, Object> back = Map.of("order_id", "o-1", "amount", 5L);
        assertThat(warden.decisions().decide(DecisionRequest.of(bot, UNREFUND, back)).reasons())
                .as("on its own the agent may not call the compensating tool").extracting(r -> r.code())
                .containsExactly("capability_not_claimed");
        warden.agents().quarantine("bot", OPERATOR, "odd refunds");
        RollbackPlan plan = warden.rollbacks().plan("bot", clock.instant().minus(Duration.ofMinutes(5)), Optional.empty(), OPERATOR);

        RollbackPlan ran = warden.rollbacks().run(plan.id(), OPERATOR);

        RollbackItem item = ran.item(refunded).orElseThrow();
        assertThat(item.result().state()).as("the policy permits it only with context.compensation")
                .isEqualTo(ItemState.HANDED_TO_OWNER);
        assertThat(warden.decisions().decide(DecisionRequest.of(bot, UNREFUND, back)).reasons())
                .extracting(r -> r.code()).containsExactly("agent_quarantined");
        warden.alerts().awaitQueued(Duration.ofSeconds(5));
        assertThat(warden.alerts().list(AlertQuery.newest(100)))
                .as("the owner is told of the task, with the compensation's decision as evidence")
                .filteredOn(a -> a.kind().equals("owner.notify"))
                .singleElement().satisfies(a -> {
                    assertThat(a.agent()).contains("bot");
                    assertThat(a.evidence()).containsExactly(item.result().decisionId().orElseThrow());
                    assertThat(a.numbers()).containsEntry("tasks", 1L).containsEntry("plan_id", plan.id());
                });
        assertThatThrownBy(() -> warden.rollbacks().run(plan.id(), OPERATOR))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_ALREADY_RUN));
    }

    @Test
    void attack_twoPlansOfTheSameActionRunAtOnce_compensateItOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            String refunded = refund("o-" + round);
            Instant since = clock.instant().minusMillis(1);
            String a = warden.rollbacks().plan("bot", since, Optional.empty(), OPERATOR).id();
            String b = warden.rollbacks().plan("bot", since, Optional.empty(), OPERATOR).id();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<RollbackPlan>> runs = pool.invokeAll(List.<Callable<RollbackPlan>>of(
                        () -> warden.rollbacks().run(a, OPERATOR), () -> warden.rollbacks().run(b, OPERATOR)));
                List<ItemState> states = new ArrayList<>();
                for (Future<RollbackPlan> f : runs) {
                    states.add(f.get().item(refunded).orElseThrow().result().state());
                }
                assertThat(states).containsExactlyInAnyOrder(ItemState.HANDED_TO_OWNER, ItemState.ALREADY_COMPENSATED);
            } finally {
                pool.shutdownNow();
            }
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void plan_unknownAgent_orBadWindow_refusedNamingTheField() {
        Instant now = clock.instant();
        assertThatThrownBy(() -> warden.rollbacks().plan("ghost", now.minusSeconds(60), Optional.empty(), OPERATOR))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENT_NOT_FOUND));
        assertThatThrownBy(() -> warden.rollbacks().plan("bot", now.plusSeconds(60), Optional.empty(), OPERATOR))
                .hasMessageStartingWith("since must not be after now");
        assertThatThrownBy(() -> warden.rollbacks().plan("bot", now.minus(Duration.ofDays(31)), Optional.empty(), OPERATOR))
                .hasMessageStartingWith("since:");
        assertThatThrownBy(() -> warden.rollbacks().run("rbp_nope", OPERATOR))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLAN_NOT_FOUND));
    }
}
