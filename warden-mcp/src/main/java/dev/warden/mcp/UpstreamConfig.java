package dev.warden.mcp;

import java.time.Duration;

/**
 * One upstream MCP server.
 *
 * @param name           unique name (letters, digits, '-' and '_')
 * @param prefix         prefix of its tools in the gateway ({@code <prefix>.<tool>}); defaults to the name
 * @param endpoint       how to reach it
 * @param requestTimeout how long one forwarded request may take
 */
public record UpstreamConfig(String name, String prefix, UpstreamEndpoint endpoint, Duration requestTimeout) {

    /** The default per-request timeout: 60 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
}
