package dev.warden.mcp;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One process of a stdio upstream per agent session ({@code session_processes}), for servers
 * that keep state an agent must not share with another (a browser, a shell, a scratch memory). The
 * process is started on the agent session's first call, reused by its later calls, started afresh
 * if it has exited (its state is then gone, as after any crash), and ended when the agent session
 * ends. At most {@code max} run at once; a call that would start one more fails without a process.
 * Tool lists, resources and prompts still come from the upstream's supervised shared process.
 */
final class SessionProcesses implements SessionScoped, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SessionProcesses.class.getName());

    private final String upstream;
    private final int max;
    private final Function<String, UpstreamLink> starter;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean closed;

    /** A call could not get a process for its agent session. */
    static final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message);
        }
    }

    /** The process of one agent session; guarded by its own monitor. */
    private static final class Slot {
        UpstreamLink link;
        volatile boolean alive;
        boolean counted;
        boolean ended;
    }

    /**
     * @param upstream the upstream's name (for messages)
     * @param max      how many may run at once
     * @param starter  starts and initializes the process of one agent session (blocking)
     */
    SessionProcesses(String upstream, int max, Function<String, UpstreamLink> starter) {
        this.upstream = upstream;
        this.max = max;
        this.starter = starter;
    }

    /**
     * The running process of an agent session, started (and initialized) first if it has none.
     *
     * @throws UnavailableException when the session has ended, {@code max} processes are running,
     *                              or the process could not be started
     */
    UpstreamLink link(String owner) {
        if (closed) {
            throw new UnavailableException("upstream '" + upstream + "' is stopping");
        }
        Slot slot = slots.computeIfAbsent(owner, k -> new Slot());
        synchronized (slot) {
            if (slot.ended || closed) {
                throw new UnavailableException("the session has ended");
            }
            if (slot.link != null && slot.alive) {
                return slot.link;
            }
            if (slot.link != null) {
                LOG.log(Level.INFO, "MCP upstream " + upstream + ": the process of session " + owner
                        + " exited; starting a new one (its state is gone)");
                slot.link.close();
                slot.link = null;
            }
            // a slot stays in the map until its session ends (even without a process): a caller
            // waiting on its monitor must never start a process in a slot nobody would end
            if (!slot.counted) {
                if (running.incrementAndGet() > max) {
                    running.decrementAndGet();
                    throw new UnavailableException("upstream '" + upstream + "' already runs " + max
                            + " session processes, the most allowed (session_processes); try again when a session has ended");
                }
                slot.counted = true;
            }
            UpstreamLink started;
            try {
                started = starter.apply(owner);
            } catch (RuntimeException e) {
                slot.counted = false; // no process: it must not hold one of the max places
                running.decrementAndGet();
                throw new UnavailableException("could not start a process for this session: " + UpstreamSupervisor.rootMessage(e));
            }
            slot.link = started;
            slot.alive = true;
            watchExit(slot, started);
            return started;
        }
    }

    private static void watchExit(Slot slot, UpstreamLink link) {
        if (link.transport().delegate() instanceof SupervisedStdioTransport stdio) {
            stdio.exited().subscribe(null, e -> { }, () -> {
                synchronized (slot) {
                    if (slot.link == link) {
                        slot.alive = false;
                    }
                }
            });
        }
    }

    @Override
    public void end(String owner) {
        Slot slot = slots.remove(owner);
        if (slot != null) {
            Thread.ofVirtual().name("mcp-session-process-end").start(() -> stop(slot));
        }
    }

    /** Ends the slot's process; waits for a start in progress first, so that process ends too. */
    private void stop(Slot slot) {
        synchronized (slot) {
            slot.ended = true;
            if (slot.link != null) {
                slot.link.close();
                slot.link = null;
            }
            if (slot.counted) {
                slot.counted = false;
                running.decrementAndGet();
            }
        }
    }

    @Override
    public Set<String> owners() {
        return Set.copyOf(slots.keySet());
    }

    @Override
    public int openSessions() {
        return running.get();
    }

    /** Ends every session process. */
    @Override
    public void close() {
        closed = true;
        for (String owner : owners()) {
            Slot slot = slots.remove(owner);
            if (slot != null) {
                stop(slot);
            }
        }
    }
}
