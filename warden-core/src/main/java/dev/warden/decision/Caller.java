package dev.warden.decision;

/**
 * Who asks for a decision, as authenticated by the transport (a verified access token, or the
 * embedding application for in-process use).
 *
 * @param agent      agent name
 * @param sessionId  session id
 * @param tokenEpoch the agent's token epoch the credential was issued under; a kill increments
 *                   the registry's epoch, so older credentials stop working
 */
public record Caller(String agent, String sessionId, long tokenEpoch) {
}
