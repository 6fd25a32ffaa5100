package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The fence between an allowed call and the kill switch: once {@link GatewaySession#terminate}
 * returns, no request of the session is handed upstream, whatever was decided before.
 */
class GatewaySessionFenceTest {
    final GatewaySession session = new GatewaySession("s1", "bot",
            new McpStreamableServerSession("s1", null, null, Duration.ofSeconds(30), Map.of(), Map.of()), Instant.EPOCH);

    @Test
    void aCallAllowedBeforeTheKill_isNotSentOnceTheKillHasEndedTheSession() {
        // the call was decided allow; the kill lands before its hand-over
        session.terminate("agent killed");
        AtomicBoolean sent = new AtomicBoolean();

        Optional<Boolean> r = session.handOver(() -> true, () -> sent.getAndSet(true));

        assertThat(r).isEmpty();
        assertThat(sent).isFalse();
    }

    @Test
    void aCallWhoseAgentWasKilledAfterItsDecision_isNotSent_evenBeforeTheSessionIsEnded() {
        AtomicBoolean sent = new AtomicBoolean();

        Optional<Boolean> r = session.handOver(() -> false, () -> sent.getAndSet(true));

        assertThat(r).isEmpty();
        assertThat(sent).isFalse();
    }

    @Test
    void theKill_waitsForAHandOverAlreadyRunning_andRefusesEveryLaterOne() throws Exception {
        CountDownLatch handing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread caller = Thread.ofVirtual().start(() -> session.handOver(() -> true, () -> {
            handing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }));
        assertThat(handing.await(10, TimeUnit.SECONDS)).isTrue();
        Thread kill = Thread.ofVirtual().start(() -> session.terminate("agent killed"));

        // the kill does not return while a request is being handed over
        kill.join(Duration.ofMillis(300));
        assertThat(kill.isAlive()).isTrue();
        assertThat(session.terminated()).isFalse();

        release.countDown();
        kill.join(Duration.ofSeconds(10));
        caller.join(Duration.ofSeconds(10));
        assertThat(kill.isAlive()).isFalse();
        AtomicInteger later = new AtomicInteger();
        assertThat(session.handOver(() -> true, later::incrementAndGet)).isEmpty();
        assertThat(later).hasValue(0);
    }

    @Test
    void anOpenSession_handsOver() {
        assertThat(session.handOver(() -> true, () -> "sent")).contains("sent");
    }
}
