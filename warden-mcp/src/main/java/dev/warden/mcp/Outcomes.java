package dev.warden.mcp;

import dev.warden.Warden;
import dev.warden.WardenException;
import dev.warden.decision.Caller;
import dev.warden.decision.DecisionId;
import dev.warden.outcome.OutcomeReport;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Records what happened to an allowed, forwarded call (completed or failed, with the result
 * digest). The agent's answer does not wait for the outcome record (the decision record was durable
 * before the call was forwarded): it is queued as a deferred audit event, written with the next
 * audit batch or within the audit log's flush interval, so it adds no commit of its own under load.
 */
final class Outcomes {
    private static final System.Logger LOG = System.getLogger(Outcomes.class.getName());
    private static final int MAX_DETAIL = 1000;

    private final Warden warden;

    Outcomes(Warden warden) {
        this.warden = warden;
    }

    /**
     * {@code sha256:} and the hex SHA-256 of the canonical JSON of a result; of its compact JSON
     * when it holds a number canonical JSON cannot write (an upstream's {@code 1e400}, say).
     */
    static String digest(Object result) {
        String text;
        try {
            text = McpJson.canonical(result);
        } catch (IllegalArgumentException e) {
            text = McpJson.write(result);
        }
        return "sha256:" + McpJson.sha256Hex(text);
    }

    void completed(Caller caller, DecisionId id, Object result, boolean toolError) {
        record(caller, id, new OutcomeReport(toolError ? "failed" : "completed", Optional.of(digest(result)),
                toolError ? Optional.of("the tool returned an error result") : Optional.empty()));
    }

    void failed(Caller caller, DecisionId id, String why) {
        String detail = why.length() > MAX_DETAIL ? why.substring(0, MAX_DETAIL) : why;
        record(caller, id, new OutcomeReport("failed", Optional.empty(), Optional.of(detail)));
    }

    private void record(Caller caller, DecisionId id, OutcomeReport report) {
        try {
            warden.outcomes().recordDeferred(caller, id, report).whenComplete((receipt, failure) -> {
                if (failure != null) {
                    LOG.log(Level.ERROR, "MCP gateway: outcome of " + id + " not recorded: " + failure.getMessage());
                }
            });
        } catch (WardenException e) {
            LOG.log(Level.ERROR, "MCP gateway: outcome of " + id + " not recorded: " + e.getMessage());
        }
    }
}
