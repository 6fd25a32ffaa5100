package dev.warden.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden mcp ...}: the MCP gateway's upstream tools and their pinned definitions (operator). */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Inspect the MCP gateway's upstream tools and approve changed tool definitions.")
public final class McpCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "tools", mixinStandardHelpOptions = true,
            description = "List upstream tools: upstream, pin state (approved, changed, pending), hashes, classification (JSON).")
    int tools(@Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/mcp/tools", token));
        }
        return 0;
    }

    @Command(name = "upstreams", mixinStandardHelpOptions = true,
            description = "List upstream MCP servers and their state (JSON).")
    int upstreams(@Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/mcp/upstreams", token));
        }
        return 0;
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = {"Approve the definition a tool's upstream now serves (after a change, or for a new tool",
                    "under pinning: require_approval). Review it first with 'warden mcp tools'."})
    int approve(@Parameters(paramLabel = "NAME", description = "The gateway tool name, e.g. fs.write_file.") String name,
                @Option(names = "--hash", paramLabel = "SHA256",
                        description = "The pending hash you reviewed; refused if the definition changed again since.") String hash,
                @Mixin OperatorOptions op) {
        ObjectNode body = CliJson.object();
        if (hash != null) {
            body.put("hash", hash);
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/mcp/tools/" + WardenClient.encode(name) + "/approve", token, body));
        }
        return 0;
    }
}
