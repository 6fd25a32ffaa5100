package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden agent demotions NAME}: an agent's demotion records, newest first, each with its
 * steps of the ATF demotion process (trigger, isolation, root cause, new level, controls,
 * reactivation) and those still pending.
 */
@Command(name = "demotions", mixinStandardHelpOptions = true,
        description = {"Show an agent's demotion records, newest first: each lowering of its level with the steps of the "
                + "demotion process recorded so far (trigger, isolation, root cause, new level, controls, reactivation) "
                + "and those still pending.",
                "An open record fails the incident-record promotion gate until its root cause is recorded "
                        + "(warden agent root-cause) and the agent reactivated (warden agent reactivate)."})
public final class AgentDemotionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The agent's name.")
    String name;

    @Option(names = "--json", description = "Print the server's answer as JSON.")
    boolean json;

    @Mixin
    OperatorOptions op;

    @Override
    public Integer call() {
        JsonNode r;
        try (WardenClient client = op.client()) {
            r = client.get("/v1/agents/" + WardenClient.encode(name) + "/demotions", op.token());
        }
        if (json) {
            Output.json(spec, r);
            return 0;
        }
        if (r.path("demotions").isEmpty()) {
            Output.line(spec, name + ": no demotion records");
        }
        for (JsonNode d : r.path("demotions")) {
            render(d).forEach(line -> Output.line(spec, line));
        }
        return 0;
    }

    /** One record for a human: a heading, one line per step with its time and actor, the pending steps. */
    static List<String> render(JsonNode d) {
        List<String> lines = new ArrayList<>();
        lines.add(d.path("id").asText() + " " + d.path("state").asText().toUpperCase(java.util.Locale.ROOT) + ": "
                + d.path("agent").asText() + " " + d.path("level_before").asText() + " -> " + d.path("level").asText()
                + " at " + d.path("opened_at").asText()
                + (d.path("closed_at").isTextual() ? ", ended " + d.path("closed_at").asText() : ""));
        for (JsonNode s : d.path("steps")) {
            lines.add("  " + s.path("at").asText() + " " + s.path("step").asText() + " by " + s.path("actor").asText() + ": "
                    + summary(s.path("step").asText(), s.path("detail")));
        }
        List<String> pending = new ArrayList<>();
        d.path("pending").forEach(p -> pending.add(p.asText()));
        if (!pending.isEmpty()) {
            lines.add("  pending: " + String.join(", ", pending));
        }
        return lines;
    }

    private static String summary(String step, JsonNode x) {
        return switch (step) {
            case "trigger" -> x.path("kind").asText() + (x.hasNonNull("incidents") ? " " + x.path("incidents") : "")
                    + (x.hasNonNull("rule") ? " rule " + x.path("rule").asText() : "")
                    + (x.path("reason").asText().isEmpty() ? "" : " (" + x.path("reason").asText() + ")");
            case "isolation" -> x.path("isolated").asBoolean() ? x.path("status").asText() + " (" + x.path("when").asText() + ")"
                    : x.path("outcome").asText();
            case "root_cause" -> x.path("note").asText() + (x.hasNonNull("remediation") ? "; remediation: "
                    + x.path("remediation").asText() : "");
            case "new_level" -> x.path("level_before").asText() + " -> " + x.path("level").asText();
            case "controls" -> x.path("all_in_force").asBoolean() ? "all in force"
                    : "missing " + x.path("missing");
            case "reactivation" -> x.path("status").asText() + " at " + x.path("level").asText() + " (" + x.path("reason").asText() + ")";
            case "undone" -> "level back to " + x.path("level").asText();
            default -> x.toString();
        };
    }

    /** The body of a step request, without absent options. */
    static com.fasterxml.jackson.databind.node.ObjectNode body(Map<String, String> fields) {
        com.fasterxml.jackson.databind.node.ObjectNode b = CliJson.object();
        fields.forEach((k, v) -> {
            if (v != null) {
                b.put(k, v);
            }
        });
        return b;
    }
}
