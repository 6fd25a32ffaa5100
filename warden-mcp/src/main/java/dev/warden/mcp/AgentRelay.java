package dev.warden.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.json.InvalidNumberException;
import dev.warden.decision.Caller;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * Relays the requests an upstream makes during one tool call to the agent that made the call, each
 * decided first. {@code elicitation/create} (the server asks the user for input, which then goes to
 * the server) is the action {@code <prefix>.elicitation.create}; {@code sampling/createMessage}
 * (the server has the agent's model write for it) is {@code <prefix>.sampling.createMessage}; the
 * resource of both is the gateway name of the tool being called, and the decision sees the
 * request's params as {@code context.args}. Allowed: the request goes to the agent on the call's
 * event stream and the agent's answer goes back to the upstream; its outcome (completed with the
 * answer's digest, or failed) is recorded. Denied, or held for an approval that does not come:
 * the upstream gets a JSON-RPC error {@value #REFUSED} naming the decision, and the agent is not
 * asked.
 *
 * <p>A capability is declared to the upstream only when the agent's client declared it and the
 * agent could ever be allowed the action ({@link Visibility}), so a conforming upstream does not
 * ask for what would be refused anyway.
 */
final class AgentRelay implements UpstreamRequests {
    /** JSON-RPC error code of a request Warden refused to relay (implementation-defined range). */
    static final int REFUSED = -32003;
    private static final int INVALID_PARAMS = -32602;
    /**
     * The largest params (as JSON) relayed: they become the decision's {@code context.args} and
     * its audit record, so an upstream must not be able to write arbitrarily large entries.
     */
    static final int MAX_PARAMS_BYTES = 1 << 20;
    private static final int INTERNAL_ERROR = -32603;

    private final GovernedCall governed;
    private final Visibility visibility;
    private final GatewaySession session;
    private final Caller caller;
    private final McpAsyncServerExchange exchange;
    private final String prefix;
    private final String tool;

    /**
     * @param exchange the agent's request exchange of the call (its event stream carries the relayed request)
     * @param prefix   the upstream's tool-name prefix
     * @param tool     the gateway name of the tool being called
     */
    AgentRelay(GovernedCall governed, Visibility visibility, GatewaySession session, Caller caller,
               McpAsyncServerExchange exchange, String prefix, String tool) {
        this.governed = governed;
        this.visibility = visibility;
        this.session = session;
        this.caller = caller;
        this.exchange = exchange;
        this.prefix = prefix;
        this.tool = tool;
    }

    /**
     * A call with this relay is running: what a stdio session process asks meanwhile (it carries
     * no link to the call) is answered through it, within the call's timeout and until it stops.
     * Each one is a distinct running call (identity, not value, equality).
     */
    static final class Running {
        private final AgentRelay relay;
        private final Duration timeout;
        private final Mono<Void> stop;

        Running(AgentRelay relay, Duration timeout, Mono<Void> stop) {
            this.relay = relay;
            this.timeout = timeout;
            this.stop = stop;
        }

        JsonNode answer(JsonNode request) {
            return relay.answer(request, timeout, stop);
        }
    }

    /** The catalog action that governs relaying {@code method} from the upstream with this prefix. */
    static String action(String prefix, String method) {
        return McpSchema.METHOD_ELICITATION_CREATE.equals(method) ? prefix + ".elicitation.create"
                : prefix + ".sampling.createMessage";
    }

    @Override
    public Map<String, Object> capabilities() {
        return McpJson.plainObject(offered(exchange.getClientCapabilities(), visibility, caller.agent(), prefix), "capabilities");
    }

    /**
     * The client capabilities to declare to an upstream for an agent: those of {@code declared}
     * (what its client declared) that some policy could ever let the gateway relay from the
     * upstream with this prefix; empty capabilities when none.
     */
    static McpSchema.ClientCapabilities offered(McpSchema.ClientCapabilities declared, Visibility visibility,
                                                String agent, String prefix) {
        McpSchema.ClientCapabilities.Elicitation elicitation = declared != null && declared.elicitation() != null
                && visibility.mayUse(agent, action(prefix, McpSchema.METHOD_ELICITATION_CREATE)) ? declared.elicitation() : null;
        McpSchema.ClientCapabilities.Sampling sampling = declared != null && declared.sampling() != null
                && visibility.mayUse(agent, action(prefix, McpSchema.METHOD_SAMPLING_CREATE_MESSAGE)) ? declared.sampling() : null;
        // no roots, ever: see the class comment of UpstreamRequests
        return new McpSchema.ClientCapabilities(null, null, sampling, elicitation);
    }

    @Override
    public JsonNode answer(JsonNode request, Duration wait, Mono<Void> stop) {
        long deadline = System.nanoTime() + wait.toNanos(); // an approval hold spends the same time
        String method = request.path("method").asText();
        if (!agentDeclared(method)) {
            return UpstreamRequests.NONE.answer(request, wait, stop);
        }
        JsonNode params = request.get("params");
        int size = params == null ? 0 : params.toString().length();
        if (size > MAX_PARAMS_BYTES) {
            return UpstreamRequests.error(request, INVALID_PARAMS, method + " params of " + size + " characters are not relayed (at most "
                    + MAX_PARAMS_BYTES + ")", null);
        }
        Map<String, Object> plainParams;
        try {
            plainParams = McpJson.plainObject(params, "params");
        } catch (InvalidNumberException e) {
            return UpstreamRequests.error(request, INVALID_PARAMS, method + " was not relayed: " + e.getMessage(), null);
        }
        Governor.Call call = new Governor.Call(caller, action(prefix, method), tool, plainParams, Optional.empty());
        return governed.run(session, call, Optional.empty(), new GovernedCall.Refusals<>() {
            @Override
            public JsonNode refused(Governor.Verdict.Refused r) {
                return UpstreamRequests.error(request, REFUSED, method + " was not relayed to the agent. "
                        + r.text().replace(Governor.NOTHING_SENT, "The agent was not asked"), r.meta());
            }

            @Override
            public JsonNode sessionEnded() {
                return UpstreamRequests.error(request, INTERNAL_ERROR, "the agent's session was ended by Warden", null);
            }
        }, allow -> relay(request, method, params, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), stop));
    }

    private boolean agentDeclared(String method) {
        McpSchema.ClientCapabilities declared = exchange.getClientCapabilities();
        return declared != null && (McpSchema.METHOD_ELICITATION_CREATE.equals(method) ? declared.elicitation() != null
                : McpSchema.METHOD_SAMPLING_CREATE_MESSAGE.equals(method) && declared.sampling() != null);
    }

    private GovernedCall.Forwarded<JsonNode> relay(JsonNode request, String method, JsonNode params, Duration wait,
                                                   Mono<Void> stop) {
        Mono<?> ask;
        try {
            ask = McpSchema.METHOD_ELICITATION_CREATE.equals(method)
                    ? exchange.createElicitation(McpJson.MAPPER.treeToValue(params, McpSchema.ElicitRequest.class))
                    : exchange.createMessage(McpJson.MAPPER.treeToValue(params, McpSchema.CreateMessageRequest.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return GovernedCall.Forwarded.failed("invalid " + method + " params from the upstream",
                    UpstreamRequests.error(request, INVALID_PARAMS, "invalid " + method + " params: "
                            + UpstreamSupervisor.rootMessage(e), null));
        }
        if (wait.isZero() || wait.isNegative()) {
            return GovernedCall.Forwarded.failed("no time left in the call for the agent to answer",
                    UpstreamRequests.error(request, INTERNAL_ERROR, "the call's time ran out before the agent could be asked", null));
        }
        Object answer;
        try {
            answer = ask.timeout(wait).takeUntilOther(stop).block();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof TimeoutException ? e.getCause() : e;
            String why = cause instanceof TimeoutException ? "the agent did not answer within " + wait.toSeconds() + " s"
                    : "the agent answered with an error: " + UpstreamSupervisor.rootMessage(e);
            int code = e instanceof McpError m && m.getJsonRpcError() != null ? m.getJsonRpcError().code() : INTERNAL_ERROR;
            return GovernedCall.Forwarded.failed(why, UpstreamRequests.error(request, code, why, null));
        }
        if (answer == null) {
            return GovernedCall.Forwarded.failed("the call ended before the agent answered",
                    UpstreamRequests.error(request, INTERNAL_ERROR, "the call ended before the agent answered", null));
        }
        return GovernedCall.Forwarded.completed(answer, UpstreamRequests.result(request, answer));
    }
}
