package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden agent readiness NAME}: the five promotion gates for an agent's next level
 * (performance, security validation, business value, incident record, governance sign-off), every
 * check with its numbers, and the next level's controls.
 */
@Command(name = "readiness", mixinStandardHelpOptions = true,
        description = {"Show how far an agent is from its next level: each promotion gate (performance, security "
                + "validation, business value, incident record, governance sign-off) with every check, passed or not and why, "
                + "and the next level's controls.",
                "Never says ready: a promotion request is judged without its requester's own sign-offs."})
public final class AgentReadinessCommand implements Callable<Integer> {
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
            r = client.get("/v1/agents/" + WardenClient.encode(name) + "/readiness", op.token());
        }
        if (json) {
            Output.json(spec, r);
        } else {
            render(r).forEach(line -> Output.line(spec, line));
        }
        return 0;
    }

    /** The answer for a human: a heading, each gate and its checks, the controls not in force, the pending gates. */
    static List<String> render(JsonNode r) {
        List<String> lines = new ArrayList<>();
        lines.add(r.path("agent").asText() + ": " + r.path("level").asText() + " (" + r.path("level_basis").asText()
                + " since " + r.path("since").asText() + "), next level " + r.path("next_level").asText());
        for (JsonNode gate : r.path("gates")) {
            lines.add("gate " + gate.path("gate").asText() + ": " + (gate.path("passed").asBoolean() ? "passed" : "NOT passed"));
            for (JsonNode c : gate.path("checks")) {
                String mark = !c.path("passed").asBoolean() ? "FAIL" : "not_applicable".equals(c.path("rule").asText()) ? "n/a " : "ok  ";
                lines.add("  [" + mark + "] " + c.path("name").asText() + ": " + c.path("why").asText());
            }
        }
        JsonNode controls = r.path("controls");
        if (!controls.isMissingNode()) {
            lines.add("controls of " + r.path("next_level").asText() + ": "
                    + (controls.path("passed").asBoolean() ? "all in force" : "NOT all in force"));
            for (JsonNode c : controls.path("controls")) {
                if (!c.path("in_force").asBoolean()) {
                    lines.add("  [FAIL] " + c.path("control").asText() + ": " + c.path("why").asText());
                }
            }
        }
        List<String> pending = new ArrayList<>();
        r.path("pending").forEach(p -> pending.add(p.asText()));
        if (!pending.isEmpty()) {
            lines.add("not evaluated yet: " + String.join(", ", pending));
        }
        if (r.path("truncated").asBoolean()) {
            lines.add("note: the audit trail was read only up to its limit; the figures are partial");
        }
        return lines;
    }
}
