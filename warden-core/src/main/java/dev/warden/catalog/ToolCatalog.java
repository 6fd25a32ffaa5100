package dev.warden.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The immutable set of tools Warden knows. A tool not in the catalog is always denied. */
public final class ToolCatalog {
    private final Map<String, Tool> tools;

    private ToolCatalog(Map<String, Tool> tools) {
        this.tools = tools;
    }

    /**
     * Builds a catalog.
     *
     * @throws IllegalArgumentException if two tools share a name, or a tool's compensation names
     *                                  a tool that is not in the catalog
     */
    public static ToolCatalog of(Collection<Tool> tools) {
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (Tool tool : tools) {
            if (byName.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalArgumentException("duplicate tool name: " + tool.name());
            }
        }
        for (Tool tool : byName.values()) {
            tool.compensateWith().ifPresent(c -> {
                if (!byName.containsKey(c.tool())) {
                    throw new IllegalArgumentException("tool " + tool.name() + ": compensating tool '" + c.tool()
                            + "' is not in the catalog");
                }
            });
        }
        return new ToolCatalog(Map.copyOf(byName));
    }

    /** The tool with this name, if catalogued. */
    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** Every tool. */
    public Collection<Tool> tools() {
        return tools.values();
    }
}
