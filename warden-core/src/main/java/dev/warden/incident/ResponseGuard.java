package dev.warden.incident;

import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the incident responses that act on single calls: per-agent throttles (calls over the
 * throttled rate are denied {@code throttled} with a retry hint) and re-verification holds (calls
 * to a held tool need a human approval, {@code reverification_required}). Both stay until an
 * operator undoes the response. Runs with the added guards, after the limits and before the
 * policy and approval guards.
 */
public final class ResponseGuard implements Guard {
    /** The guard name in deny reasons. */
    public static final String GUARD = "incident";
    /** A hold on every tool of the agent (an anomaly that names no tool). */
    static final String ALL_TOOLS = "*";

    private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();
    /** agent -> tool (or {@link #ALL_TOOLS}) -> incident id that holds it. */
    private final Map<String, Map<String, String>> holds = new ConcurrentHashMap<>();

    /** A token bucket of {@code perMinute} calls a minute, holding at most one minute's worth. */
    private static final class Throttle {
        private final double perMinute;
        private final String incident;
        private double tokens;
        private Instant last;

        Throttle(double perMinute, String incident, Instant now) {
            this.perMinute = perMinute;
            this.incident = incident;
            this.tokens = capacity();
            this.last = now;
        }

        private double capacity() {
            return Math.max(1.0, perMinute);
        }

        /** Takes a call: 0 when allowed, else milliseconds until the next one is. */
        synchronized long take(Instant now) {
            long elapsed = Math.max(0, now.toEpochMilli() - last.toEpochMilli());
            last = now.isAfter(last) ? now : last;
            tokens = Math.min(capacity(), tokens + elapsed * perMinute / 60_000.0);
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1.0 - tokens) * 60_000.0 / perMinute));
        }
    }

    @Override
    public Verdict check(DecisionContext d) {
        String agent = d.agent().name();
        Throttle t = throttles.get(agent);
        if (t != null) {
            long wait = t.take(d.now());
            if (wait > 0) {
                return Verdict.deny(Reason.retryable(GUARD, "throttled", "agent '" + agent + "' is throttled to "
                        + rate(t.perMinute) + " calls a minute by incident " + t.incident, wait));
            }
        }
        Map<String, String> held = holds.get(agent);
        if (held != null) {
            String incident = held.getOrDefault(d.tool().name(), held.get(ALL_TOOLS));
            if (incident != null) {
                d.requireApproval(Reason.of(GUARD, "reverification_required", "calls of '" + agent + "' to '"
                        + d.tool().name() + "' need re-verification by a human (incident " + incident + ")"));
            }
        }
        return Verdict.PASS;
    }

    private static String rate(double perMinute) {
        return perMinute == Math.rint(perMinute) ? String.valueOf((long) perMinute) : String.format(java.util.Locale.ROOT, "%.2f", perMinute);
    }

    /** Throttles the agent to {@code perMinute} calls a minute (replacing a throttle it had). */
    public void throttle(String agent, double perMinute, String incident, Instant now) {
        if (!(perMinute > 0)) {
            throw new IllegalArgumentException("perMinute must be > 0");
        }
        throttles.put(agent, new Throttle(perMinute, incident, now));
    }

    /** Lifts the agent's throttle if {@code incident} placed it (a later incident's throttle stays). */
    public void unthrottle(String agent, String incident) {
        throttles.computeIfPresent(agent, (a, t) -> t.incident.equals(incident) ? null : t);
    }

    /** The agent's throttled rate, if it is throttled. */
    public Optional<Double> throttled(String agent) {
        return Optional.ofNullable(throttles.get(agent)).map(t -> t.perMinute);
    }

    /** Calls of the agent to {@code tool} (every tool when empty) need an approval from now on. */
    public void hold(String agent, Optional<String> tool, String incident) {
        holds.computeIfAbsent(agent, a -> new ConcurrentHashMap<>()).put(tool.orElse(ALL_TOOLS), incident);
    }

    /** Lifts a hold {@code incident} placed with {@link #hold} (a later incident's hold on the tool stays). */
    public void release(String agent, Optional<String> tool, String incident) {
        holds.computeIfPresent(agent, (a, m) -> {
            m.remove(tool.orElse(ALL_TOOLS), incident);
            return m.isEmpty() ? null : m;
        });
    }

    /** Whether calls of the agent to {@code tool} are held for re-verification. */
    public boolean held(String agent, String tool) {
        Map<String, String> m = holds.get(agent);
        return m != null && (m.containsKey(tool) || m.containsKey(ALL_TOOLS));
    }
}
