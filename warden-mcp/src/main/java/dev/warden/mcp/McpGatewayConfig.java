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
 * @param upstreams      the upstream servers, with unique names and prefixes
 */
public record McpGatewayConfig(Duration approvalWait, Set<EffectClass> defaultEffects, RiskTier defaultRisk,
                               PinningMode pinning, List<UpstreamConfig> upstreams) {

    /** Copies and checks. */
    public McpGatewayConfig {
        defaultEffects = Set.copyOf(defaultEffects);
        upstreams = List.copyOf(upstreams);
        if (defaultEffects.isEmpty()) {
            throw new IllegalArgumentException("default_tool.effects must not be empty");
        }
    }

    /** The defaults: 30 s approval wait, unknown tools are write/high, trust on first use, no upstreams. */
    public static McpGatewayConfig defaults(List<UpstreamConfig> upstreams) {
        return new McpGatewayConfig(Duration.ofSeconds(30), Set.of(EffectClass.WRITE), RiskTier.HIGH,
                PinningMode.TRUST_ON_FIRST_USE, upstreams);
    }
}
