package dev.warden.mcp;

import dev.warden.decision.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import java.util.HashMap;
import java.util.Map;

/** What the endpoint filter learned about one HTTP request, carried to the handlers in the SDK's transport context. */
final class RequestContext {
    private static final String CALLER = "warden.caller";
    private static final String RPC_ID = "warden.rpc_id";

    private RequestContext() {
    }

    static McpTransportContext of(Caller caller, String rpcId) {
        Map<String, Object> m = new HashMap<>();
        m.put(CALLER, caller);
        if (rpcId != null) {
            m.put(RPC_ID, rpcId);
        }
        return McpTransportContext.create(m);
    }

    /** The authenticated caller of this request (the filter refuses requests without one). */
    static Caller caller(McpAsyncServerExchange exchange) {
        Object c = exchange.transportContext().get(CALLER);
        if (!(c instanceof Caller caller)) {
            throw new IllegalStateException("MCP request without an authenticated caller");
        }
        return caller;
    }

    /** The JSON-RPC id of this request, as text. */
    static String rpcId(McpAsyncServerExchange exchange) {
        Object id = exchange.transportContext().get(RPC_ID);
        return id == null ? null : id.toString();
    }
}
