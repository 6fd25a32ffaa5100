package dev.warden.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden approvals ...}: the human-approval queue (operator). */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "List, inspect, approve and deny approval requests; approval statistics.")
public final class ApprovalsCommand implements Runnable {
    static final List<String> STATES = List.of("pending", "approved", "denied", "used", "expired", "all");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List approval requests (JSON).")
    int list(@Option(names = "--state", paramLabel = "STATE", defaultValue = "pending",
                     description = "pending, approved, denied, used, expired, or all (default: ${DEFAULT-VALUE}).") String state,
             @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                     description = "At most this many, 1 to 1000 (default: ${DEFAULT-VALUE}).") int limit,
             @Mixin OperatorOptions op) {
        CommandSpec self = spec.subcommands().get("list").getCommandSpec();
        String s = Output.choice(self, "--state", state, STATES);
        if (limit < 1 || limit > 1000) {
            throw new picocli.CommandLine.ParameterException(self.commandLine(), "--limit must be between 1 and 1000");
        }
        String query = "?limit=" + limit + (s.equals("all") ? "" : "&state=" + s);
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/approvals" + query, token));
        }
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one approval request (JSON).")
    int get(@Parameters(paramLabel = "ID", description = "The approval id.") String id,
            @Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/approvals/" + WardenClient.encode(id), token));
        }
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one approval request with what an approver needs to decide it: the agent's level and "
                    + "last 7 days, why a human is asked, the risk, and whether the same call was approved before.")
    int show(@Parameters(paramLabel = "ID", description = "The approval id.") String id,
             @Option(names = "--json", description = "Print the server's JSON instead.") boolean json,
             @Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            var a = client.get("/v1/approvals/" + WardenClient.encode(id), token);
            if (json) {
                Output.json(spec, a);
            } else {
                Output.line(spec, ApprovalView.render(a));
            }
        }
        return 0;
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Approval figures per approver (approval rate, time to decide, volume) and per agent "
                    + "(acceptance rate of its requests) over the last days (JSON; admin or auditor).")
    int stats(@Option(names = "--days", paramLabel = "N", defaultValue = "30",
                      description = "The window in days, 1 to 366 (default: ${DEFAULT-VALUE}).") int days,
              @Mixin OperatorOptions op) {
        if (days < 1 || days > 366) {
            throw new picocli.CommandLine.ParameterException(spec.subcommands().get("stats").getCommandSpec().commandLine(),
                    "--days must be between 1 and 366");
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/approvals/stats?days=" + days, token));
        }
        return 0;
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a pending request; the agent may then make exactly that call once.")
    int approve(@Parameters(paramLabel = "ID", description = "The approval id.") String id,
                @Option(names = "--note", paramLabel = "TEXT", description = "A note for the audit trail.") String note,
                @Mixin OperatorOptions op) {
        return decide(op, id, "approve", note);
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a pending request.")
    int deny(@Parameters(paramLabel = "ID", description = "The approval id.") String id,
             @Option(names = "--note", paramLabel = "TEXT", description = "A note for the audit trail.") String note,
             @Mixin OperatorOptions op) {
        return decide(op, id, "deny", note);
    }

    private int decide(OperatorOptions op, String id, String verb, String note) {
        ObjectNode body = CliJson.object();
        if (note != null) {
            body.put("note", note);
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/approvals/" + WardenClient.encode(id) + "/" + verb, token, body));
        }
        return 0;
    }
}
