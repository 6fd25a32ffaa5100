package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * {@code warden agent promote NAME --to LEVEL --reason TEXT}: requests a promotion through the five
 * gates. Prints the new level, or every failing check and missing control and exits {@value #REFUSED}.
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Request an agent's promotion to the level above its own: granted only when all five gates pass "
                + "(sign-offs by anyone but you) and the level's controls are in force.",
                "Exits 3 when refused, listing every failing check."})
public final class AgentPromoteCommand implements Callable<Integer> {
    /** The exit status of a refused promotion. */
    static final int REFUSED = 3;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The agent's name.")
    String name;

    @Option(names = "--to", required = true, paramLabel = "LEVEL", description = "The level right above the agent's: junior, senior or principal.")
    String to;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded with the outcome).")
    String reason;

    @Option(names = "--json", description = "Print the server's answer as JSON.")
    boolean json;

    @Mixin
    OperatorOptions op;

    @Override
    public Integer call() {
        ObjectNode body = CliJson.object();
        body.put("to", Output.choice(spec, "--to", to, AgentCommand.LEVELS));
        body.put("reason", reason);
        JsonNode r;
        try (WardenClient client = op.client()) {
            r = client.postJsonAnswering("/v1/agents/" + WardenClient.encode(name) + "/promotions", op.token(), body, 409);
        }
        boolean refused = r.has("error");
        if (json) {
            Output.json(spec, r);
        } else {
            render(name, r).forEach(line -> Output.line(spec, line));
        }
        return refused ? REFUSED : 0;
    }

    /** The answer for a human: the new level, or each failure with its reason. */
    static List<String> render(String name, JsonNode r) {
        List<String> lines = new ArrayList<>();
        if (!r.has("error")) {
            lines.add(name + " promoted to " + r.path("level").asText() + " (" + r.path("level_basis").asText() + ")");
            return lines;
        }
        lines.add(name + " NOT promoted: " + r.path("message").asText());
        for (JsonNode f : r.path("failures")) {
            lines.add("  [FAIL] " + f.path("gate").asText() + "." + f.path("check").asText() + ": " + f.path("why").asText());
        }
        return lines;
    }
}
