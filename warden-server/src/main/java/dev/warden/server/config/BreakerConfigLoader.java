package dev.warden.server.config;

import dev.warden.breaker.BreakerConfig;
import dev.warden.breaker.BreakerSettings;
import dev.warden.catalog.ToolCatalog;
import dev.warden.mcp.McpGatewayConfig;
import dev.warden.mcp.UpstreamConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code breakers:} section of {@code warden.yaml}: {@code defaults}, then overrides per
 * tool ({@code tools}) and per MCP upstream ({@code upstreams}) that inherit what they do not set.
 */
final class BreakerConfigLoader {
    static final Set<String> KEYS = Set.of("defaults", "tools", "upstreams");
    private static final Set<String> SETTING_KEYS = Set.of("failure_rate_threshold", "window", "minimum_calls",
            "open_seconds", "half_open_calls");
    private static final Pattern WINDOW = Pattern.compile("\\s*(\\d{1,9})\\s+([a-z_]+)\\s*");

    private BreakerConfigLoader() {
    }

    static BreakerConfig breakers(YamlNode node, ToolCatalog catalog, Optional<McpGatewayConfig> mcp) {
        node.allowOnly(KEYS);
        BreakerSettings defaults = node.get("defaults").map(d -> settings(d, BreakerSettings.DEFAULTS))
                .orElse(BreakerSettings.DEFAULTS);
        List<UpstreamConfig> upstreams = mcp.map(McpGatewayConfig::upstreams).orElse(List.of());
        Map<String, BreakerSettings> tools = new LinkedHashMap<>();
        node.get("tools").ifPresent(t -> {
            for (String name : t.keys()) {
                YamlNode entry = t.require(name);
                boolean gatewayTool = upstreams.stream().anyMatch(u -> name.startsWith(u.prefix() + "."));
                if (catalog.find(name).isEmpty() && !gatewayTool) {
                    throw t.errorAtKey(name, "'" + name + "' is not a tool in tools.yaml nor of a configured MCP upstream");
                }
                tools.put(name, settings(entry, defaults));
            }
        });
        Map<String, BreakerSettings> byUpstream = new LinkedHashMap<>();
        node.get("upstreams").ifPresent(u -> {
            for (String name : u.keys()) {
                YamlNode entry = u.require(name);
                if (upstreams.stream().noneMatch(c -> c.name().equals(name))) {
                    throw u.errorAtKey(name, "'" + name + "' is not an upstream of the mcp section");
                }
                byUpstream.put(name, settings(entry, defaults));
            }
        });
        return new BreakerConfig(defaults, tools, byUpstream);
    }

    /** One set of settings; what it leaves out comes from {@code base}. */
    private static BreakerSettings settings(YamlNode n, BreakerSettings base) {
        n.allowOnly(SETTING_KEYS);
        float rate = n.get("failure_rate_threshold").map(v -> (float) v.integer(1, 100)).orElse(base.failureRatePercent());
        int windowSize = base.windowSize();
        BreakerSettings.WindowUnit unit = base.windowUnit();
        Optional<YamlNode> window = n.get("window");
        if (window.isPresent()) {
            Matcher m = WINDOW.matcher(window.get().text());
            if (!m.matches()) {
                throw window.get().error("must be a count and a unit, e.g. '20 calls' or '60 seconds'");
            }
            try {
                unit = BreakerSettings.WindowUnit.parse(m.group(2));
            } catch (IllegalArgumentException e) {
                throw window.get().error(e.getMessage());
            }
            windowSize = Integer.parseInt(m.group(1));
            if (windowSize < 1 || windowSize > 100_000) {
                throw window.get().error("the count must be between 1 and 100000");
            }
        }
        int minimum = n.get("minimum_calls").map(v -> (int) v.integer(1, 100_000)).orElse(base.minimumCalls());
        Duration open = n.get("open_seconds").map(v -> Duration.ofSeconds(v.integer(1, 86_400))).orElse(base.openFor());
        int probes = n.get("half_open_calls").map(v -> (int) v.integer(1, 1000)).orElse(base.halfOpenCalls());
        try {
            return new BreakerSettings(rate, windowSize, unit, minimum, open, probes);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }
}
