package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden rollback plan|get|run}: rollback plans of an agent's actions (operator). */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Undo an agent's completed actions with the compensations the catalog declares (compensate_with).",
                "'plan' lists the actions in a window with their compensations; 'run' decides each compensation"
                        + " for the agent as the operator's order: Warden forwards it (MCP gateway tools) or hands it"
                        + " to the owner with its decision id."})
public final class RollbackCommand implements Runnable {
    private static final Pattern RELATIVE = Pattern.compile("[0-9]{1,6}[smhd]");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Make a rollback plan of the agent's allowed actions since T (JSON on stdout, a summary on stderr).",
                    "Read-only actions are left out; an action gets its compensation when its outcome was reported completed."})
    int plan(@Option(names = "--agent", required = true, paramLabel = "NAME", description = "Whose actions.") String agent,
             @Option(names = "--since", required = true, paramLabel = "T",
                     description = "Start of the window: an ISO-8601 time (2026-01-31T10:00:00Z) or a duration before now"
                             + " (90s, 30m, 2h, 7d); at most 30 days.") String since,
             @Option(names = "--until", paramLabel = "T", description = "End of the window (default: now), same forms.")
             String until,
             @Mixin OperatorOptions op) {
        CommandSpec self = spec.subcommands().get("plan").getCommandSpec();
        ObjectNode body = CliJson.object();
        body.put("agent", agent);
        body.put("since", time(self, "--since", since));
        if (until != null) {
            body.put("until", time(self, "--until", until));
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            JsonNode plan = client.postJson("/v1/rollback/plans", token, body);
            Output.json(spec, plan);
            summarize(plan, false);
        }
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a rollback plan and its items' results (JSON).")
    int get(@Parameters(paramLabel = "PLAN", description = "The plan id (rbp_...).") String id, @Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/rollback/plans/" + WardenClient.encode(id), token));
        }
        return 0;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a rollback plan once: each compensation is decided (every guard and policy applies) and",
                    "forwarded or handed to the owner. Prints the plan with each item's result (JSON), a summary on stderr."})
    int run(@Parameters(paramLabel = "PLAN", description = "The plan id (rbp_...).") String id, @Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            JsonNode plan = client.postJson("/v1/rollback/plans/" + WardenClient.encode(id) + "/run", token, CliJson.object());
            Output.json(spec, plan);
            summarize(plan, true);
        }
        return 0;
    }

    /** Checks a time option locally, so a typo costs no request and names the option. */
    private static String time(CommandSpec spec, String option, String value) {
        String v = value.trim();
        if (RELATIVE.matcher(v).matches()) {
            return v;
        }
        try {
            OffsetDateTime.parse(v);
            return v;
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for " + option + ": '" + value
                    + "' (expected an ISO-8601 time such as 2026-01-31T10:00:00Z, or a duration before now such as"
                    + " 30m, 2h or 7d)");
        }
    }

    /** One line for humans: what the plan holds, or what the run did. */
    private void summarize(JsonNode plan, boolean ran) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode item : plan.path("items")) {
            String key = ran || item.path("compensation").isObject() ? item.path("state").asText()
                    : "none: " + item.path("none").asText();
            counts.merge(key, 1, Integer::sum);
        }
        String id = plan.path("plan_id").asText();
        StringBuilder line = new StringBuilder(ran ? "ran " : "plan ").append(id).append(": ")
                .append(plan.path("items").size()).append(" action(s)");
        counts.forEach((k, n) -> line.append(", ").append(n).append(' ').append(k));
        if (plan.path("truncated").asBoolean()) {
            line.append("; truncated: only actions since ").append(plan.path("covered_since").asText())
                    .append(" are listed (make another plan with --until)");
        }
        if (!ran && plan.path("compensations").asLong() > 0) {
            line.append("; run it with: warden rollback run ").append(id);
        }
        if (ran && !plan.path("owner_tasks").isEmpty()) {
            line.append("; ").append(plan.path("owner_tasks").size()).append(" task(s) for ")
                    .append(plan.path("owner").asText()).append(" in owner_tasks");
        }
        Output.note(spec, line.toString());
    }
}
