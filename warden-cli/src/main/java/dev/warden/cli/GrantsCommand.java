package dev.warden.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden grants ...}: pre-approvals (operator). */
@Command(name = "grants", mixinStandardHelpOptions = true,
        description = "Grant, list and revoke pre-approvals: scoped, time-boxed permissions that allow matching calls"
                + " that would need a human approval.")
public final class GrantsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Pre-approve an agent's calls of a tool (JSON of the grant). Example:"
                    + " warden grants add support-bot refund.process --when 'amount<50' --max-uses 10 --for 2h --reason outage")
    int add(@Parameters(index = "0", paramLabel = "AGENT", description = "The agent.") String agent,
            @Parameters(index = "1", paramLabel = "TOOL", description = "A tool name, or a group by prefix: refund.*") String tool,
            @Option(names = "--when", paramLabel = "EXPR", description = "A condition on the arguments, e.g. 'amount<50',"
                    + " 'customer.id==c-9', 'region in eu,us' (repeatable; all must hold).") List<String> when,
            @Option(names = "--max-uses", paramLabel = "N", description = "At most this many calls.") Long maxUses,
            @Option(names = "--for", paramLabel = "DURATION", required = true,
                    description = "How long it applies: 30m, 2h, 1d (at most 7 days).") String ttl,
            @Option(names = "--session", paramLabel = "ID", description = "Only calls of this session.") String session,
            @Option(names = "--resource", paramLabel = "R", description = "Only calls on this resource.") String resource,
            @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (recorded).") String reason,
            @Mixin OperatorOptions op) {
        CommandSpec self = spec.subcommands().get("add").getCommandSpec();
        ObjectNode body = CliJson.object();
        body.put("agent", agent);
        body.put("tool", tool);
        if (resource != null) {
            body.put("resource", resource);
        }
        if (session != null) {
            body.put("session", session);
        }
        ArrayNode conditions = body.putArray("when");
        for (String w : when == null ? List.<String>of() : when) {
            try {
                conditions.add(GrantCondition.parse(w).json());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(self.commandLine(), e.getMessage());
            }
        }
        if (maxUses != null) {
            body.put("max_uses", maxUses);
        }
        body.put("expires_in", ttl);
        body.put("reason", reason);
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/grants", token, body));
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List grants (JSON).")
    int list(@Option(names = "--agent", paramLabel = "AGENT", description = "Only this agent's.") String agent,
             @Option(names = "--state", paramLabel = "STATE", defaultValue = "active",
                     description = "active or all (default: ${DEFAULT-VALUE}).") String state,
             @Mixin OperatorOptions op) {
        CommandSpec self = spec.subcommands().get("list").getCommandSpec();
        String s = Output.choice(self, "--state", state, List.of("active", "all"));
        String query = "?state=" + s + (agent == null ? "" : "&agent=" + WardenClient.encode(agent));
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/grants" + query, token));
        }
        return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a grant: it allows nothing more.")
    int revoke(@Parameters(paramLabel = "ID", description = "The grant id.") String id,
               @Option(names = "--note", paramLabel = "TEXT", description = "A note for the audit trail.") String note,
               @Mixin OperatorOptions op) {
        ObjectNode body = CliJson.object();
        if (note != null) {
            body.put("note", note);
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/grants/" + WardenClient.encode(id) + "/revoke", token, body));
        }
        return 0;
    }
}
