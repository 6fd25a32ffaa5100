package dev.warden.mcp;

import java.util.Set;

/**
 * Something an upstream keeps per agent session (an upstream MCP session on a Streamable HTTP
 * server, a process of a stdio server), ended when the agent session ends.
 */
interface SessionScoped {
    /** Ends what the agent session {@code owner} has here (in the background; no-op when nothing). */
    void end(String owner);

    /** The agent sessions that have something here (a snapshot). */
    Set<String> owners();

    /** How many agent sessions have something here. */
    int openSessions();
}
