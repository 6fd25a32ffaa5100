package dev.warden.limits;

import static dev.warden.testing.WardenFixture.OPERATOR;
import static dev.warden.testing.WardenFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.agent.MaturityLevel;
import dev.warden.alert.AlertDraft;
import dev.warden.audit.AuditStore;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Reason;
import dev.warden.outcome.OutcomeReport;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.RuleTablePolicyEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limits guard in a real embedded Warden: rates, transaction limits, budgets, calls in flight. */
class LimitsGuardTest {
    static final String READ = Fixtures.READ;
    static final String DROP = Fixtures.DROP;
    /** Financial, medium risk, impact field {@code amount}, any arguments (so the schema lets odd amounts in). */
    static final String WIRE = "wire.send";
    static final List<String> CAPS = List.of("inventory.*", Fixtures.EMAIL, Fixtures.REFUND, DROP, WIRE);

    final MutableClock clock = new MutableClock();
    final RuleTablePolicyEngine policies = new RuleTablePolicyEngine();
    final List<AlertDraft> alerts = new CopyOnWriteArrayList<>();
    final List<Warden> opened = new ArrayList<>();
    AuditStore audit = new InMemoryAuditStore();
    Warden warden;

    @AfterEach
    void close() {
        opened.forEach(Warden::close);
    }

    static ToolCatalog catalog() {
        List<Tool> tools = new ArrayList<>(Fixtures.catalog().tools());
        tools.add(new Tool(WIRE, "send money", java.util.Set.of(EffectClass.FINANCIAL), RiskTier.MEDIUM,
                JsonSchema.anyObject(), Optional.of("amount")));
        return ToolCatalog.of(tools);
    }

