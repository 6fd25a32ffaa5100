package dev.warden.mcp;

import dev.warden.Warden;
import dev.warden.WardenException;
import dev.warden.decision.Caller;
import dev.warden.decision.DecisionId;
import dev.warden.outcome.OutcomeReport;
import dev.warden.rollback.CompensationForwarder;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Calls a gateway tool for an allowed compensation of a rollback plan: the decision was made by
 * the rollback runner, so this only forwards the exact arguments decided to the tool's upstream,
 * on an upstream session of its own, and records the outcome under the compensation's decision.
 */
final class CompensationCalls implements CompensationForwarder {
    private final Warden warden;
    private final Upstreams upstreams;
    private final ToolDirectory directory;

    CompensationCalls(Warden warden, Upstreams upstreams, ToolDirectory directory) {
        this.warden = warden;
        this.upstreams = upstreams;
        this.directory = directory;
    }

    /**
     * True for a tool of a connected upstream that serves every agent from one process or server;
     * an upstream that runs a process per agent session, or is down, leaves the call to the owner.
     */
    @Override
    public boolean serves(String tool) {
        Optional<GatewayTool> found = directory.find(tool);
        if (found.isEmpty()) {
            return false;
        }
        String upstream = found.get().upstream();
        return upstreams.link(upstream).isPresent()
                && upstreams.byName(upstream).map(u -> u.sessionProcesses().isEmpty()).orElse(false);
    }

    @Override
    public Optional<String> forward(Caller caller, DecisionId decision, String tool, Map<String, Object> args) {
        Optional<GatewayTool> found = directory.find(tool);
        if (found.isEmpty()) {
            return failed(caller, decision, "tool '" + tool + "' is not offered by any connected upstream");
        }
        GatewayTool gt = found.get();
        Optional<UpstreamSupervisor> supervisor = upstreams.byName(gt.upstream());
        Optional<UpstreamLink> link = upstreams.link(gt.upstream());
        if (supervisor.isEmpty() || link.isEmpty()) {
            return failed(caller, decision, "upstream '" + gt.upstream() + "' is unavailable");
        }
        if (supervisor.get().sessionProcesses().isPresent()) {
            return failed(caller, decision, "upstream '" + gt.upstream()
                    + "' runs one process per agent session; the owner carries this compensation out");
        }
        UpstreamLink up = link.get();
        Duration timeout = supervisor.get().config().requestTimeout();
        McpSchema.CallToolRequest call = new McpSchema.CallToolRequest(gt.upstreamTool().name(), args, null);
        String owner = "rollback:" + decision.value(); // an upstream session of its own, ended after the call
        CallToolResult result;
        try {
            result = up.calls().isPresent()
                    ? up.calls().get().callTool(owner, call, timeout, up.lost())
                    : up.client().callTool(call).timeout(timeout).takeUntilOther(up.lost()).block();
        } catch (RuntimeException e) {
            String why = e instanceof HttpCallChannel.CallFailedException ? e.getMessage() : UpstreamSupervisor.rootMessage(e);
            return failed(caller, decision, "upstream error: " + why);
        } finally {
            up.calls().ifPresent(c -> c.end(owner));
        }
        if (result == null) {
            return failed(caller, decision, "upstream '" + gt.upstream() + "' disconnected during the call");
        }
        boolean toolError = Boolean.TRUE.equals(result.isError());
        record(caller, decision, new OutcomeReport(toolError ? "failed" : "completed", Optional.of(Outcomes.digest(result)),
                toolError ? Optional.of("the tool returned an error result") : Optional.empty()));
        return toolError ? Optional.of("the tool returned an error result") : Optional.empty();
    }

    private Optional<String> failed(Caller caller, DecisionId decision, String why) {
        record(caller, decision, new OutcomeReport("failed", Optional.empty(), Optional.of(why)));
        return Optional.of(why);
    }

    private void record(Caller caller, DecisionId decision, OutcomeReport report) {
        try {
            warden.outcomes().record(caller, decision, report);
        } catch (WardenException e) {
            System.getLogger(CompensationCalls.class.getName()).log(System.Logger.Level.ERROR,
                    "outcome of compensation " + decision + " not recorded: " + e.getMessage());
        }
    }
}
