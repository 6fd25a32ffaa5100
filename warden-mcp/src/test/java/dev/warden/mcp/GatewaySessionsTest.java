package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class GatewaySessionsTest {
    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    static final Duration IDLE = Duration.ofMinutes(30);

    final List<String> removed = new CopyOnWriteArrayList<>();
    final GatewaySessions sessions = new GatewaySessions(removed::add);

    GatewaySession open(String id, String agent, Instant at) {
        McpStreamableServerSession sdk = new McpStreamableServerSession(id, null, null, Duration.ofSeconds(30), Map.of(), Map.of());
        GatewaySession s = new GatewaySession(id, agent, sdk, at);
        sessions.add(s);
        return s;
    }

    @Test
    void sessionsQuietForLongerThanTheTimeout_areEnded_removed_andReported_othersStay() throws Exception {
        GatewaySession old = open("old", "alice", T0);
        GatewaySession recent = open("recent", "alice", T0);
        recent.requestStarted(T0.plusSeconds(600));
        recent.requestEnded(T0.plusSeconds(601));
        GatewaySession justUnder = open("just-under", "bob", T0.plusSeconds(1));

        // exactly at the limit is not yet over it
        assertThat(sessions.expireIdle(T0.plus(IDLE), IDLE)).isEmpty();

        List<GatewaySession> ended = sessions.expireIdle(T0.plus(IDLE).plusMillis(1), IDLE);
        assertThat(ended).containsExactly(old);
        assertThat(old.terminated()).isTrue();
        assertThat(old.endReason()).contains("idle for more than 1800 s");
        assertThat(recent.terminated()).isFalse();
        assertThat(justUnder.terminated()).isFalse();
        Poll.until(() -> removed.contains("old"), Duration.ofSeconds(10));
        assertThat(removed).containsExactly("old");
        assertThat(sessions.find("old")).isEmpty();
        assertThat(sessions.find("recent")).contains(recent);
    }

    @Test
    void aSessionWithARequestCallOrApprovalWaitRunning_isNotIdle_howeverLongAgoItBegan() throws Exception {
        GatewaySession requesting = open("requesting", "alice", T0);
        requesting.requestStarted(T0);
        GatewaySession calling = open("calling", "alice", T0);
        calling.track("rpc-1");
        GatewaySession holding = open("holding", "alice", T0);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> holding.waiting(ended -> {
            waiting.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        waiting.await();

        Instant muchLater = T0.plus(Duration.ofDays(1));
        assertThat(sessions.expireIdle(muchLater, IDLE)).isEmpty();

        // once each has finished, the clock starts from the end of its last request
        requesting.requestEnded(muchLater);
        calling.untrack("rpc-1");
        release.countDown();
        waiter.join();
        assertThat(sessions.expireIdle(muchLater.plusSeconds(1), IDLE)).containsExactlyInAnyOrder(calling, holding);
        assertThat(requesting.terminated()).isFalse();
    }

    @Test
    void endingTheSession_endsAnApprovalWaitThroughItsSignal_andLeavesThePooledThreadUninterrupted() throws Exception {
        GatewaySession holding = open("holding", "alice", T0);
        CountDownLatch waiting = new CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Boolean> interruptedAfter = new java.util.concurrent.CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            holding.waiting(ended -> {
                waiting.countDown();
                ended.join();
            });
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        });
        waiting.await();
        assertThat(holding.quiet()).isFalse();
        holding.terminate("agent killed");
        assertThat(interruptedAfter.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("interrupt flag after the wait").isFalse();
        waiter.join();
        assertThat(holding.quiet()).isTrue();
        // a wait that starts after the end does not run at all
        boolean[] ran = {false};
        holding.waiting(ended -> ran[0] = true);
        assertThat(ran[0]).isFalse();
    }

    @Test
    void countOf_countsAnAgentsOpenSessions_notOthers_norEndedOnes() {
        open("a1", "alice", T0);
        open("a2", "alice", T0);
        open("b1", "bob", T0);
        assertThat(sessions.countOf("alice")).isEqualTo(2);
        sessions.endAll("alice", "killed");
        assertThat(sessions.countOf("alice")).isZero();
        assertThat(sessions.countOf("bob")).isEqualTo(1);
        assertThat(sessions.countOf("carol")).isZero();
    }

    @Test
    void aSessionProcessRequest_findsTheRelayOnlyWhileExactlyOneCallOfTheSessionRunsInThatUpstream() {
        GatewaySession s = open("s", "alice", T0);
        AgentRelay.Running first = new AgentRelay.Running(null, Duration.ofSeconds(1), reactor.core.publisher.Mono.never());
        AgentRelay.Running second = new AgentRelay.Running(null, Duration.ofSeconds(1), reactor.core.publisher.Mono.never());
        assertThat(s.soleRelay("memo")).isEmpty();
        s.relayStarted("memo", first);
        assertThat(s.soleRelay("memo")).containsSame(first);
        assertThat(s.soleRelay("other")).isEmpty();
        // two calls at once: stdio names no call, so neither may answer
        s.relayStarted("memo", second);
        assertThat(s.soleRelay("memo")).isEmpty();
        s.relayEnded("memo", first);
        assertThat(s.soleRelay("memo")).containsSame(second);
        s.relayEnded("memo", second);
        assertThat(s.soleRelay("memo")).isEmpty();
    }
}
