package dev.warden.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden alerts ...}: alerts raised by kills, limits, breakers and owner notifications (operator). */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "List and acknowledge alerts.")
public final class AlertsCommand implements Runnable {
    static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    static final List<String> STATES = List.of("open", "acked");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List alerts, newest first (JSON).")
    int list(@Option(names = "--agent", paramLabel = "NAME", description = "Only this agent's.") String agent,
             @Option(names = "--severity", paramLabel = "S", description = "Only info, warning or critical.") String severity,
             @Option(names = "--state", paramLabel = "STATE", description = "Only open or acked.") String state,
             @Option(names = "--before", paramLabel = "ID", description = "Only alerts older than this one (next page).")
             String before,
             @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                     description = "At most this many, 1 to 1000 (default: ${DEFAULT-VALUE}).") int limit,
             @Mixin OperatorOptions op) {
        ListQuery query = new ListQuery(spec.subcommands().get("list").getCommandSpec(), limit)
                .add("agent", agent).choice("severity", severity, SEVERITIES).choice("state", state, STATES).add("before", before);
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/alerts" + query, token));
        }
        return 0;
    }

    @Command(name = "ack", mixinStandardHelpOptions = true,
            description = "Acknowledge an open alert (recorded in the audit trail with your name).")
    int ack(@Parameters(paramLabel = "ID", description = "The alert id (alr_...).") String id,
            @Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/alerts/" + WardenClient.encode(id) + "/ack", token, CliJson.object()));
        }
        return 0;
    }
}
