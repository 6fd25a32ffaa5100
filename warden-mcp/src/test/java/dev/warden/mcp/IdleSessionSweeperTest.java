package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdleSessionSweeperTest {
    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    static final Duration IDLE = Duration.ofMinutes(30);

    final GatewaySessions sessions = new GatewaySessions(sid -> { });
    final Clock late = Clock.fixed(T0.plus(IDLE).plusSeconds(1), ZoneOffset.UTC);

    GatewaySession open(String id, Instant at) {
        McpStreamableServerSession sdk = new McpStreamableServerSession(id, null, null, Duration.ofSeconds(30), Map.of(), Map.of());
        GatewaySession s = new GatewaySession(id, "alice", sdk, at);
        sessions.add(s);
        return s;
    }

    /** Upstream sessions kept per agent session, as a Streamable HTTP channel or session processes keep them. */
    static final class Kept implements SessionScoped {
        final Set<String> owners = ConcurrentHashMap.newKeySet();
        final List<String> ended = new CopyOnWriteArrayList<>();

        @Override
        public void end(String owner) {
            owners.remove(owner);
            ended.add(owner);
        }

        @Override
        public Set<String> owners() {
            return Set.copyOf(owners);
        }

        @Override
        public int openSessions() {
            return owners.size();
        }
    }

    @Test
    void aSweep_endsTheIdleSessions_andTheUpstreamSessionsLeftWithoutTheirAgentSession() {
        GatewaySession idle = open("idle", T0);
        GatewaySession busy = open("busy", T0.plus(IDLE));
        Kept kept = new Kept();
        kept.owners.addAll(Set.of("busy", "gone-before"));
        IdleSessionSweeper sweeper = new IdleSessionSweeper(sessions, () -> List.of(kept), late, IDLE);

        sweeper.sweep();

        assertThat(idle.terminated()).isTrue();
        assertThat(busy.terminated()).isFalse();
        assertThat(kept.ended).containsExactly("gone-before");
        assertThat(kept.owners).containsExactly("busy");
    }

    @Test
    void aFailedSweep_doesNotStopTheNext() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Kept kept = new Kept();
        kept.owners.add("gone");
        try (IdleSessionSweeper sweeper = new IdleSessionSweeper(sessions, () -> {
            if (asked.incrementAndGet() == 1) {
                throw new IllegalStateException("upstreams unreadable");
            }
            return List.of(kept);
        }, late, IDLE)) {
            sweeper.start();
            Poll.until(() -> !kept.ended.isEmpty(), Duration.ofSeconds(30));
        }
        assertThat(asked.get()).isGreaterThanOrEqualTo(2);
        assertThat(kept.ended).containsExactly("gone");
    }

    @Test
    void afterClose_nothingIsSwept() throws Exception {
        GatewaySession idle = open("idle", T0);
        IdleSessionSweeper sweeper = new IdleSessionSweeper(sessions, List::of, late, IDLE);
        sweeper.start();
        sweeper.close();
        Thread.sleep(IdleSessionSweeper.PERIOD.multipliedBy(3).toMillis());
        assertThat(idle.terminated()).isFalse();
    }
}
