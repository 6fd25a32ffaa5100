package dev.warden.mcp;

import dev.warden.catalog.EffectClass;
import dev.warden.catalog.RiskTier;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The {@code mcp:} section of {@code warden.yaml}.
 *
 * @param approvalWait   how long a {@code tools/call} that needs approval is held waiting for an operator
 * @param defaultEffects effect classes of an upstream tool that has no entry in {@code tools.yaml}
 *                       (default {@code [write]}: never silently read-only)
 * @param defaultRisk    its risk tier (default {@code high})
 * @param pinning        what to do with a tool definition seen for the first time
 * @param sessionIdleTimeout  an MCP session that has sent no request for this long, with no call in
 *                       flight or held for approval, is ended (and its upstream sessions with it)
 * @param maxSessionsPerAgent the most MCP sessions one agent may have open; an initialize beyond
 *                       it is refused with HTTP 429
 * @param upstreams      the upstream servers, with unique names and prefixes
 */
public record McpGatewayConfig(Duration approvalWait, Set<EffectClass> defaultEffects, RiskTier defaultRisk,
                               PinningMode pinning, Duration sessionIdleTimeout, int maxSessionsPerAgent,
                               List<UpstreamConfig> upstreams) {
    /** Default {@link #sessionIdleTimeout()}: 30 minutes. */
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** Default {@link #maxSessionsPerAgent()}. */
    public static final int DEFAULT_MAX_SESSIONS_PER_AGENT = 100;

    /** Copies and checks. */
    public McpGatewayConfig {
        defaultEffects = Set.copyOf(defaultEffects);
        upstreams = List.copyOf(upstreams);
        if (defaultEffects.isEmpty()) {
            throw new IllegalArgumentException("default_tool.effects must not be empty");
        }
        if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
            throw new IllegalArgumentException("session_idle_timeout_seconds must be positive");
        }
        if (maxSessionsPerAgent < 1) {
            throw new IllegalArgumentException("max_sessions_per_agent must be at least 1");
        }
    }

    /**
     * The defaults: 30 s approval wait, unknown tools are write/high, trust on first use, sessions
     * idle for 30 minutes end, at most 100 sessions per agent.
     */
    public static McpGatewayConfig defaults(List<UpstreamConfig> upstreams) {
        return new McpGatewayConfig(Duration.ofSeconds(30), Set.of(EffectClass.WRITE), RiskTier.HIGH,
                PinningMode.TRUST_ON_FIRST_USE, DEFAULT_SESSION_IDLE_TIMEOUT, DEFAULT_MAX_SESSIONS_PER_AGENT, upstreams);
    }
}
