package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.server.token.AccessClaims;
import dev.warden.server.token.AccessTokens;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.OperatorService;
import dev.warden.operator.Role;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Authenticates callers and checks operator roles. Operators sign in with an operator token or API
 * key ({@link OperatorService}) or, as the bootstrap admin {@code operator:admin}, with the admin
 * token (compared in constant time via its hash); agents with their access tokens.
 *
 * <p>Roles per endpoint: {@link #operator} lets an admin through, and an auditor on reads (GET);
 * {@link #admin} only an admin. Endpoints open to owners (their agents) and approvers (their
 * scope) take the {@link #principal} and check the scope themselves. A refusal is 403
 * {@code forbidden_role}.
 */
public final class Auth {
    private final AccessTokens tokens;
    private final AgentRegistry agents;
    private final byte[] adminTokenHash;
    private final OperatorService operators;

    /** Creates the authenticator with the bootstrap admin token only (no operator accounts). */
    public Auth(AccessTokens tokens, AgentRegistry agents, String adminToken) {
        this(tokens, agents, adminToken, null);
    }

    /** Creates the authenticator; {@code operators} signs in named operators (null for none). */
    public Auth(AccessTokens tokens, AgentRegistry agents, String adminToken, OperatorService operators) {
        this.tokens = tokens;
        this.agents = agents;
        this.adminTokenHash = sha256(adminToken);
        this.operators = operators;
    }

    /**
     * Requires an operator who may use this endpoint without a scope: an admin, or an auditor on a
     * read (GET).
     *
     * @return the actor to record: {@code operator:<name>}
     * @throws WardenException {@code unauthenticated} without a valid credential, {@code forbidden}
     *                         for an agent's token, {@code forbidden_role} for an operator without
     *                         the role
     */
    public Actor operator(Context ctx) {
        OperatorPrincipal p = principal(ctx);
        if (!unscoped(p, ctx)) {
            throw forbidden(p, ctx.method() + " " + ctx.path(), isRead(ctx) ? "admin or auditor" : "admin");
        }
        return p.actor();
    }

    /**
     * Requires an admin.
     *
     * @throws WardenException as {@link #operator}
     */
    public OperatorPrincipal admin(Context ctx) {
        OperatorPrincipal p = principal(ctx);
        if (!p.has(Role.ADMIN)) {
            throw forbidden(p, ctx.method() + " " + ctx.path(), "admin");
        }
        return p;
    }

    /**
     * Requires an operator who may use this endpoint for the agent {@code agentName}: as for
     * {@link #operator}, or the agent's owner ({@link Role#OWNER} and named as its {@code owner}).
     */
    public Actor operatorOrOwner(Context ctx, String agentName) {
        OperatorPrincipal p = principal(ctx);
        if (unscoped(p, ctx) || (p.has(Role.OWNER)
                && agents.find(agentName).map(a -> p.owns(a.owner())).orElse(false))) {
            return p.actor();
        }
        throw forbidden(p, ctx.method() + " " + ctx.path(), "admin" + (isRead(ctx) ? ", auditor" : "") + " or the agent's owner");
    }

    /** Whether the operator may use this endpoint without a scope (admin, or auditor on reads). */
    public static boolean unscoped(OperatorPrincipal p, Context ctx) {
        return p.has(Role.ADMIN) || (p.has(Role.AUDITOR) && isRead(ctx));
    }

    /** The {@code forbidden_role} refusal of an operator, naming what it needed. */
    public static WardenException forbidden(OperatorPrincipal p, String what, String needs) {
        return new WardenException(ErrorCode.FORBIDDEN_ROLE, "operator " + p.name() + " may not " + what + " (needs " + needs + ")");
    }

    private static OperatorPrincipal remember(Context ctx, OperatorPrincipal p) {
        ctx.attribute(PRINCIPAL, p);
        return p;
    }

    /**
     * Records an operator's refused request ({@code forbidden_role}, {@code sod_*},
     * {@code not_in_approver_group}, {@code not_in_sign_off_role}) in the audit
     * trail as {@code operator.refused}: a probe for more privilege leaves a trace. Other errors, and
     * requests without an operator, are not recorded here.
     */
    public void recordRefusal(Context ctx, WardenException e) {
        OperatorPrincipal p = ctx.attribute(PRINCIPAL);
        if (operators == null || p == null || !REFUSALS.contains(e.code())) {
            return;
        }
        operators.refused(p, ctx.method() + " " + ctx.path(), e.code().wire(), ctx.ip());
    }

    private static final String PRINCIPAL = "warden.operator";
    private static final java.util.Set<ErrorCode> REFUSALS = java.util.EnumSet.of(ErrorCode.FORBIDDEN_ROLE,
            ErrorCode.SOD_OWN_AGENT, ErrorCode.SOD_SAME_APPROVER, ErrorCode.NOT_IN_APPROVER_GROUP, ErrorCode.NOT_IN_SIGN_OFF_ROLE);

    private static boolean isRead(Context ctx) {
        return ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
    }

    /**
     * The operator of a request, with its roles: the bootstrap admin for the admin token, else the
     * owner of an operator token or API key. No role is checked here.
     *
     * @throws WardenException as {@link #operator}, and {@code token_expired}, {@code token_revoked},
     *                         {@code operator_disabled} for an operator token or key
     */
    public OperatorPrincipal principal(Context ctx) {
        String token = bearer(ctx);
        if (MessageDigest.isEqual(sha256(token), adminTokenHash)) {
            return remember(ctx, OperatorPrincipal.bootstrap());
        }
        if (operators != null && OperatorService.looksLikeOperatorCredential(token)) {
            return remember(ctx, operators.authenticate(token));
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
     * The claims of the caller when it is an agent: a valid, unrevoked access token of an agent that
     * still exists. Empty when the credential is not an agent's (the admin token, an operator
     * credential, or nothing valid): the caller is then authenticated as an operator.
     *
     * @throws WardenException {@code token_expired} for an agent token past its expiry,
     *                         {@code token_revoked} or {@code invalid_token} for a revoked token or
     *                         one of an agent no longer registered
     */
    public java.util.Optional<AccessClaims> agentCaller(Context ctx) {
        String token = bearer(ctx);
        if (MessageDigest.isEqual(sha256(token), adminTokenHash)
                || (operators != null && OperatorService.looksLikeOperatorCredential(token))) {
            return java.util.Optional.empty();
        }
        try {
            tokens.verify(token);
        } catch (WardenException e) {
            if (e.code() == ErrorCode.TOKEN_EXPIRED) {
                throw e; // an agent's token, out of date: say so rather than "invalid operator credential"
            }
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
