package dev.warden.breaker;

import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.UPDATE;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.Warden;
import dev.warden.WardenException;
import dev.warden.agent.MaturityLevel;
import dev.warden.alert.AlertDraft;
import dev.warden.alert.Alerts;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditStore;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionId;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.json.JsonReader;
import dev.warden.outcome.OutcomeReport;
import dev.warden.outcome.RecordedOutcome;
import dev.warden.policy.PolicyVerdict;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.RuleTablePolicyEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Circuit breakers per agent x tool and per upstream, on a clock the test moves. */
class BreakersTest {
    private static final Map<String, Object> SKU = Map.of("sku", "A-1");
    private static final Map<String, Object> UPDATE_ARGS = Map.of("sku", "A-1", "qty", 1);
    /** Opens at 50% of 4 calls; open 30 s; 2 probes. */
    private static final BreakerSettings SETTINGS =
            new BreakerSettings(50, 4, BreakerSettings.WindowUnit.CALLS, 4, Duration.ofSeconds(30), 2);

    private final MutableClock clock = new MutableClock();
    private final AuditStore audit = new InMemoryAuditStore();
    private final List<AlertDraft> alerts = new CopyOnWriteArrayList<>();
    private final AtomicBoolean laterGuardDenies = new AtomicBoolean();
    private Warden warden;
    private Caller bot;

    @AfterEach
    void close() {
        if (warden != null) {
            warden.close();
        }
    }

