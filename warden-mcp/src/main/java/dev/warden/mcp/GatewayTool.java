package dev.warden.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An upstream tool as the gateway offers it: {@code <prefix>.<tool>}, and the hash it is pinned by.
 *
 * @param name         gateway name, {@code <prefix>.<upstream tool name>}
 * @param upstream     upstream name
 * @param upstreamTool the definition the upstream serves
 * @param definition   canonical JSON of the upstream's {@code {name, description, inputSchema}}
 * @param hash         SHA-256 hex of {@code definition}
 */
record GatewayTool(String name, String upstream, McpSchema.Tool upstreamTool, String definition, String hash) {

    /** The gateway view of an upstream tool. */
    static GatewayTool of(String prefix, String upstream, McpSchema.Tool tool) {
        Map<String, Object> def = new LinkedHashMap<>();
        def.put("name", tool.name());
        def.put("description", tool.description());
        def.put("inputSchema", tool.inputSchema() == null ? Map.of() : tool.inputSchema());
        String canonical = McpJson.canonical(def);
        return new GatewayTool(prefix + "." + tool.name(), upstream, tool, canonical, McpJson.sha256Hex(canonical));
    }

    /** The definition shown to agents: the upstream's, under the gateway name. */
    McpSchema.Tool exposed() {
        McpSchema.Tool t = upstreamTool;
        return new McpSchema.Tool(name, t.title(), t.description(), t.inputSchema(), t.outputSchema(), t.annotations(),
                t.meta(), t.icons());
    }
}
