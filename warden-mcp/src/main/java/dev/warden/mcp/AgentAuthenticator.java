package dev.warden.mcp;

/**
 * Checks the bearer credential of a request to the MCP endpoint (the server verifies Warden access
 * tokens and the agent's status). Implementations MUST be thread-safe and MUST NOT throw.
 */
@FunctionalInterface
public interface AgentAuthenticator {

    /**
     * Authenticates a bearer token.
     *
     * @param bearerToken the token, or null when the request had none
     */
    Authentication authenticate(String bearerToken);
}
