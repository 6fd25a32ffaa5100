package dev.warden.server.token;

import dev.warden.decision.Caller;
import java.time.Instant;

/**
 * The verified content of an access token.
 *
 * @param agent       agent name
 * @param sessionId   session id
 * @param project     project
 * @param environment environment
 * @param epoch       the agent's token epoch at issue
 * @param expiresAt   expiry
 */
public record AccessClaims(String agent, String sessionId, String project, String environment, long epoch,
                           Instant expiresAt) {

    /** The caller for the decision point. */
    public Caller caller() {
        return new Caller(agent, sessionId, epoch);
    }
}
