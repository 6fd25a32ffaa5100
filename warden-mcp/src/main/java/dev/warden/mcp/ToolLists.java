package dev.warden.mcp;

import dev.warden.decision.Caller;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The tools each session was shown: {@code tools/list} answered with what the agent could ever use
 * ({@link Visibility}), and {@code notifications/tools/list_changed} sent to a session whose
 * visible tools changed since it last listed them.
 */
final class ToolLists {
    private static final System.Logger LOG = System.getLogger(ToolLists.class.getName());

    private final GatewaySessions sessions;
    private final Visibility visibility;

    ToolLists(GatewaySessions sessions, Visibility visibility) {
        this.sessions = sessions;
        this.visibility = visibility;
    }

    /** {@code tools/list}: remembered as what the session was shown. */
    McpSchema.ListToolsResult list(McpAsyncServerExchange ex) {
        Caller caller = RequestContext.caller(ex);
        List<GatewayTool> visible = visibility.tools(caller.agent());
        sessions.find(ex.sessionId()).ifPresent(s -> s.listedTools(names(visible)));
        return McpSchema.ListToolsResult.builder(visible.stream().map(GatewayTool::exposed).toList()).build();
    }

    private static Set<String> names(List<GatewayTool> tools) {
        return tools.stream().map(GatewayTool::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Sends {@code tools/list_changed} to every session whose visible tools changed. */
    void refreshAll() {
        for (GatewaySession s : sessions.all()) {
            refresh(s);
        }
    }

    /** Sends {@code tools/list_changed} to the session if its visible tools changed. */
    void refresh(GatewaySession s) {
        Set<String> before = s.listedTools();
        if (before == null || s.terminated()) {
            return;
        }
        Set<String> now = names(visibility.tools(s.agent()));
        if (!now.equals(before)) {
            s.listedTools(now);
            send(s, McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED);
        }
    }

    /** Sends a notification to a session (best effort). */
    static void send(GatewaySession s, String method) {
        s.sdkSession().sendNotification(method, null).subscribe(v -> { },
                e -> LOG.log(Level.DEBUG, "notification to MCP session " + s.id() + " failed: " + e.getMessage()));
    }
}
