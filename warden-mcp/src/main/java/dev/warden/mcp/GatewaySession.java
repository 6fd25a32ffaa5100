package dev.warden.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.util.Optional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One agent's MCP session: its SDK session, the agent that owns it, its in-flight calls (by
 * JSON-RPC id, for cancellation) and a signal that fires when Warden ends it (kill, quarantine).
 */
final class GatewaySession {
    private final String id;
    private final String agent;
    private final McpStreamableServerSession session;
    private final Sinks.Empty<Void> ended = Sinks.empty();
    /** {@link #ended} as a future, for approval waits (the sink replays its end to late subscribers). */
    private final CompletableFuture<Void> endedSignal = ended.asMono().toFuture();
    private final Map<String, Sinks.Empty<Void>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    /** Read: a request is being handed upstream; write: Warden ends the session (see {@link #handOver}). */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile boolean terminated;
    private volatile String endReason = "";
    private volatile Set<String> listedTools;
    private volatile Instant lastActive;
    /** The Warden session (token {@code sid}) of the latest request, for carrying labels over on a renewal. */
    private final AtomicReference<String> tokenSession = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final McpSchema.ClientCapabilities declared;
    /** The relays of the calls running in each upstream (by upstream name). */
    private final Map<String, Set<AgentRelay.Running>> relays = new ConcurrentHashMap<>();

    GatewaySession(String id, String agent, McpStreamableServerSession session, Instant opened) {
        this(id, agent, session, opened, null);
    }

    /**
     * @param declared the client capabilities the agent's client declared at initialize (null: none)
     */
    GatewaySession(String id, String agent, McpStreamableServerSession session, Instant opened,
                   McpSchema.ClientCapabilities declared) {
        this.id = id;
        this.agent = agent;
        this.session = session;
        this.lastActive = opened;
        this.declared = declared;
    }

    /** What the agent's client declared at initialize (null: nothing). */
    McpSchema.ClientCapabilities declared() {
        return declared;
    }

    /** True when the client declared elicitation or sampling: its calls are answered as event streams. */
    boolean relaysRequests() {
        return declared != null && (declared.elicitation() != null || declared.sampling() != null);
    }

    /** A call with a relay is running in {@code upstream}; undo with {@link #relayEnded}. */
    void relayStarted(String upstream, AgentRelay.Running relay) {
        relays.computeIfAbsent(upstream, k -> ConcurrentHashMap.newKeySet()).add(relay);
    }

    void relayEnded(String upstream, AgentRelay.Running relay) {
        relays.computeIfPresent(upstream, (k, set) -> {
            set.remove(relay);
            return set.isEmpty() ? null : set;
        });
    }

    /** The relay of the one call running in {@code upstream}, if exactly one is. */
    Optional<AgentRelay.Running> soleRelay(String upstream) {
        Set<AgentRelay.Running> running = relays.get(upstream);
        if (running == null) {
            return Optional.empty();
        }
        List<AgentRelay.Running> now = List.copyOf(running);
        return now.size() == 1 ? Optional.of(now.getFirst()) : Optional.empty();
    }

    /** A request from the client begins (for the idle timeout: a session with one running is not idle). */
    void requestStarted(Instant now) {
        requests.incrementAndGet();
        lastActive = now;
    }

    /** The request has been answered. */
    void requestEnded(Instant now) {
        lastActive = now;
        requests.decrementAndGet();
    }

    /** True when no request, call or approval wait is running in this session. */
    boolean quiet() {
        return requests.get() == 0 && inFlight.isEmpty() && waiting.get() == 0;
    }

    /** When the client last sent a request in this session (or opened it). */
    Instant lastActive() {
        return lastActive;
    }

    /**
     * Notes the Warden session (the access token's {@code sid}) a request of this MCP session came
     * with; the one before it when it changed (the client renewed its token), else null.
     */
    String tokenSession(String current) {
        String before = tokenSession.getAndSet(current);
        return before == null || before.equals(current) ? null : before;
    }

    String id() {
        return id;
    }

    String agent() {
        return agent;
    }

    McpStreamableServerSession sdkSession() {
        return session;
    }

    /** True once Warden ended the session; every later request is refused. */
    boolean terminated() {
        return terminated;
    }

    String endReason() {
        return endReason;
    }

    /** Completes when Warden ends the session. */
    Mono<Void> ended() {
        return ended.asMono();
    }

    /**
     * Marks the session ended, stops in-flight calls and wakes threads waiting for approvals. Once
     * it returns no request of this session is handed upstream any more ({@link #handOver}): a
     * hand-over already running finishes first, and every later one is refused.
     */
    void terminate(String reason) {
        gate.writeLock().lock();
        try {
            endReason = reason;
            terminated = true;
        } finally {
            gate.writeLock().unlock();
        }
        ended.tryEmitEmpty();
    }

    /**
     * Hands a request upstream ({@code start} sends it, or queues it with the upstream's transport,
     * and returns without waiting for the answer) unless the session has ended or
     * {@code stillAllowed} says no (the agent was killed or its token revoked after the decision).
     * The check and the hand-over are one step that {@link #terminate} waits for, so a kill whose
     * answer has returned has no request of this session sent after it.
     *
     * @return what {@code start} returned, or empty when the request was not sent
     */
    <T> Optional<T> handOver(BooleanSupplier stillAllowed, Supplier<T> start) {
        gate.readLock().lock();
        try {
            if (terminated || !stillAllowed.getAsBoolean()) {
                return Optional.empty();
            }
            return Optional.of(start.get());
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Registers an in-flight request; the returned signal fires if the agent cancels it. */
    Sinks.Empty<Void> track(String rpcId) {
        Sinks.Empty<Void> cancel = Sinks.empty();
        if (rpcId != null) {
            inFlight.put(rpcId, cancel);
        }
        return cancel;
    }

    void untrack(String rpcId) {
        if (rpcId != null) {
            inFlight.remove(rpcId);
        }
    }

    /** The agent cancelled a request. */
    void cancel(String rpcId) {
        Sinks.Empty<Void> s = rpcId == null ? null : inFlight.get(rpcId);
        if (s != null) {
            s.tryEmitEmpty();
        }
    }

    boolean idle() {
        return inFlight.isEmpty();
    }

    /**
     * Runs {@code wait}, a wait that ends when the signal it is given completes (Warden ended the
     * session), counted so that an idle sweep does not end a session while it waits. The signal,
     * not an interrupt, ends it: the thread may be a pooled one that serves other requests next.
     */
    void waiting(java.util.function.Consumer<CompletableFuture<Void>> wait) {
        waiting.incrementAndGet();
        try {
            if (!terminated) {
                wait.accept(endedSignal);
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** The tool names last listed to this session (null before its first tools/list). */
    Set<String> listedTools() {
        return listedTools;
    }

    void listedTools(Set<String> names) {
        listedTools = Set.copyOf(names);
    }
}
