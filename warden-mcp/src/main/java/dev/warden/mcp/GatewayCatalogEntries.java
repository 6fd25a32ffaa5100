package dev.warden.mcp;

import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/** The catalog entries the gateway synthesizes for its upstreams (see {@link McpGateway#withGatewayEntries}). */
final class GatewayCatalogEntries {
    private GatewayCatalogEntries() {
    }

    /** {@code catalog} with the entries of these upstreams that it does not name already. */
    static ToolCatalog addedTo(ToolCatalog catalog, List<UpstreamConfig> upstreams) {
        List<Tool> missing = of(upstreams).stream().filter(t -> catalog.find(t.name()).isEmpty()).toList();
        if (missing.isEmpty()) {
            return catalog;
        }
        List<Tool> all = new ArrayList<>(catalog.tools());
        all.addAll(missing);
        return ToolCatalog.of(all);
    }

    /**
     * The synthesized entries of these upstreams: resources/read and prompts/get of each, and the
     * relayed elicitation and sampling requests of each Streamable HTTP one and each stdio one with
     * session processes (a shared stdio process's requests could come from any agent's call, so
     * they are never relayed).
     */
    static List<Tool> of(List<UpstreamConfig> upstreams) {
        List<Tool> out = new ArrayList<>();
        for (UpstreamConfig u : upstreams) {
            out.add(CatalogSync.resourceReadEntry(u.prefix()));
            out.add(CatalogSync.promptGetEntry(u.prefix()));
            if (u.endpoint() instanceof UpstreamEndpoint.Http
                    || u.endpoint() instanceof UpstreamEndpoint.Stdio s && s.sessionProcesses() > 0) {
                out.add(CatalogSync.relayEntry(u.prefix(), McpSchema.METHOD_ELICITATION_CREATE));
                out.add(CatalogSync.relayEntry(u.prefix(), McpSchema.METHOD_SAMPLING_CREATE_MESSAGE));
            }
        }
        return out;
    }
}
