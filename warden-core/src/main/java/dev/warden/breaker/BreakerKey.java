package dev.warden.breaker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a breaker guards: one agent's calls of one tool, or every call to one MCP upstream.
 *
 * @param agent    the agent, for an agent x tool breaker (else null)
 * @param tool     the tool, for an agent x tool breaker (else null)
 * @param upstream the upstream, for an upstream breaker (else null)
 */
public record BreakerKey(String agent, String tool, String upstream) {

    /** Checks that the key names either an agent and a tool or an upstream. */
    public BreakerKey {
        boolean toolKey = agent != null && tool != null && upstream == null;
        boolean upstreamKey = agent == null && tool == null && upstream != null;
        if (!toolKey && !upstreamKey) {
            throw new IllegalArgumentException("a breaker key names an agent and a tool, or an upstream");
        }
    }

    /** The breaker of {@code agent}'s calls of {@code tool}. */
    public static BreakerKey of(String agent, String tool) {
        return new BreakerKey(Objects.requireNonNull(agent, "agent"), Objects.requireNonNull(tool, "tool"), null);
    }

    /** The breaker of an MCP upstream. */
    public static BreakerKey upstream(String upstream) {
        return new BreakerKey(null, null, Objects.requireNonNull(upstream, "upstream"));
    }

    /** True for an upstream breaker. */
    public boolean isUpstream() {
        return upstream != null;
    }

    /** The wire form: {@code agent} and {@code tool}, or {@code upstream}. */
    public Map<String, Object> wire() {
        Map<String, Object> m = new LinkedHashMap<>(4);
        if (isUpstream()) {
            m.put("upstream", upstream);
        } else {
            m.put("agent", agent);
            m.put("tool", tool);
        }
        return m;
    }

    @Override
    public String toString() {
        return isUpstream() ? "upstream " + upstream : agent + " x " + tool;
    }
}
