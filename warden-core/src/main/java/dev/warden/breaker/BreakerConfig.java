package dev.warden.breaker;

import java.util.Map;
import java.util.Objects;

/**
 * The settings of every breaker: defaults, and overrides per tool (for the agent x tool breakers
 * of that tool) and per MCP upstream.
 *
 * @param defaults  what a breaker gets when no override names it
 * @param tools     overrides by tool name
 * @param upstreams overrides by upstream name
 */
public record BreakerConfig(BreakerSettings defaults, Map<String, BreakerSettings> tools,
                            Map<String, BreakerSettings> upstreams) {

    /** The defaults everywhere. */
    public static final BreakerConfig DEFAULTS = new BreakerConfig(BreakerSettings.DEFAULTS, Map.of(), Map.of());

    /** Copies the maps. */
    public BreakerConfig {
        Objects.requireNonNull(defaults, "defaults");
        tools = Map.copyOf(tools);
        upstreams = Map.copyOf(upstreams);
    }

    /** The settings of the breakers of {@code tool}. */
    public BreakerSettings forTool(String tool) {
        return tools.getOrDefault(tool, defaults);
    }

    /** The settings of the breaker of {@code upstream}. */
    public BreakerSettings forUpstream(String upstream) {
        return upstreams.getOrDefault(upstream, defaults);
    }
}
