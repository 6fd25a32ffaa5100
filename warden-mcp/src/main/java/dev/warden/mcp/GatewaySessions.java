package dev.warden.mcp;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The open MCP sessions, by session id. */
final class GatewaySessions {
    private static final System.Logger LOG = System.getLogger(GatewaySessions.class.getName());
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final ConcurrentHashMap<String, GatewaySession> byId = new ConcurrentHashMap<>();
    private final Consumer<String> onRemoved;

    GatewaySessions() {
        this(id -> { });
    }

    /** @param onRemoved told the id of each session removed (ended by the client or by Warden) */
    GatewaySessions(Consumer<String> onRemoved) {
        this.onRemoved = onRemoved;
    }

    void add(GatewaySession s) {
        byId.put(s.id(), s);
    }

    Optional<GatewaySession> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    void remove(String id) {
        if (byId.remove(id) != null) {
            onRemoved.accept(id);
        }
    }

    List<GatewaySession> all() {
        return List.copyOf(byId.values());
    }

    List<GatewaySession> ofAgent(String agent) {
        return byId.values().stream().filter(s -> s.agent().equals(agent)).toList();
    }

    /** How many sessions the agent has open (ended ones still closing are not counted). */
    int countOf(String agent) {
        return (int) ofAgent(agent).stream().filter(s -> !s.terminated()).count();
    }

    /**
     * Ends every session of an agent at once: later requests are refused (404), in-flight calls
     * fail immediately with a JSON-RPC error, approval waits stop. The SDK sessions (and their open
     * SSE streams) are closed in the background once the in-flight calls have answered, at most
     * two seconds later.
     */
    int endAll(String agent, String reason) {
        List<GatewaySession> ending = ofAgent(agent);
        end(ending, reason);
        return ending.size();
    }

    /** Ends one session as {@link #endAll} does. */
    void endOne(GatewaySession s, String reason) {
        end(List.of(s), reason);
    }

    /**
     * Ends the sessions whose client has sent nothing for longer than {@code idleTimeout} and that
     * have nothing running (no request, call or approval wait); a client that comes back gets 404
     * and, as the protocol requires, initializes a new session.
     *
     * @return the sessions ended
     */
    List<GatewaySession> expireIdle(Instant now, Duration idleTimeout) {
        List<GatewaySession> idle = byId.values().stream()
                .filter(s -> !s.terminated() && s.quiet() && s.lastActive().plus(idleTimeout).isBefore(now))
                .toList();
        end(idle, "idle for more than " + idleTimeout.toSeconds() + " s");
        return idle;
    }

    private void end(List<GatewaySession> ending, String reason) {
        if (ending.isEmpty()) {
            return;
        }
        ending.forEach(s -> s.terminate(reason));
        Thread.ofVirtual().name("mcp-end-sessions").start(() -> {
            long deadline = System.nanoTime() + DRAIN.toNanos();
            for (GatewaySession s : ending) {
                while (!s.idle() && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                try {
                    s.sdkSession().close();
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "closing MCP session " + s.id() + ": " + e.getMessage());
                }
                remove(s.id());
            }
        });
    }
}
