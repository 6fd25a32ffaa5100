package dev.warden.mcp;

import dev.warden.decision.Caller;

/** The result of authenticating an HTTP request to the MCP endpoint. */
public sealed interface Authentication {

    /**
     * A valid credential of an active agent.
     *
     * @param caller the agent, its Warden session and token epoch
     */
    record Authenticated(Caller caller) implements Authentication {
    }

    /**
     * Refused before any MCP traffic.
     *
     * @param status  401 (missing, invalid or expired credential) or 403 (agent killed, quarantined, token revoked)
     * @param error   snake_case error code
     * @param message explanation
     */
    record Rejected(int status, String error, String message) implements Authentication {
    }
}
