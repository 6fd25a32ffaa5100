package dev.warden.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code warden breakers ...}: the circuit breakers per agent x tool and per MCP upstream (operator). */
@Command(name = "breakers", mixinStandardHelpOptions = true,
        description = {"List and reset circuit breakers. A breaker opens when too many of an agent's calls of a tool",
                "(or of the calls to an MCP upstream) fail; while open, those calls are denied circuit_open."})
public final class BreakersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List breakers (JSON): state (closed, open, half_open), failure_rate, calls, failed_calls,",
                    "opened_at and retry_at (when an open breaker lets probe calls through)."})
    int list(@Option(names = "--agent", paramLabel = "NAME", description = "Only this agent's breakers.") String agent,
             @Mixin OperatorOptions op) {
        String query = agent == null ? "" : "?agent=" + WardenClient.encode(agent);
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/breakers" + query, token));
        }
        return 0;
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Close a breaker and empty its window (recorded in the audit trail with you as the operator).",
                    "Give --agent and --tool, or --upstream. Prints {..., \"from\": STATE, \"state\": \"closed\"}."})
    int reset(@Option(names = "--agent", paramLabel = "NAME", description = "The agent of an agent x tool breaker.") String agent,
              @Option(names = "--tool", paramLabel = "TOOL", description = "The tool of an agent x tool breaker.") String tool,
              @Option(names = "--upstream", paramLabel = "NAME", description = "The MCP upstream of an upstream breaker.") String upstream,
              @Mixin OperatorOptions op) {
        CommandSpec self = spec.subcommands().get("reset").getCommandSpec();
        ObjectNode body = CliJson.object();
        if (upstream != null) {
            if (agent != null || tool != null) {
                throw new ParameterException(self.commandLine(), "give either --agent and --tool, or --upstream");
            }
            body.put("upstream", upstream);
        } else {
            if (agent == null || tool == null) {
                throw new ParameterException(self.commandLine(), "give --agent and --tool, or --upstream");
            }
            body.put("agent", agent);
            body.put("tool", tool);
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/breakers/reset", token, body));
        }
        return 0;
    }
}
