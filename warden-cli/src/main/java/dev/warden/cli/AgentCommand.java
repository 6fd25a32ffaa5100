package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden agent ...}: register agents, get their tokens, and manage them as an operator. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Register, inspect and control agents; get an agent's access token.",
        subcommands = {AgentRegisterCommand.class, AgentTokenCommand.class, AgentReadinessCommand.class,
                AgentPromoteCommand.class, AgentDemotionsCommand.class, AgentDossierCommand.class,
                AgentEvidenceCommands.Attest.class, AgentEvidenceCommands.BusinessValue.class, AgentEvidenceCommands.SignOff.class,
                AgentEvidenceCommands.SignOffs.class, AgentEvidenceCommands.Withdraw.class})
public final class AgentCommand implements Runnable {
    static final List<String> LEVELS = List.of("intern", "junior", "senior", "principal");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List all agents (JSON).")
    int list(@Mixin OperatorOptions op) {
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/agents", op.token()));
        }
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one agent (JSON).")
    int get(@Parameters(paramLabel = "NAME", description = "The agent's name.") String name,
            @Mixin OperatorOptions op) {
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/agents/" + WardenClient.encode(name), op.token()));
        }
        return 0;
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = "Show an agent's behaviour baseline (JSON): whether it still learns, its usual volume by "
                    + "hour, deny and error rates, tools and resources.")
    int baseline(@Parameters(paramLabel = "NAME", description = "The agent's name.") String name,
                 @Mixin OperatorOptions op) {
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/agents/" + WardenClient.encode(name) + "/baseline", op.token()));
        }
        return 0;
    }

    @Command(name = "shadow", mixinStandardHelpOptions = true,
            description = "Show shadow mode's evidence for an agent (JSON): since it reached its level, how many calls "
                    + "its next level would have let through without an approval, and how those turned out (approved, "
                    + "rejected, expired, failed, rolled back): its error rate at the level above.")
    int shadow(@Parameters(paramLabel = "NAME", description = "The agent's name.") String name,
               @Mixin OperatorOptions op) {
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/agents/" + WardenClient.encode(name) + "/shadow", op.token()));
        }
        return 0;
    }

    @Command(name = "controls", mixinStandardHelpOptions = true,
            description = "Check the controls a maturity level requires (the ATF MUST matrix) for an agent (JSON): each "
                    + "in force or not under the live configuration and why, naming the tools it lacks; and which are missing.")
    int controls(@Parameters(paramLabel = "NAME", description = "The agent's name.") String name,
                 @Option(names = "--level", paramLabel = "LEVEL",
                         description = "The level to check for (intern, junior, senior, principal); default: the agent's next level.")
                 String level,
                 @Mixin OperatorOptions op) {
        String path = "/v1/agents/" + WardenClient.encode(name) + "/controls"
                + (level == null ? "" : "?level=" + WardenClient.encode(level));
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get(path, op.token()));
        }
        return 0;
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = "Kill an agent: every decision is denied and every token it holds is revoked.")
    int kill(@Parameters(paramLabel = "NAME", description = "The agent's name.") String name,
             @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded in the audit trail).") String reason,
             @Mixin OperatorOptions op) {
        return statusChange(op, name, "kill", reason);
    }

    @Command(name = "quarantine", mixinStandardHelpOptions = true,
            description = "Quarantine an agent: every decision is denied until it is restored; its tokens stay valid.")
    int quarantine(@Parameters(paramLabel = "NAME", description = "The agent's name.") String name,
                   @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded in the audit trail).") String reason,
                   @Mixin OperatorOptions op) {
        return statusChange(op, name, "quarantine", reason);
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restore a killed or quarantined agent to active, one level below the level it had unless --level "
                    + "names one at or below it (tokens revoked by a kill stay revoked).")
    int restore(@Parameters(paramLabel = "NAME", description = "The agent's name.") String name,
                @Option(names = "--level", paramLabel = "LEVEL",
                        description = "intern, junior, senior or principal, at most the level it had.") String level,
                @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded in the audit trail).") String reason,
                @Mixin OperatorOptions op) {
        ObjectNode body = CliJson.object();
        if (level != null) {
            body.put("level", Output.choice(spec.subcommands().get("restore").getCommandSpec(), "--level", level, LEVELS));
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return post(op, "/v1/agents/" + WardenClient.encode(name) + "/restore", body);
    }

    @Command(name = "level", mixinStandardHelpOptions = true,
            description = "Set an agent's maturity level (intern, junior, senior, principal).")
    int level(@Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.") String name,
              @Parameters(index = "1", paramLabel = "LEVEL", description = "intern, junior, senior or principal.") String level,
              @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded in the audit trail).") String reason,
              @Mixin OperatorOptions op) {
        ObjectNode body = CliJson.object();
        body.put("level", Output.choice(spec.subcommands().get("level").getCommandSpec(), "LEVEL", level, LEVELS));
        if (reason != null) {
            body.put("reason", reason);
        }
        return post(op, "/v1/agents/" + WardenClient.encode(name) + "/level", body);
    }

    @Command(name = "identity", mixinStandardHelpOptions = true,
            description = "Record a new version or configuration digest of an agent (its model, prompt or tools changed): "
                    + "Warden opens a re-verification review (an incident), and demotes it one level until the review "
                    + "passes when maturity.demotion.on_identity_change is demote.")
    int identity(@Parameters(paramLabel = "NAME", description = "The agent's name.") String name,
                 @Option(names = "--agent-version", required = true, paramLabel = "VERSION", description = "The new version.")
                 String version,
                 @Option(names = "--config-digest", required = true, paramLabel = "DIGEST",
                         description = "The new digest of model, prompt and tool definitions, e.g. sha256:<hex>.") String digest,
                 @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded in the audit trail).") String reason,
                 @Mixin OperatorOptions op) {
        ObjectNode body = CliJson.object();
        body.put("version", version);
        body.put("config_digest", digest);
        if (reason != null) {
            body.put("reason", reason);
        }
        return post(op, "/v1/agents/" + WardenClient.encode(name) + "/identity", body);
    }

    @Command(name = "root-cause", mixinStandardHelpOptions = true,
            description = "Record the root-cause analysis of an open demotion record (step 3 of the demotion process; "
                    + "admins or the agent's owner). A second note amends the first.")
    int rootCause(@Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.") String name,
                  @Parameters(index = "1", paramLabel = "ID", description = "The demotion record's id (dem_...).") String id,
                  @Option(names = "--note", required = true, paramLabel = "TEXT",
                          description = "What caused it (at most 10,000 characters).") String note,
                  @Option(names = "--remediation", paramLabel = "TEXT", description = "What was done about it.") String remediation,
                  @Mixin OperatorOptions op) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("note", note);
        fields.put("remediation", remediation);
        return step(op, name, id, "root-cause", AgentDemotionsCommand.body(fields));
    }

    @Command(name = "reactivate", mixinStandardHelpOptions = true,
            description = "Reactivate a demoted agent at its new level and close the demotion record (step 6; admins; "
                    + "only after the root cause is recorded). A quarantined or killed agent is restored at the new level, "
                    + "never above it.")
    int reactivate(@Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.") String name,
                   @Parameters(index = "1", paramLabel = "ID", description = "The demotion record's id (dem_...).") String id,
                   @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded in the audit trail).")
                   String reason,
                   @Mixin OperatorOptions op) {
        return step(op, name, id, "reactivate", AgentDemotionsCommand.body(java.util.Map.of("reason", reason)));
    }

    private int step(OperatorOptions op, String name, String id, String step, ObjectNode body) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            JsonNode d = client.postJson("/v1/agents/" + WardenClient.encode(name) + "/demotions/" + WardenClient.encode(id)
                    + "/" + step, token, body);
            AgentDemotionsCommand.render(d).forEach(line -> Output.line(spec, line));
        }
        return 0;
    }

    private int statusChange(OperatorOptions op, String name, String change, String reason) {
        ObjectNode body = CliJson.object();
        if (reason != null) {
            body.put("reason", reason);
        }
        return post(op, "/v1/agents/" + WardenClient.encode(name) + "/" + change, body);
    }

    private int post(OperatorOptions op, String path, ObjectNode body) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            JsonNode agent = client.postJson(path, token, body);
            Output.json(spec, agent);
        }
        return 0;
    }
}
