package dev.warden.mcp;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ends the gateway's idle sessions (see {@link McpGatewayConfig#sessionIdleTimeout()}) and the
 * upstream sessions left without their agent session, looking once a second.
 */
final class IdleSessionSweeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IdleSessionSweeper.class.getName());
    static final Duration PERIOD = Duration.ofSeconds(1);

    private final GatewaySessions sessions;
    private final Supplier<List<SessionScoped>> sessionScoped;
    private final Clock clock;
    private final Duration idleTimeout;
    private ScheduledExecutorService executor;

    /** @param sessionScoped what upstreams keep per agent session, as it is at the time of a sweep */
    IdleSessionSweeper(GatewaySessions sessions, Supplier<List<SessionScoped>> sessionScoped, Clock clock,
                       Duration idleTimeout) {
        this.sessions = sessions;
        this.sessionScoped = sessionScoped;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    /** Sweeps once a second from now on, until {@link #close}. */
    synchronized void start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("mcp-session-sweeper").factory());
            executor.scheduleWithFixedDelay(this::sweep, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One sweep; a failure is logged, and the next sweep comes all the same. */
    void sweep() {
        try {
            List<GatewaySession> ended = sessions.expireIdle(clock.instant(), idleTimeout);
            if (!ended.isEmpty()) {
                LOG.log(Level.INFO, "MCP gateway: ended " + ended.size() + " session(s) idle for more than "
                        + idleTimeout.toSeconds() + " s");
            }
            endOrphanedUpstreamSessions();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MCP gateway: idle session sweep failed: " + e.getMessage());
        }
    }

    /**
     * Ends upstream sessions whose agent session is gone: a call that was already under way when
     * its session ended can have opened one after the session's own end was handled. The owners
     * are read before the sessions, so a session opened meanwhile is never taken for gone.
     */
    private void endOrphanedUpstreamSessions() {
        for (SessionScoped c : sessionScoped.get()) {
            for (String owner : c.owners()) {
                if (sessions.find(owner).isEmpty()) {
                    c.end(owner);
                }
            }
        }
    }

    /** Stops sweeping. */
    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
