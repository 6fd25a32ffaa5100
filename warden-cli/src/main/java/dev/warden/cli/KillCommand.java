package dev.warden.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden kill}: the kill switch for one agent, an owner's, a project's or all agents (operator). */
@Command(name = "kill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Kill agents: every decision denied, every token and approval revoked, MCP sessions ended.",
                "Agents already killed are listed as such and left alone; agents registered later are not affected.",
                "Prints {\"killed\": [...], \"already_killed\": [...]}."})
public final class KillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded in the audit trail).")
    String reason;

    @Mixin
    OperatorOptions op;

    /** Exactly one of the scopes. */
    static final class Scope {
        @Option(names = "--agent", paramLabel = "NAME", description = "One agent.")
        String agent;

        @Option(names = "--owner", paramLabel = "OWNER", description = "Every agent of this owner.")
        String owner;

        @Option(names = "--project", paramLabel = "PROJECT", description = "Every agent of this project.")
        String project;

        @Option(names = "--all", description = "Every agent.")
        boolean all;
    }

    @Override
    public Integer call() {
        ObjectNode body = CliJson.object();
        if (scope.agent != null) {
            body.put("agent", scope.agent);
        } else if (scope.owner != null) {
            body.put("owner", scope.owner);
        } else if (scope.project != null) {
            body.put("project", scope.project);
        } else {
            body.put("all", true);
        }
        body.put("reason", reason);
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/kill", token, body));
        }
        return 0;
    }
}
