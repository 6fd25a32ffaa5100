package dev.warden.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Maps the progress tokens the gateway sends upstream (fresh, unguessable) back to the agent's own
 * token and session, so one agent's progress never reaches another.
 */
final class ProgressRoutes {
    private final Map<String, Consumer<McpSchema.ProgressNotification>> routes = new ConcurrentHashMap<>();

    /** Opens a route; returns the upstream token. */
    String open(Consumer<McpSchema.ProgressNotification> toAgent) {
        String token = "warden-" + UUID.randomUUID();
        routes.put(token, toAgent);
        return token;
    }

    void close(String token) {
        if (token != null) {
            routes.remove(token);
        }
    }

    /** Delivers an upstream progress notification, if its route is open. */
    void deliver(McpSchema.ProgressNotification p) {
        Consumer<McpSchema.ProgressNotification> r = p.progressToken() == null ? null : routes.get(p.progressToken().toString());
        if (r != null) {
            r.accept(p);
        }
    }
}
