package dev.warden.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden audit ...}: reads the tamper-evident audit trail (operator). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Read the audit trail.")
public final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "entries", mixinStandardHelpOptions = true,
            description = {"List audit entries in sequence order (JSON).",
                    "Page on with --after set to the response's next_after."})
    int entries(@Option(names = "--after", paramLabel = "SEQ", description = "Only entries after this sequence number.") Long after,
                @Option(names = "--limit", paramLabel = "N", description = "At most this many, 1 to 1000 (server default: 100).") Integer limit,
                @Option(names = "--agent", paramLabel = "NAME", description = "Only entries about this agent.") String agent,
                @Option(names = "--kind", paramLabel = "KIND", description = "Only entries of this kind, e.g. decision.") String kind,
                @Mixin OperatorOptions op) {
        CommandSpec self = spec.subcommands().get("entries").getCommandSpec();
        if (after != null && after < 0) {
            throw new picocli.CommandLine.ParameterException(self.commandLine(), "--after must not be negative");
        }
        if (limit != null && (limit < 1 || limit > 1000)) {
            throw new picocli.CommandLine.ParameterException(self.commandLine(), "--limit must be between 1 and 1000");
        }
        List<String> q = new ArrayList<>();
        if (after != null) {
            q.add("after=" + after);
        }
        if (limit != null) {
            q.add("limit=" + limit);
        }
        if (agent != null) {
            q.add("agent=" + WardenClient.encode(agent));
        }
        if (kind != null) {
            q.add("kind=" + WardenClient.encode(kind));
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/audit/entries" + (q.isEmpty() ? "" : "?" + String.join("&", q)), token));
        }
        return 0;
    }
}
