package dev.warden.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * What the gateway's call channel does with a request an upstream makes on the stream of a call
 * (the MCP server asking its client something while the tool runs): {@code elicitation/create}
 * and {@code sampling/createMessage} go to {@link #answer}; {@code ping} is answered by the
 * channel; anything else, {@code roots/list} included, is refused.
 */
interface UpstreamRequests {
    /** MCP error code for a request that is not relayed. */
    int METHOD_NOT_FOUND = -32601;

    /** Relays nothing and declares no client capabilities. */
    UpstreamRequests NONE = new UpstreamRequests() {
        @Override
        public Map<String, Object> capabilities() {
            return Map.of();
        }

        @Override
        public JsonNode answer(JsonNode request, Duration wait, Mono<Void> stop) {
            return error(request, METHOD_NOT_FOUND, request.path("method").asText() + " is not relayed by the Warden gateway", null);
        }
    };

    /**
     * Relays nothing, but declares {@code capabilities} should this request be the one that opens
     * the agent session's upstream session (a resource read or prompt before the session's first
     * call: the session then offers what that call's relay will relay).
     */
    static UpstreamRequests declaring(Map<String, Object> capabilities) {
        Map<String, Object> declared = Map.copyOf(capabilities);
        return new UpstreamRequests() {
            @Override
            public Map<String, Object> capabilities() {
                return declared;
            }

            @Override
            public JsonNode answer(JsonNode request, Duration wait, Mono<Void> stop) {
                return NONE.answer(request, wait, stop);
            }
        };
    }

    /**
     * The client capabilities to declare when the upstream session for this agent session is
     * opened (only what the gateway would relay for it).
     */
    Map<String, Object> capabilities();

    /**
     * The JSON-RPC answer (a result or an error) to one request from the upstream; blocks until it
     * is known, at most {@code wait}, or until {@code stop} fires.
     */
    JsonNode answer(JsonNode request, Duration wait, Mono<Void> stop);

    /** True for the methods an upstream may ask the gateway to relay. */
    static boolean relayable(String method) {
        return McpSchema.METHOD_ELICITATION_CREATE.equals(method) || McpSchema.METHOD_SAMPLING_CREATE_MESSAGE.equals(method);
    }

    /** A JSON-RPC error answer to {@code request}. */
    static ObjectNode error(JsonNode request, int code, String message, Object data) {
        ObjectNode answer = McpJson.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.get("id"));
        ObjectNode error = answer.putObject("error").put("code", code).put("message", message);
        if (data != null) {
            error.set("data", McpJson.MAPPER.valueToTree(data));
        }
        return answer;
    }

    /** A JSON-RPC result answer to {@code request}. */
    static ObjectNode result(JsonNode request, Object result) {
        ObjectNode answer = McpJson.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.get("id"));
        answer.set("result", McpJson.MAPPER.valueToTree(result));
        return answer;
    }
}
