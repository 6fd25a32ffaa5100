package dev.warden.mcp;

import java.time.Instant;

/**
 * The state of one upstream, for operators.
 *
 * @param name      upstream name
 * @param prefix    tool prefix
 * @param transport {@code stdio} or {@code http}
 * @param state     {@code starting}, {@code up}, {@code down} or {@code stopped}
 * @param since     when it entered that state
 * @param restarts  reconnections (for stdio: process restarts) so far
 * @param sessions  upstream MCP sessions open for agent sessions (Streamable HTTP; 0 for stdio)
 * @param lastError why it last went down, or empty
 */
public record UpstreamView(String name, String prefix, String transport, String state, Instant since, int restarts,
                           int sessions, String lastError) {
}
