package dev.warden.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.decision.Caller;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Answers a {@code tools/call} with one {@code application/json} body instead of an SSE stream,
 * which the Streamable HTTP transport allows for any request ("the server MUST either return
 * Content-Type: text/event-stream ... or Content-Type: application/json"). It is the common case
 * and the cheap one: no SSE stream, no reactive session dispatch.
 *
 * <p>Only calls that need nothing but the final answer take this path: a single JSON-RPC request
 * (not a batch) in an existing session, from a client that accepts {@code application/json}, with
 * no {@code _meta.progressToken} (a call that asks for progress is answered as an SSE stream by the
 * SDK's transport, so progress can be relayed), in a session whose client declared neither
 * elicitation nor sampling (its calls go the SSE way too, so what an upstream asks during a call
 * can be relayed on the call's stream: {@link AgentRelay}). The decision, forwarding, cancellation, outcome
 * and output hook are the same {@link ToolCalls} code as on the SSE path.
 */
final class JsonCallResponder {
    private static final System.Logger LOG = System.getLogger(JsonCallResponder.class.getName());
    private static final int INVALID_PARAMS = -32602;
    private static final int INTERNAL_ERROR = -32603;

    private final ToolCalls toolCalls;

    JsonCallResponder(ToolCalls toolCalls) {
        this.toolCalls = toolCalls;
    }

    /** True when this request can be answered with one JSON body. */
    static boolean accepts(JsonNode rpc, String accept) {
        if (rpc == null || !rpc.isObject() || accept == null || !accept.contains("application/json")) {
            return false;
        }
        JsonNode id = rpc.get("id");
        JsonNode params = rpc.get("params");
        if (!"2.0".equals(rpc.path("jsonrpc").asText(null)) || !McpSchema.METHOD_TOOLS_CALL.equals(rpc.path("method").asText(null))
                || id == null || !(id.isTextual() || id.isIntegralNumber() && id.canConvertToLong()) || params == null || !params.isObject()) {
            return false;
        }
        JsonNode meta = params.get("_meta");
        return meta == null || !meta.has("progressToken");
    }

    /**
     * Decides, forwards and answers the call.
     *
     * @param rpcId the request's JSON-RPC id as text (the key the agent's cancellation names)
     */
    void answer(Caller caller, GatewaySession session, JsonNode rpc, String rpcId, HttpServletResponse res) throws IOException {
        JsonNode idNode = rpc.get("id");
        Object id = idNode.isTextual() ? idNode.asText() : (Object) idNode.longValue();
        McpSchema.JSONRPCResponse response;
        try {
            CallToolResult result = toolCalls.call(caller, session, rpcId, rpc.get("params"), null, null);
            if (result == null) {
                // cancelled by the agent: no JSON-RPC response; an empty event stream ends the request
                res.setStatus(200);
                res.setContentType("text/event-stream");
                res.flushBuffer();
                return;
            }
            response = McpSchema.JSONRPCResponse.result(id, result);
        } catch (McpError e) {
            McpSchema.JSONRPCResponse.JSONRPCError err = e.getJsonRpcError();
            response = McpSchema.JSONRPCResponse.error(id, err != null ? err
                    : new McpSchema.JSONRPCResponse.JSONRPCError(INTERNAL_ERROR, e.getMessage()));
        } catch (IllegalArgumentException e) {
            response = McpSchema.JSONRPCResponse.error(id, new McpSchema.JSONRPCResponse.JSONRPCError(INVALID_PARAMS,
                    "invalid tools/call params: " + UpstreamSupervisor.rootMessage(e)));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "MCP gateway: tools/call failed inside Warden", e);
            response = McpSchema.JSONRPCResponse.error(id, new McpSchema.JSONRPCResponse.JSONRPCError(INTERNAL_ERROR,
                    "internal error in Warden while handling this call (see the server log)"));
        }
        byte[] body = McpJson.MAPPER.writeValueAsBytes(response);
        res.setStatus(200);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