    Warden start(LimitsConfig limits) {
        warden = Warden.builder().catalog(catalog()).projects(Fixtures.projects()).policyEngine(policies)
                .clock(clock).random(new Random(3)).stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), audit)
                .limits(limits).alerts(alerts::add).build();
        opened.add(warden);
        policies.permit(READ, "p-read").permit(WIRE, "p-wire").permit(DROP, "p-drop");
        return warden;
    }

    Caller agent(String name, MaturityLevel level) {
        warden.agents().register(Fixtures.registration(name, Optional.of(level), CAPS), OPERATOR);
        return new Caller(name, "sess-" + name, 0);
    }

    Decision decide(Caller c, String tool, Map<String, Object> args) {
        return warden.decisions().decide(DecisionRequest.of(c, tool, args));
    }

    Decision wire(Caller c, Object amount) {
        return decide(c, WIRE, Map.of("to", "acct-1", "amount", amount));
    }

    static Reason reason(Decision d) {
        return d.reasons().getFirst();
    }

    static AgentLimits limits(Rate rate, Rate perTool, Rate perSession, Integer concurrency,
                              Map<String, ToolLimits> tools, Budget... budgets) {
        Map<String, Budget> b = new java.util.LinkedHashMap<>();
        for (Budget x : budgets) {
            b.put(x.name(), x);
        }
        return new AgentLimits(Optional.ofNullable(rate), Optional.ofNullable(perTool), Optional.ofNullable(perSession),
                concurrency == null ? OptionalInt.empty() : OptionalInt.of(concurrency), Optional.empty(), tools, b);
    }

    static LimitsConfig defaults(AgentLimits defaults) {
        return new LimitsConfig(defaults, Map.of(), Map.of(), false);
    }

    static Budget impactBudget(String name, String tool, long max, Duration window) {
        return new Budget(name, Optional.of(tool), Optional.empty(), Measure.IMPACT, Optional.empty(),
                BigDecimal.valueOf(max), window);
    }

    static final Map<String, Object> SKU = Map.of("sku", "A-1");

    // ---- rates

    @Test
    void ratePerTool_burstBeyondTheRate_isDeniedWithRetryAfter_andAllowedOnceATokenRefills() {
        start(defaults(limits(null, Rate.parse("3/minute"), null, null, Map.of())));
        Caller bot = agent("bot", MaturityLevel.SENIOR);

        for (int i = 0; i < 3; i++) {
            assertThat(decide(bot, READ, SKU)).isInstanceOf(Decision.Allow.class);
        }
        Decision fourth = decide(bot, READ, SKU);

        assertThat(fourth).isInstanceOf(Decision.Deny.class);
        assertThat(reason(fourth).guard()).isEqualTo("limits");
        assertThat(reason(fourth).code()).isEqualTo("rate_limited");
        assertThat(reason(fourth).retryAfterMs()).hasValue(20_000);
        assertThat(reason(fourth).message()).isEqualTo("bot: 3 calls a minute to inventory.read; retry in 20.0 s");
        clock.advance(Duration.ofSeconds(19));
        assertThat(codes(decide(bot, READ, SKU))).containsExactly("rate_limited");
        clock.advance(Duration.ofSeconds(1));
        assertThat(decide(bot, READ, SKU)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void ratePerTool_countsEachToolApart_ratePerAgentCountsThemTogether() {
        start(defaults(limits(Rate.parse("3/minute"), Rate.parse("2/minute"), null, null, Map.of())));
        Caller bot = agent("bot", MaturityLevel.PRINCIPAL);

        assertThat(decide(bot, READ, SKU)).isInstanceOf(Decision.Allow.class);
        assertThat(decide(bot, READ, SKU)).isInstanceOf(Decision.Allow.class);
        assertThat(reason(decide(bot, READ, SKU)).message()).contains("2 calls a minute to inventory.read");
        assertThat(wire(bot, 1)).isInstanceOf(Decision.Allow.class); // the read denied above took no agent token
        Decision over = wire(bot, 1);
        assertThat(codes(over)).containsExactly("rate_limited");
        assertThat(reason(over).message()).startsWith("bot: 3 calls a minute at most");
    }

    @Test
    void ratePerSession_eachSessionHasItsOwnBucket_andIdleOnesAreSweptOut() {
        start(defaults(limits(null, null, Rate.parse("1/minute"), null, Map.of())));
        agent("bot", MaturityLevel.SENIOR);
        Caller s1 = new Caller("bot", "s1", 0);
        Caller s2 = new Caller("bot", "s2", 0);

        assertThat(decide(s1, READ, SKU)).isInstanceOf(Decision.Allow.class);
        assertThat(codes(decide(s1, READ, SKU))).containsExactly("rate_limited");
        assertThat(decide(s2, READ, SKU)).isInstanceOf(Decision.Allow.class);

        clock.advance(Duration.ofMinutes(2));
        LimitsGuard guard = warden.limits().orElseThrow();
        for (int i = 0; i < 3000; i++) {
            decide(new Caller("bot", "many-" + i, 0), READ, SKU);
            clock.advance(Duration.ofMillis(100));
        }
        // 3000 sessions over 5 minutes, each idle (full again) a minute after its call: far fewer are kept
        assertThat(guard.state("bot").sessions()).isLessThan(2100);
    }

    @Test
    void rateOfAProject_isSharedByAllItsAgents() {
        start(new LimitsConfig(AgentLimits.NONE, Map.of(), Map.of("shop", Rate.parse("2/hour")), false));
        Caller a = agent("a-bot", MaturityLevel.SENIOR);
        Caller b = agent("b-bot", MaturityLevel.SENIOR);

        assertThat(decide(a, READ, SKU)).isInstanceOf(Decision.Allow.class);
        assertThat(decide(b, READ, SKU)).isInstanceOf(Decision.Allow.class);
        Decision third = decide(a, READ, SKU);

        assertThat(reason(third).message()).startsWith("project shop: 2 calls an hour for all its agents");
        assertThat(reason(third).retryAfterMs()).hasValue(1_800_000);
    }

    @Test
    void agentOverride_winsOverTheDefault_andAToolsOwnRateOverThePerToolRate() {
        AgentLimits defaults = limits(null, Rate.parse("1/minute"), null, null,
                Map.of(READ, new ToolLimits(Optional.of(Rate.parse("2/minute")), Optional.empty())));
        AgentLimits fast = limits(null, null, null, null,
                Map.of(READ, new ToolLimits(Optional.of(Rate.parse("4/minute")), Optional.empty())));
        start(new LimitsConfig(defaults, Map.of("fast", fast), Map.of(), false));
        Caller slow = agent("slow", MaturityLevel.SENIOR);
        Caller quick = agent("fast", MaturityLevel.SENIOR);

        assertThat(allowedOf(slow, 10)).isEqualTo(2);
        assertThat(allowedOf(quick, 10)).isEqualTo(4);
    }

    private int allowedOf(Caller c, int calls) {
        int allowed = 0;
        for (int i = 0; i < calls; i++) {
            allowed += decide(c, READ, SKU) instanceof Decision.Allow ? 1 : 0;
        }
        return allowed;
    }

    @Test
    void alert_isRaisedOncePerLimitAndWindow_notForEveryDeniedCall() {
        start(defaults(limits(null, Rate.parse("1/minute"), null, null, Map.of())));
        Caller bot = agent("bot", MaturityLevel.SENIOR);
        decide(bot, READ, SKU);
        Decision first = decide(bot, READ, SKU);
        decide(bot, READ, SKU);
        decide(bot, READ, SKU);

        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().kind()).isEqualTo("limit.exceeded");
        assertThat(alerts.getFirst().agent()).hasValue("bot");
        assertThat(alerts.getFirst().project()).hasValue("shop");
        assertThat(alerts.getFirst().evidence()).containsExactly(first.id().value());

        clock.advance(Duration.ofMinutes(1));
        decide(bot, READ, SKU);
        decide(bot, READ, SKU);
        assertThat(alerts).hasSize(2);
    }

    // ---- transaction limits

    static LimitsConfig wireCap(Map<MaturityLevel, BigDecimal> byLevel) {
        return defaults(limits(null, null, null, null,
                Map.of(WIRE, new ToolLimits(Optional.empty(), Optional.of(new MaxImpact(byLevel))))));
    }

    @Test
    void maxImpact_perLevel_deniesACallOverItsLevelsLimit_namingAmountAndLimit() {
        Map<MaturityLevel, BigDecimal> caps = new EnumMap<>(MaturityLevel.class);
        caps.put(MaturityLevel.JUNIOR, BigDecimal.valueOf(50));
        caps.put(MaturityLevel.SENIOR, BigDecimal.valueOf(500));
        start(wireCap(caps));
        Caller senior = agent("senior-bot", MaturityLevel.SENIOR);
        Caller principal = agent("principal-bot", MaturityLevel.PRINCIPAL);
        Caller junior = agent("junior-bot", MaturityLevel.JUNIOR);

        assertThat(wire(senior, 500)).isInstanceOf(Decision.Allow.class);
        Decision over = wire(senior, new BigDecimal("500.01"));
        assertThat(codes(over)).containsExactly("impact_exceeded");
        assertThat(reason(over).message()).isEqualTo("senior-bot (senior): wire.send amount 500.01 is over the 500 one call may have");
        assertThat(reason(over).retryAfterMs()).isEmpty();
        assertThat(codes(wire(principal, 501))).containsExactly("impact_exceeded"); // takes senior's limit
        assertThat(codes(wire(junior, 60))).containsExactly("impact_exceeded"); // before its approval is asked
    }

    @Test
    void maxImpact_missingNonNumericOrNegativeImpact_isDenied() {
        start(wireCap(Map.of(MaturityLevel.INTERN, BigDecimal.valueOf(100))));
        Caller bot = agent("bot", MaturityLevel.SENIOR);

        assertThat(codes(decide(bot, WIRE, Map.of("to", "x")))).containsExactly("impact_invalid");
        assertThat(codes(wire(bot, "5"))).containsExactly("impact_invalid");
        assertThat(codes(wire(bot, -1000))).containsExactly("impact_invalid");
        assertThat(wire(bot, 5)).isInstanceOf(Decision.Allow.class);
    }

    // ---- budgets

    @Test
    void splitRefund_manySmallRefundsAddingUpOverTheDailyBudget_areStopped() {
        start(defaults(limits(null, null, null, null, Map.of(),
                impactBudget("wire_daily", WIRE, 2000, Duration.ofDays(1)))));
        Caller bot = agent("bot", MaturityLevel.SENIOR);

        int allowed = 0;
        Decision last = null;
        for (int i = 0; i < 100; i++) { // one 5000 transfer cut into 100 of 50, one every 10 minutes
            last = wire(bot, 50);
            if (last instanceof Decision.Allow) {
                allowed++;
            }
            clock.advance(Duration.ofMinutes(10));
        }

        assertThat(allowed).isEqualTo(40);
        assertThat(codes(last)).containsExactly("cumulative_limit");
        assertThat(reason(last).message()).contains("wire_daily").contains("2000 a day").contains("holds 2000");
        assertThat(reason(last).retryAfterMs()).isPresent();
    }

    @Test
    void budget_freesRoomAsTheWindowSlides_andSaysWhen() {
        start(defaults(limits(null, null, null, null, Map.of(), impactBudget("wire_daily", WIRE, 100, Duration.ofDays(1)))));
        Caller bot = agent("bot", MaturityLevel.SENIOR);
        assertThat(wire(bot, 60)).isInstanceOf(Decision.Allow.class);
        clock.advance(Duration.ofHours(6));
        assertThat(wire(bot, 40)).isInstanceOf(Decision.Allow.class);

        Decision over = wire(bot, 30);
        assertThat(codes(over)).containsExactly("cumulative_limit");
        long retry = reason(over).retryAfterMs().orElseThrow();
        // the 60 leaves the window a day after it was allowed (at most one slot, 24 min, later)
        assertThat(retry).isBetween(Duration.ofHours(18).toMillis(), Duration.ofHours(18).plusMinutes(24).toMillis());
        clock.advance(Duration.ofMillis(retry - 1));
        assertThat(codes(wire(bot, 30))).containsExactly("cumulative_limit");
        clock.advance(Duration.ofMillis(1));
        assertThat(wire(bot, 30)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void budget_countsOnlyAllowedCalls_notDeniedOrHeldForApproval_butTheRedeemingAllow() {
        start(defaults(limits(null, null, null, null, Map.of(), impactBudget("wire_daily", WIRE, 100, Duration.ofDays(1)))));
        Caller bot = agent("bot", MaturityLevel.SENIOR);
        policies.rule(WIRE, q -> ((Number) q.args().get("amount")).intValue() == 99
                ? new PolicyVerdict.Forbid(List.of("no-99"))
                : ((Number) q.args().get("amount")).intValue() == 70
                ? new PolicyVerdict.Permit(List.of("p-wire"), List.of("p-wire"))
                : new PolicyVerdict.Permit(List.of("p-wire"), List.of()));

        assertThat(codes(wire(bot, 99))).containsExactly("forbid_policy");
        Decision held = wire(bot, 70);
        assertThat(held).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(wire(bot, 100)).isInstanceOf(Decision.Allow.class); // neither the forbidden 99 nor the held 70 used any

        clock.advance(Duration.ofDays(2));
        Decision again = wire(bot, 70);
        assertThat(again).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(wire(bot, 40)).isInstanceOf(Decision.Allow.class);
        warden.approvals().approve(((Decision.ApprovalRequired) again).approvalId(), OPERATOR, Optional.empty());
        Decision redeemed = warden.decisions().decide(new DecisionRequest(bot, WIRE, Optional.empty(),
                Map.of("to", "acct-1", "amount", 70), Optional.empty(), Optional.of(((Decision.ApprovalRequired) again).approvalId())));
        assertThat(codes(redeemed)).containsExactly("cumulative_limit"); // 40 + 70 > 100: the redeeming allow counts
        assertThat(wire(bot, 60)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void destructiveCallsPerHour_areCounted_byEffectClass() {
        Budget destructive = new Budget("destructive_hourly", Optional.empty(), Optional.of(EffectClass.DESTRUCTIVE),
                Measure.CALLS, Optional.empty(), BigDecimal.valueOf(2), Duration.ofHours(1));
        start(defaults(limits(null, null, null, null, Map.of(), destructive)));
        Caller bot = agent("bot", MaturityLevel.PRINCIPAL);
        policies.permit(DROP, "p-drop");

        // db.drop is critical: even a principal needs an approval, which uses none of the budget
        assertThat(decide(bot, DROP, Map.of())).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(decide(bot, READ, SKU)).isInstanceOf(Decision.Allow.class);
        LimitsGuard guard = warden.limits().orElseThrow();
        guard.replay("bot", catalog().find(DROP).orElseThrow(), Map.of(), clock.millis());
        guard.replay("bot", catalog().find(DROP).orElseThrow(), Map.of(), clock.millis());
        Decision third = decide(bot, DROP, Map.of());
        assertThat(codes(third)).containsExactly("cumulative_limit");
        assertThat(reason(third).message()).contains("calls with effect destructive, 2 an hour");
    }

    @Test
    void distinctCustomersPerHour_aKnownCustomerAlwaysFits_aNewOneOverTheLimitIsDenied() {
        Budget customers = new Budget("customers_hourly", Optional.empty(), Optional.empty(), Measure.DISTINCT,
                Optional.of("customer"), BigDecimal.valueOf(2), Duration.ofHours(1));
        start(defaults(limits(null, null, null, null, Map.of(), customers)));
        Caller bot = agent("bot", MaturityLevel.SENIOR);

        assertThat(wire(bot, Map.of())).isInstanceOf(Decision.Allow.class); // no customer argument: nothing to count
        assertThat(decide(bot, WIRE, Map.of("amount", 1, "customer", "c-1"))).isInstanceOf(Decision.Allow.class);
        assertThat(decide(bot, WIRE, Map.of("amount", 1, "customer", "c-2"))).isInstanceOf(Decision.Allow.class);
        assertThat(decide(bot, WIRE, Map.of("amount", 1, "customer", "c-1"))).isInstanceOf(Decision.Allow.class);
        Decision third = decide(bot, WIRE, Map.of("amount", 1, "customer", "c-3"));
        assertThat(codes(third)).containsExactly("cumulative_limit");
        assertThat(reason(third).retryAfterMs()).hasValue(Duration.ofHours(1).toMillis());
        clock.advance(Duration.ofHours(1));
        assertThat(decide(bot, WIRE, Map.of("amount", 1, "customer", "c-3"))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void concurrentBurst_againstABudget_neverOvershootsIt() throws Exception {
        start(defaults(limits(null, null, null, null, Map.of(), impactBudget("wire_daily", WIRE, 1000, Duration.ofDays(1)))));
        List<Caller> sessions = new ArrayList<>();
        agent("bot", MaturityLevel.SENIOR);
        for (int i = 0; i < 16; i++) {
            sessions.add(new Caller("bot", "s-" + i, 0));
        }
        // every other call is forbidden by policy after the guard reserved: its reservation must come back
        policies.rule(WIRE, q -> "odd".equals(q.args().get("to")) ? new PolicyVerdict.Forbid(List.of("f"))
                : new PolicyVerdict.Permit(List.of("p"), List.of()));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (Caller c : sessions) {
            results.add(pool.submit(() -> {
                go.await();
                int allowed = 0;
                for (int i = 0; i < 40; i++) {
                    Decision d = decide(c, WIRE, Map.of("to", i % 2 == 0 ? "even" : "odd", "amount", 7));
                    allowed += d instanceof Decision.Allow ? 1 : 0;
                }
                return allowed;
            }));
        }
        go.countDown();
        int allowed = 0;
        for (Future<Integer> f : results) {
            allowed += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(allowed * 7).isLessThanOrEqualTo(1000);
        assertThat(allowed).isEqualTo(1000 / 7); // and nothing reserved by a forbidden call was lost
    }

    @Test
    void budgets_surviveARestart_rebuiltFromTheAuditLog() {
        LimitsConfig cfg = defaults(limits(null, null, null, null, Map.of(), impactBudget("wire_daily", WIRE, 100, Duration.ofDays(1))));
        start(cfg);
        Caller bot = agent("bot", MaturityLevel.SENIOR);
        assertThat(wire(bot, 30)).isInstanceOf(Decision.Allow.class);
        clock.advance(Duration.ofHours(20));
        assertThat(wire(bot, 50)).isInstanceOf(Decision.Allow.class);
        assertThat(codes(wire(bot, 99))).containsExactly("cumulative_limit"); // denied: not counted
        warden.close();
        opened.clear();

        Warden restarted = Warden.builder().catalog(catalog()).projects(Fixtures.projects()).policyEngine(policies)
                .clock(clock).random(new Random(4)).stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), audit)
                .limits(cfg).build();
        opened.add(restarted);
        restarted.agents().register(Fixtures.registration("bot", Optional.of(MaturityLevel.SENIOR), CAPS), OPERATOR);
        warden = restarted;

        assertThat(codes(wire(bot, 21))).containsExactly("cumulative_limit");
        assertThat(wire(bot, 20)).isInstanceOf(Decision.Allow.class);
        clock.advance(Duration.ofHours(5)); // the 30 has left the window; the 50 and 20 have not
        assertThat(wire(bot, 30)).isInstanceOf(Decision.Allow.class);
        assertThat(codes(wire(bot, 1))).containsExactly("cumulative_limit");
    }

    // ---- calls in flight

    @Test
    void concurrency_limitsAllowedCallsWithoutAnOutcome_anOutcomeOrTheTimeoutFreesASlot() {
        AgentLimits two = new AgentLimits(Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.of(2),
                Optional.of(Duration.ofMinutes(10)), Map.of(), Map.of());
        start(defaults(two));
        Caller bot = agent("bot", MaturityLevel.SENIOR);
        policies.forbid(Fixtures.EMAIL, "no-mail");

        Decision first = decide(bot, READ, SKU);
        assertThat(codes(decide(bot, Fixtures.EMAIL, Map.of()))).containsExactly("forbid_policy"); // holds no slot
        assertThat(decide(bot, READ, SKU)).isInstanceOf(Decision.Allow.class);
        Decision third = decide(bot, READ, SKU);
        assertThat(codes(third)).containsExactly("concurrency_limited");
        assertThat(reason(third).message()).startsWith("bot: 2 allowed calls in flight without an outcome at most");

        warden.outcomes().record(bot, first.id(), new OutcomeReport("completed", Optional.empty(), Optional.empty()));
        assertThat(decide(bot, READ, SKU)).isInstanceOf(Decision.Allow.class);
        assertThat(codes(decide(bot, READ, SKU))).containsExactly("concurrency_limited");
        clock.advance(Duration.ofMinutes(10));
        assertThat(decide(bot, READ, SKU)).isInstanceOf(Decision.Allow.class);
    }

    // ---- policy context

    @Test
    void policyContext_carriesTheUsedShareOfTheToolsBudgets_inWholePercent_onlyWhenOn() {
        List<PolicyQuery> asked = new CopyOnWriteArrayList<>();
        LimitsConfig cfg = defaults(limits(null, null, null, null, Map.of(), impactBudget("wire_daily", WIRE, 300, Duration.ofDays(1))));
        start(cfg.withPolicyContext(true));
        policies.rule(WIRE, q -> {
            asked.add(q);
            return new PolicyVerdict.Permit(List.of("p"), List.of());
        });
        policies.rule(READ, q -> {
            asked.add(q);
            return new PolicyVerdict.Permit(List.of("p"), List.of());
        });
        Caller bot = agent("bot", MaturityLevel.SENIOR);

        wire(bot, 100);
        wire(bot, 150);
        decide(bot, READ, SKU);

        assertThat(asked.get(0).context()).containsEntry("limits", Map.of("wire_daily", Map.of("used_pct", 0L)));
        assertThat(asked.get(1).context()).containsEntry("limits", Map.of("wire_daily", Map.of("used_pct", 33L)));
        assertThat(asked.get(2).context()).doesNotContainKey("limits"); // no budget of inventory.read
        assertThat(LimitsGuard.contextSchema(cfg.withPolicyContext(true))).containsKey("limits");
        assertThat(LimitsGuard.contextSchema(cfg)).isEmpty();
    }

    @Test
    void policyContext_off_addsNoEntry() {
        List<PolicyQuery> asked = new CopyOnWriteArrayList<>();
        start(defaults(limits(null, null, null, null, Map.of(), impactBudget("wire_daily", WIRE, 300, Duration.ofDays(1)))));
        policies.rule(WIRE, q -> {
            asked.add(q);
            return new PolicyVerdict.Permit(List.of("p"), List.of());
        });
        Caller bot = agent("bot", MaturityLevel.SENIOR);
        wire(bot, 100);
        assertThat(asked.getFirst().context()).doesNotContainKey("limits");
    }

    // ---- values

    @Test
    void rate_parse_acceptsUnits_andRejectsWhatIsWrong() {
        assertThat(Rate.parse("60/minute")).isEqualTo(new Rate(60, Duration.ofMinutes(1)));
        assertThat(Rate.parse("5/day").describe()).isEqualTo("5 calls a day");
        for (String bad : List.of("60", "x/minute", "0/minute", "-1/minute", "60/fortnight", "60/")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rate.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void retryText_isShortForPeople() {
        assertThat(LimitsGuard.retryText(1150)).isEqualTo("1.2 s");
        assertThat(LimitsGuard.retryText(90_000)).isEqualTo("2 min");
        assertThat(LimitsGuard.retryText(Duration.ofHours(3).plusMinutes(12).toMillis())).isEqualTo("3 h 12 min");
    }

    @Test
    void aLaterGuardThatFails_deniesTheCall_andItsReservationGoesBack() {
        LimitsConfig cfg = defaults(limits(null, null, null, null, Map.of(), impactBudget("wire_daily", WIRE, 100, Duration.ofDays(1))));
        warden = Warden.builder().catalog(catalog()).projects(Fixtures.projects()).policyEngine(policies)
                .clock(clock).random(new Random(3)).stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), audit)
                .limits(cfg).guard(d -> {
                    if (((Number) d.request().args().get("amount")).intValue() == 90) {
                        throw new IllegalStateException("broken guard");
                    }
                    return dev.warden.decision.Guard.Verdict.PASS;
                }).build();
        opened.add(warden);
        policies.permit(WIRE, "p-wire");
        Caller bot = agent("bot", MaturityLevel.SENIOR);

        assertThat(codes(wire(bot, 90))).containsExactly("evaluation_error");
        assertThat(wire(bot, 100)).isInstanceOf(Decision.Allow.class);
    }
}
