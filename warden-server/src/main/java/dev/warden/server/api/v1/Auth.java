package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.server.token.AccessClaims;
import dev.warden.server.token.AccessTokens;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Authenticates callers: operators by the admin bearer token (compared in constant time via its
 * hash), agents by their access tokens.
 */
public final class Auth {
    private final AccessTokens tokens;
    private final AgentRegistry agents;
    private final byte[] adminTokenHash;

    /** Creates the authenticator. */
    public Auth(AccessTokens tokens, AgentRegistry agents, String adminToken) {
        this.tokens = tokens;
        this.agents = agents;
        this.adminTokenHash = sha256(adminToken);
    }

    /**
     * Requires the operator credential.
     *
     * @throws WardenException {@code unauthenticated} without a valid credential, {@code forbidden}
     *                         for an agent's token
     */
    public Actor operator(Context ctx) {
        String token = bearer(ctx);
        if (MessageDigest.isEqual(sha256(token), adminTokenHash)) {
            return Actor.operator("admin");
        }
        boolean agentToken;
        try {
            tokens.verify(token);
            agentToken = true;
        } catch (WardenException e) {
            agentToken = false;
        }
        if (agentToken) {
            throw new WardenException(ErrorCode.FORBIDDEN, "this endpoint needs an operator credential, not an agent token");
        }
        throw new WardenException(ErrorCode.UNAUTHENTICATED, "invalid operator credential");
    }

    /**
     * Requires the operator credential or a valid, unrevoked agent token: the operator (empty) or the
     * agent's claims.
     */
    public java.util.Optional<AccessClaims> operatorOrAgent(Context ctx) {
        String token = bearer(ctx);
        if (MessageDigest.isEqual(sha256(token), adminTokenHash)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(activeAgent(ctx));
    }

    /**
     * Requires a valid agent access token. Revocation is not checked here: the decision point
     * checks it (and records the attempt).
     */
    public AccessClaims agent(Context ctx) {
        return tokens.verify(bearer(ctx));
    }

    /** Requires a valid, unrevoked access token of an agent that still exists. */
    public AccessClaims activeAgent(Context ctx) {
        AccessClaims claims = agent(ctx);
        Agent agent = agents.find(claims.agent())
                .orElseThrow(() -> new WardenException(ErrorCode.INVALID_TOKEN, "the token's agent is not registered"));
        if (agent.tokenEpoch() != claims.epoch()) {
            throw new WardenException(ErrorCode.TOKEN_REVOKED, "the access token was revoked");
        }
        return claims;
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new WardenException(ErrorCode.UNAUTHENTICATED, "send 'Authorization: Bearer <token>'");
        }
        return header.substring(7).trim();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
