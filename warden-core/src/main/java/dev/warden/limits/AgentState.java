package dev.warden.limits;

import dev.warden.catalog.Tool;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.github.bucket4j.TimeMeter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The counters of one agent: its buckets, budgets and calls in flight, made on its first call. */
final class AgentState {
    /** Session buckets kept before idle ones are swept out. */
    private static final int SESSION_SWEEP = 1024;

    final AgentLimits limits;
    final Bucket agentBucket;
    final List<Budget> budgets;
    final Map<String, Object> counters; // budget name -> WindowSum or DistinctWindow
    final InFlight inFlight = new InFlight();
    final long inFlightTimeoutMs;
    private final TimeMeter meter;
    private final ConcurrentHashMap<String, ToolPlan> tools = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> sessions = new ConcurrentHashMap<>();
    private volatile int sweepAt = SESSION_SWEEP;

    AgentState(AgentLimits limits, TimeMeter meter) {
        this.limits = limits;
        this.meter = meter;
        this.agentBucket = limits.rate().map(r -> bucket(r, meter)).orElse(null);
        this.budgets = List.copyOf(limits.budgets().values());
        Map<String, Object> c = new LinkedHashMap<>();
        for (Budget b : budgets) {
            long ms = b.window().toMillis();
            c.put(b.name(), b.measure() == Measure.DISTINCT ? new DistinctWindow(ms) : new WindowSum(ms));
        }
        this.counters = Map.copyOf(c);
        this.inFlightTimeoutMs = limits.inFlightTimeout().orElse(AgentLimits.DEFAULT_IN_FLIGHT_TIMEOUT).toMillis();
    }

    static Bucket bucket(Rate rate, TimeMeter meter) {
        return Bucket.builder().addLimit(l -> l.capacity(rate.calls()).refillGreedy(rate.calls(), rate.per()))
                .withCustomTimePrecision(meter)
                .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED) // updates in place: no state copy per call
                .build();
    }

    /**
     * What applies to the agent's calls to one tool, worked out once per tool: its limits, its
     * bucket (null without a rate) and the budgets it counts against.
     *
     * @param tool the catalog entry it was worked out for (a new catalog may change the effects)
     */
    record ToolPlan(Tool tool, ToolLimits limits, Bucket bucket, List<Budget> budgets) {
    }

    /** The plan for calls to {@code tool}; made again when the catalog's entry changed, keeping the bucket. */
    @SuppressWarnings("ReferenceEquality") // the same catalog entry object: comparing it whole each call would cost more
    ToolPlan plan(Tool tool) {
        ToolPlan p = tools.get(tool.name());
        if (p != null && p.tool() == tool) {
            return p;
        }
        return tools.compute(tool.name(), (name, old) -> {
            if (old != null && old.tool() == tool) {
                return old;
            }
            ToolLimits l = limits.tool(name);
            Bucket b = l.rate().isEmpty() ? null
                    : old != null && old.bucket() != null && old.limits().rate().equals(l.rate()) ? old.bucket()
                    : bucket(l.rate().get(), meter);
            return new ToolPlan(tool, l, b, budgets.stream().filter(x -> x.matches(tool)).toList());
        });
    }

    /** The bucket of {@code session} at {@code rate}; idle sessions' buckets are swept out as they pile up. */
    Bucket session(String session, Rate rate) {
        Bucket b = sessions.get(session);
        if (b != null) {
            return b;
        }
        if (sessions.size() >= sweepAt) {
            sweep(rate);
        }
        return sessions.computeIfAbsent(session, s -> bucket(rate, meter));
    }

    /** Drops the buckets that are full again: a new bucket would be the same, so nothing is forgotten. */
    private synchronized void sweep(Rate rate) {
        if (sessions.size() < sweepAt) {
            return;
        }
        sessions.values().removeIf(b -> b.getAvailableTokens() >= rate.calls());
        sweepAt = Math.max(SESSION_SWEEP, sessions.size() * 2); // sweeping again soon would free nothing
    }

    /** How many session buckets are held (for tests of the sweep). */
    int sessions() {
        return sessions.size();
    }
}
