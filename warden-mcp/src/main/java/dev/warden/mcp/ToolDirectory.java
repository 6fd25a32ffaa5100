package dev.warden.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The merged tool list of all upstreams, by gateway name ({@code <prefix>.<tool>}). Prefixes are
 * unique, so names never collide. A tool whose upstream name cannot be a catalog name is skipped.
 */
final class ToolDirectory {
    private static final System.Logger LOG = System.getLogger(ToolDirectory.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final Map<String, Map<String, GatewayTool>> byUpstream = new ConcurrentHashMap<>();
    private final Map<String, GatewayTool> byName = new ConcurrentHashMap<>();

    /** Replaces the tools of one upstream; returns the new gateway tools. */
    synchronized List<GatewayTool> replace(String upstream, String prefix, Collection<McpSchema.Tool> tools) {
        Map<String, GatewayTool> next = new LinkedHashMap<>();
        for (McpSchema.Tool t : tools) {
            GatewayTool g = GatewayTool.of(prefix, upstream, t);
            if (t.name() == null || !NAME.matcher(g.name()).matches()) {
                LOG.log(Level.WARNING, "MCP upstream " + upstream + ": skipping tool with unusable name '" + t.name() + "'");
                continue;
            }
            next.put(g.name(), g);
        }
        Map<String, GatewayTool> before = byUpstream.put(upstream, Map.copyOf(next));
        if (before != null) {
            before.keySet().forEach(byName::remove);
        }
        byName.putAll(next);
        return List.copyOf(next.values());
    }

    /** The tool with this gateway name. */
    Optional<GatewayTool> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** All tools, in no particular order. */
    List<GatewayTool> all() {
        return new ArrayList<>(byName.values());
    }
}
