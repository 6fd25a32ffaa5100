package dev.warden.mcp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MCP sessions an {@link HttpCallChannel} holds on its upstream, one per agent session:
 * initialized on the agent session's first request (with the client capabilities the gateway
 * relays for it), initialized again when the upstream forgot one, and ended with a {@code DELETE}
 * when the agent session ends.
 */
final class UpstreamSessions {
    /** The longest wait for setting up a session and for the gateway's own messages to the upstream. */
    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(2);

    /** What goes over the wire to set up and end a session. */
    interface Wire {
        /** Sends {@code initialize} declaring {@code capabilities}; the session id the upstream gave (null: none). */
        String initialize(Map<String, Object> capabilities, Duration wait) throws IOException;

        /** Sends {@code notifications/initialized} in the session. */
        void initialized(String sessionId, Duration wait) throws IOException;

        /** Ends the session upstream (best effort). */
        void delete(String sessionId, Duration wait);
    }

    /**
     * The upstream session of one agent session: its id once initialized (null before, and for an
     * upstream that runs without sessions), and whether the agent session has ended.
     */
    static final class Session {
        /** The client capabilities declared to the upstream (what the gateway relays for this agent session). */
        final Map<String, Object> capabilities;
        volatile String id;
        volatile boolean initialized;
        volatile boolean ended;

        Session(Map<String, Object> capabilities) {
            this.capabilities = Map.copyOf(capabilities);
        }
    }

    private final Wire wire;
    /** The upstream session of each agent session (by the gateway's MCP session id). */
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    UpstreamSessions(Wire wire) {
        this.wire = wire;
    }

    /** The number of upstream sessions open. */
    int size() {
        return sessions.size();
    }

    /** The agent sessions that have an upstream session here (a snapshot). */
    Set<String> owners() {
        return Set.copyOf(sessions.keySet());
    }

    /**
     * The upstream session of an agent session, initialized on first use with the client
     * capabilities of {@code requests}.
     *
     * @throws NotSentException when the agent session has ended or the channel is closed
     */
    Session session(String owner, Duration timeout, UpstreamRequests requests) throws IOException {
        Session s = sessions.computeIfAbsent(owner, k -> new Session(requests.capabilities()));
        if (!s.initialized) {
            synchronized (s) {
                if (!s.initialized && !s.ended) {
                    initialize(s, null, timeout);
                }
            }
        }
        if (s.ended || closed) {
            throw new NotSentException("the session has ended");
        }
        return s;
    }

    /** Initializes the session again after the upstream forgot {@code stale} (unless another caller already did). */
    void reinitialize(Session s, String stale, Duration timeout) throws IOException {
        synchronized (s) {
            initialize(s, stale, timeout);
        }
    }

    /** Called holding the session's monitor. */
    private void initialize(Session s, String stale, Duration timeout) throws IOException {
        if (stale != null && !stale.equals(s.id)) {
            return; // another caller already replaced it
        }
        s.id = null;
        s.initialized = false;
        Duration wait = timeout.compareTo(SETUP_TIMEOUT) < 0 ? timeout : SETUP_TIMEOUT;
        s.id = wire.initialize(s.capabilities, wait);
        wire.initialized(s.id, wait);
        s.initialized = true;
    }

    /**
     * Ends the upstream session of an agent session that has ended (in the background); the thread
     * sending the {@code DELETE}, or null when the owner had no session here.
     */
    Thread end(String owner) {
        Session s = sessions.remove(owner);
        if (s == null) {
            return null;
        }
        s.ended = true;
        return Thread.ofVirtual().name("mcp-upstream-session-end").start(() -> {
            synchronized (s) { // after an initialize in progress, so its session is ended too
                if (s.id != null) {
                    wire.delete(s.id, DELETE_TIMEOUT);
                }
            }
        });
    }

    /** Ends every session upstream (in parallel, waiting at most a few seconds in all); later requests fail. */
    void close() {
        List<Thread> deletes = new ArrayList<>();
        for (String owner : owners()) {
            Thread t = end(owner);
            if (t != null) {
                deletes.add(t);
            }
        }
        long deadline = System.nanoTime() + DELETE_TIMEOUT.toNanos();
        for (Thread t : deletes) {
            try {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closed = true;
    }
}
