package dev.warden.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code warden outcome}: reports how an allowed action went (agent). */
@Command(name = "outcome", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Report the outcome of an allowed decision (recorded in the audit trail).")
public final class OutcomeCommand implements Callable<Integer> {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DECISION_ID", description = "The decision_id from 'warden decide'.")
    String decisionId;

    @Option(names = "--status", required = true, paramLabel = "STATUS", description = "completed or failed.")
    String status;

    @Option(names = "--result-digest", paramLabel = "sha256:HEX", description = "SHA-256 of the result, sha256:<64 hex>.")
    String resultDigest;

    @Option(names = "--detail", paramLabel = "TEXT", description = "A short description.")
    String detail;

    @Mixin
    AgentCredentials credentials;

    @Override
    public Integer call() {
        ObjectNode body = CliJson.object();
        body.put("status", Output.choice(spec, "--status", status, List.of("completed", "failed")));
        if (resultDigest != null) {
            if (!DIGEST.matcher(resultDigest).matches()) {
                throw new ParameterException(spec.commandLine(),
                        "Invalid value for --result-digest: expected sha256:<64 lower-case hex digits>");
            }
            body.put("result_digest", resultDigest);
        }
        if (detail != null) {
            body.put("detail", detail);
        }
        try (AgentCredentials.Session session = credentials.open(spec)) {
            Output.json(spec, session.client().postJson("/v1/decisions/" + WardenClient.encode(decisionId) + "/outcome",
                    session.accessToken(), body));
        }
        return 0;
    }
}
