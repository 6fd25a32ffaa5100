package dev.warden.server.token;

import java.time.Instant;

/**
 * A freshly minted access token.
 *
 * @param token     the compact JWT
 * @param sessionId the session it opens
 * @param expiresAt its expiry
 */
public record IssuedToken(String token, String sessionId, Instant expiresAt) {
}
