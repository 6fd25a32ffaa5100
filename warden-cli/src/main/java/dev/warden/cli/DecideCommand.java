package dev.warden.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code warden decide}: asks Warden for a decision as an agent and prints it. */
@Command(name = "decide", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask Warden whether an agent may perform an action; prints the decision (JSON).",
                "Authenticates with --key (a fresh token is fetched) or --token. A deny or approval_required "
                        + "is a normal answer and exits with 0; read the \"decision\" field."})
public final class DecideCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--action", required = true, paramLabel = "TOOL", description = "The tool to call, e.g. inventory.read.")
    String action;

    @Option(names = "--resource", paramLabel = "RESOURCE", description = "The resource acted on, if any.")
    String resource;

    @Option(names = "--args", paramLabel = "JSON", description = "The call's arguments as a JSON object, e.g. '{\"sku\":\"A-1\"}'.")
    String args;

    @Option(names = "--rationale", paramLabel = "TEXT", description = "Why the agent wants to do this.")
    String rationale;

    @Option(names = "--approval-id", paramLabel = "ID", description = "An approved request to redeem for exactly this call.")
    String approvalId;

    @Mixin
    AgentCredentials credentials;

    @Override
    public Integer call() {
        ObjectNode body = CliJson.object();
        body.put("action", action);
        if (resource != null) {
            body.put("resource", resource);
        }
        if (args != null) {
            try {
                body.set("args", CliJson.parseObject(args));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for --args: " + e.getMessage());
            }
        }
        if (rationale != null) {
            body.putObject("context").put("rationale", rationale);
        }
        if (approvalId != null) {
            body.put("approval_id", approvalId);
        }
        try (AgentCredentials.Session session = credentials.open(spec)) {
            Output.json(spec, session.client().postJson("/v1/decisions", session.accessToken(), body));
        }
        return 0;
    }
}
