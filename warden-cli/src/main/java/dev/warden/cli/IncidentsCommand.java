package dev.warden.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden incidents ...}: anomalies grouped per agent, the responses applied, and the operator's actions on them. */
@Command(name = "incidents", mixinStandardHelpOptions = true,
        description = "List, show, acknowledge, resolve and mark incidents false positive; undo automatic responses; KPIs.")
public final class IncidentsCommand implements Runnable {
    static final List<String> STATES = List.of("open", "acknowledged", "resolved", "false_positive");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List incidents, newest first (JSON).")
    int list(@Option(names = "--agent", paramLabel = "NAME", description = "Only this agent's.") String agent,
             @Option(names = "--state", paramLabel = "STATE",
                     description = "Only open, acknowledged, resolved or false_positive.") String state,
             @Option(names = "--before", paramLabel = "ID", description = "Only incidents older than this one (next page).")
             String before,
             @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                     description = "At most this many, 1 to 1000 (default: ${DEFAULT-VALUE}).") int limit,
             @Mixin OperatorOptions op) {
        ListQuery query = new ListQuery(spec.subcommands().get("list").getCommandSpec(), limit)
                .add("agent", agent).choice("state", state, STATES).add("before", before);
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/incidents" + query, token));
        }
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an incident with its timeline (JSON).")
    int show(@Parameters(paramLabel = "ID", description = "The incident id (inc_...).") String id, @Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/incidents/" + WardenClient.encode(id), token));
        }
        return 0;
    }

    @Command(name = "ack", mixinStandardHelpOptions = true,
            description = "Acknowledge an open incident (recorded in the audit trail with your name).")
    int ack(@Parameters(paramLabel = "ID", description = "The incident id (inc_...).") String id,
            @Option(names = "--note", paramLabel = "TEXT", description = "A note for the timeline.") String note,
            @Mixin OperatorOptions op) {
        return move(id, "ack", note, op);
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Resolve an incident; its responses stay in force until undone.")
    int resolve(@Parameters(paramLabel = "ID", description = "The incident id (inc_...).") String id,
                @Option(names = "--note", paramLabel = "TEXT", description = "A note for the timeline.") String note,
                @Mixin OperatorOptions op) {
        return move(id, "resolve", note, op);
    }

    @Command(name = "false-positive", mixinStandardHelpOptions = true,
            description = "Mark an incident a false positive; its responses stay in force until undone.")
    int falsePositive(@Parameters(paramLabel = "ID", description = "The incident id (inc_...).") String id,
                      @Option(names = "--note", paramLabel = "TEXT", description = "A note for the timeline.") String note,
                      @Mixin OperatorOptions op) {
        return move(id, "false-positive", note, op);
    }

    @Command(name = "undo", mixinStandardHelpOptions = true,
            description = "Undo automatic response N of an incident (lift a throttle or hold, restore the agent or its level).")
    int undo(@Parameters(index = "0", paramLabel = "ID", description = "The incident id (inc_...).") String id,
             @Parameters(index = "1", paramLabel = "N", description = "The response number (see show).") int n,
             @Mixin OperatorOptions op) {
        if (n < 1) {
            throw new picocli.CommandLine.ParameterException(spec.subcommands().get("undo").getCommandSpec().commandLine(),
                    "N must be 1 or more");
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/incidents/" + WardenClient.encode(id) + "/responses/" + n + "/undo", token,
                    CliJson.object()));
        }
        return 0;
    }

    @Command(name = "kpis", mixinStandardHelpOptions = true,
            description = "Key performance indicators over a window ending now (JSON).")
    int kpis(@Option(names = "--window", paramLabel = "W", defaultValue = "24h",
                     description = "The window: a count and s, m, h or d, at most 31d (default: ${DEFAULT-VALUE}).") String window,
             @Mixin OperatorOptions op) {
        if (!window.matches("[1-9][0-9]{0,6}[smhd]")) {
            throw new picocli.CommandLine.ParameterException(spec.subcommands().get("kpis").getCommandSpec().commandLine(),
                    "--window must be a count and s, m, h or d, e.g. 24h");
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/kpis?window=" + window, token));
        }
        return 0;
    }

    private int move(String id, String action, String note, OperatorOptions op) {
        ObjectNode body = CliJson.object();
        if (note != null) {
            body.put("note", note);
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/incidents/" + WardenClient.encode(id) + "/" + action, token, body));
        }
        return 0;
    }
}