    private void start(BreakerConfig config) {
        RuleTablePolicyEngine policies = new RuleTablePolicyEngine();
        policies.rule(READ, q -> new PolicyVerdict.Permit(List.of("p-read"), List.of()));
        policies.rule(UPDATE, q -> new PolicyVerdict.Permit(List.of("p-update"), List.of()));
        warden = Warden.builder().catalog(Fixtures.catalog()).projects(Fixtures.projects()).policyEngine(policies)
                .clock(clock).random(new Random(7)).stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), audit)
                .breakers(config).alerts(alerts::add)
                .guard(d -> laterGuardDenies.get() ? Guard.Verdict.deny(Reason.of("limits", "rate_limited", "no")) : Guard.Verdict.PASS)
                .build();
        warden.agents().register(Fixtures.registration("bot", Optional.of(MaturityLevel.SENIOR), Fixtures.CAPABILITIES), OPERATOR);
        bot = new Caller("bot", "sess-bot", 0);
    }

    private void start() {
        start(new BreakerConfig(SETTINGS, Map.of(), Map.of()));
    }

    private Decision decide(String tool) {
        return warden.decisions().decide(DecisionRequest.of(bot, tool, UPDATE.equals(tool) ? UPDATE_ARGS : SKU));
    }

    /** One allowed call of {@code tool} and its outcome. */
    private DecisionId call(String tool, boolean fails) {
        Decision d = decide(tool);
        assertThat(d).as("call of %s", tool).isInstanceOf(Decision.Allow.class);
        warden.outcomes().record(bot, d.id(), new OutcomeReport(fails ? "failed" : "completed", Optional.empty(), Optional.empty()));
        return d.id();
    }

    private BreakerState state(String tool) {
        return warden.breakers().find(BreakerKey.of("bot", tool)).orElseThrow().state();
    }

    /** The transition records so far, as stored (deferred writes are waited for). */
    private List<Map<String, Object>> transitions(int atLeast) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            List<Map<String, Object>> found = new ArrayList<>();
            audit.read(new AuditQuery(0, 1000, Optional.empty(), Optional.empty())).forEach(r -> {
                Map<String, Object> e = JsonReader.parseObject(r.entry());
                if (Breakers.TRANSITION.equals(e.get("kind"))) {
                    found.add(e);
                }
            });
            if (found.size() >= atLeast) {
                return found;
            }
            Thread.sleep(10); // the deferred record joins the next batch
        }
        throw new AssertionError("fewer than " + atLeast + " breaker transitions recorded");
    }

    private static Reason onlyReason(Decision d) {
        assertThat(d).isInstanceOf(Decision.Deny.class);
        return d.reasons().getFirst();
    }

    private List<DecisionId> open(String tool) {
        List<DecisionId> failed = new ArrayList<>();
        call(tool, false);
        failed.add(call(tool, true));
        call(tool, false);
        failed.add(call(tool, true));
        return failed;
    }

    @Test
    void failuresOverTheWindow_openTheBreaker_andCallsAreDeniedCircuitOpen_withTheTimeUntilHalfOpen() throws Exception {
        start();
        call(READ, false);
        call(READ, true);
        call(READ, false);
        assertThat(state(READ)).isEqualTo(BreakerState.CLOSED); // 3 calls: under the minimum
        DecisionId last = call(READ, true);
        assertThat(state(READ)).isEqualTo(BreakerState.OPEN);

        clock.advance(Duration.ofSeconds(10));
        Reason r = onlyReason(decide(READ));

        assertThat(r.guard()).isEqualTo("breaker");
        assertThat(r.code()).isEqualTo("circuit_open");
        assertThat(r.retryAfterMs()).hasValue(20_000);
        assertThat(decide(UPDATE)).isInstanceOf(Decision.Allow.class); // another tool's breaker is its own
        Map<String, Object> t = transitions(1).getFirst();
        assertThat(t).containsEntry("agent", "bot").containsEntry("tool", READ).containsEntry("from", "closed")
                .containsEntry("to", "open").containsEntry("trigger", "failure_rate").containsEntry("calls", 4L)
                .containsEntry("failed_calls", 2L);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("breaker.opened");
            assertThat(a.agent()).hasValue("bot");
            assertThat(a.project()).isPresent();
            assertThat(a.evidence()).endsWith(last.value()).hasSize(2);
        });
    }

    @Test
    void openBreaker_turnsHalfOpen_afterTheOpenTime_andLetsOnlyTheProbesThrough() throws Exception {
        start();
        open(READ);
        clock.advance(Duration.ofSeconds(30).plusMillis(1));

        Decision first = decide(READ);
        Decision second = decide(READ);
        Decision third = decide(READ);

        assertThat(first).isInstanceOf(Decision.Allow.class);
        assertThat(second).isInstanceOf(Decision.Allow.class);
        assertThat(onlyReason(third).code()).isEqualTo("circuit_open");
        assertThat(state(READ)).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(transitions(2).get(1)).containsEntry("from", "open").containsEntry("to", "half_open")
                .containsEntry("trigger", "open_time_elapsed");
    }

    @Test
    void successfulProbes_closeTheBreaker() throws Exception {
        start();
        open(READ);
        clock.advance(Duration.ofSeconds(31));

        call(READ, false);
        call(READ, false);

        assertThat(state(READ)).isEqualTo(BreakerState.CLOSED);
        assertThat(transitions(3).get(2)).containsEntry("from", "half_open").containsEntry("to", "closed")
                .containsEntry("trigger", "probes_succeeded");
        for (int i = 0; i < 5; i++) {
            assertThat(decide(READ)).isInstanceOf(Decision.Allow.class);
        }
    }

    @Test
    void aFailedProbe_reopensTheBreaker_forAnotherOpenTime() throws Exception {
        start();
        open(READ);
        clock.advance(Duration.ofSeconds(31));

        DecisionId failedProbe = call(READ, true);
        call(READ, false);

        assertThat(state(READ)).isEqualTo(BreakerState.OPEN);
        assertThat(onlyReason(decide(READ)).retryAfterMs()).hasValue(30_000);
        assertThat(transitions(3).get(2)).containsEntry("from", "half_open").containsEntry("to", "open")
                .containsEntry("trigger", "probes_failed");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).evidence()).contains(failedProbe.value());
    }

    @Test
    void probesThatNeverReport_reopenTheBreakerAfterTheOpenTime_insteadOfHoldingItHalfOpen() throws Exception {
        start();
        open(READ);
        clock.advance(Duration.ofSeconds(31));
        assertThat(decide(READ)).isInstanceOf(Decision.Allow.class);
        assertThat(decide(READ)).isInstanceOf(Decision.Allow.class);
        assertThat(onlyReason(decide(READ)).code()).isEqualTo("circuit_open"); // both probes out, no outcome yet

        clock.advance(Duration.ofSeconds(31));
        Reason r = onlyReason(decide(READ));

        assertThat(r.retryAfterMs()).hasValue(30_000);
        assertThat(state(READ)).isEqualTo(BreakerState.OPEN);
        assertThat(transitions(3).get(2)).containsEntry("from", "half_open").containsEntry("to", "open")
                .containsEntry("trigger", "probes_unanswered");
        clock.advance(Duration.ofSeconds(31));
        assertThat(decide(READ)).isInstanceOf(Decision.Allow.class); // fresh probes
    }

    @Test
    void aProbeWhoseCallALaterGuardDenies_isGivenBack() {
        start();
        open(READ);
        clock.advance(Duration.ofSeconds(31));

        laterGuardDenies.set(true);
        for (int i = 0; i < 3; i++) {
            assertThat(onlyReason(decide(READ)).code()).isEqualTo("rate_limited");
        }
        laterGuardDenies.set(false);

        // both probes are still there: without the release the breaker would deny circuit_open
        assertThat(decide(READ)).isInstanceOf(Decision.Allow.class);
        assertThat(decide(READ)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void operatorReset_closesTheBreaker_andIsAuditedWithTheOperator() throws Exception {
        start();
        open(READ);

        BreakerView before = warden.breakers().reset(BreakerKey.of("bot", READ), OPERATOR);

        assertThat(before.state()).isEqualTo(BreakerState.OPEN);
        assertThat(decide(READ)).isInstanceOf(Decision.Allow.class);
        assertThat(warden.breakers().find(BreakerKey.of("bot", READ))).isEmpty();
        assertThat(transitions(2).get(1)).containsEntry("from", "open").containsEntry("to", "closed")
                .containsEntry("trigger", "operator").containsEntry("operator", OPERATOR.toString());
        assertThatThrownBy(() -> warden.breakers().reset(BreakerKey.of("bot", UPDATE), OPERATOR))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BREAKER_NOT_FOUND));
    }

    @Test
    void upstreamErrors_openTheUpstreamBreaker_andDenyEveryToolItServes() throws Exception {
        start(new BreakerConfig(SETTINGS, Map.of(), Map.of("files",
                new BreakerSettings(50, 2, BreakerSettings.WindowUnit.CALLS, 2, Duration.ofSeconds(5), 1))));
        warden.breakers().upstreamResolver(tool -> READ.equals(tool) ? Optional.of("files") : Optional.empty());
        Decision d1 = decide(READ);
        warden.breakers().upstreamSucceeded("files");
        warden.breakers().upstreamFailed("files", d1.id());

        Reason r = onlyReason(decide(READ));

        assertThat(r.code()).isEqualTo("circuit_open");
        assertThat(r.message()).contains("upstream 'files'");
        assertThat(r.retryAfterMs()).hasValue(5_000);
        assertThat(decide(UPDATE)).isInstanceOf(Decision.Allow.class);
        assertThat(warden.breakers().list(Optional.empty())).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo(BreakerKey.upstream("files"));
            assertThat(v.retryAt()).hasValue(MutableClock.START.plusSeconds(5));
        });
        assertThat(transitions(1).getFirst()).containsEntry("upstream", "files").containsEntry("to", "open")
                .containsEntry("evidence", List.of(d1.id().value()));
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.agent()).isEmpty());
    }

    @Test
    void aWindowInSeconds_forgetsFailuresOlderThanIt() {
        start(new BreakerConfig(new BreakerSettings(50, 10, BreakerSettings.WindowUnit.SECONDS, 2, Duration.ofSeconds(30), 1),
                Map.of(), Map.of()));
        call(READ, true);
        clock.advance(Duration.ofSeconds(11));
        call(READ, false);
        assertThat(state(READ)).isEqualTo(BreakerState.CLOSED); // the failure left the window

        call(READ, true);
        assertThat(state(READ)).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void perToolSettings_overrideTheDefaults() {
        start(new BreakerConfig(SETTINGS, Map.of(UPDATE,
                new BreakerSettings(100, 2, BreakerSettings.WindowUnit.CALLS, 2, Duration.ofSeconds(30), 1)), Map.of()));
        call(UPDATE, true);
        call(UPDATE, false);
        assertThat(state(UPDATE)).isEqualTo(BreakerState.CLOSED); // 50% is under this tool's 100%
        call(UPDATE, true);
        call(UPDATE, true);
        assertThat(state(UPDATE)).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void listing_showsEachBreaker_andFiltersByAgent() {
        start();
        open(READ);
        call(UPDATE, false);

        List<BreakerView> all = warden.breakers().list(Optional.of("bot"));

        assertThat(all).extracting(v -> v.key().tool()).containsExactly(READ, UPDATE);
        assertThat(all.getFirst().wire()).containsEntry("state", "open").containsEntry("failure_rate", 50.0)
                .containsEntry("calls", 4).containsEntry("opened_at", MutableClock.START.toString())
                .containsEntry("retry_at", MutableClock.START.plusSeconds(30).toString());
        assertThat(warden.breakers().list(Optional.of("other"))).isEmpty();
    }

    @Test
    void theNumberOfBreakers_isBounded_closedOnesMakeRoom_openOnesAreKept() {
        BreakerSettings oneFailureOpens = new BreakerSettings(100, 1, BreakerSettings.WindowUnit.CALLS, 1, Duration.ofSeconds(30), 1);
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(new InMemoryAuditStore())) {
            Breakers two = new Breakers(new BreakerConfig(oneFailureOpens, Map.of(), Map.of()), clock, log, Alerts.NONE,
                    name -> Optional.empty(), 2);
            DecisionId id = new DecisionId("dec_" + "0".repeat(32));
            two.outcome(new RecordedOutcome("a", id, "failed", clock.instant(), "t1"));
            two.outcome(new RecordedOutcome("a", id, "completed", clock.instant(), "t2"));
            two.outcome(new RecordedOutcome("b", id, "completed", clock.instant(), "t3"));

            assertThat(two.list(Optional.empty())).extracting(v -> v.key().toString())
                    .containsExactlyInAnyOrder("a x t1", "b x t3"); // the closed a x t2 made room, the open a x t1 stayed

            two.outcome(new RecordedOutcome("b", id, "failed", clock.instant(), "t3"));
            two.outcome(new RecordedOutcome("c", id, "failed", clock.instant(), "t4"));
            assertThat(two.list(Optional.empty())).extracting(v -> v.key().toString())
                    .containsExactlyInAnyOrder("a x t1", "b x t3"); // both open: the newcomer is not tracked
        }
    }

    @Test
    void settings_outOfRange_areRefused() {
        assertThatThrownBy(() -> new BreakerSettings(0, 4, BreakerSettings.WindowUnit.CALLS, 4, Duration.ofSeconds(1), 1))
                .hasMessageContaining("failure_rate_threshold");
        assertThatThrownBy(() -> new BreakerSettings(101, 4, BreakerSettings.WindowUnit.CALLS, 4, Duration.ofSeconds(1), 1))
                .hasMessageContaining("failure_rate_threshold");
        assertThatThrownBy(() -> new BreakerSettings(50, 4, BreakerSettings.WindowUnit.CALLS, 4, Duration.ZERO, 1))
                .hasMessageContaining("open_seconds");
        assertThatThrownBy(() -> BreakerSettings.WindowUnit.parse("minutes")).hasMessageContaining("calls or seconds");
    }
}
