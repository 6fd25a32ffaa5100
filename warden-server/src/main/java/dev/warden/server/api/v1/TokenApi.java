package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.flow.SessionLabels;
import dev.warden.server.token.AccessClaims;
import dev.warden.server.token.AccessTokens;
import dev.warden.server.token.ClientAssertions;
import dev.warden.server.token.IssuedToken;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token endpoint ({@code POST /v1/token}), the JWK set and the authorization-server metadata
 * (RFC 8414). Agents authenticate with a {@code private_key_jwt} client assertion, form-encoded as
 * RFC 7523 describes (a JSON body with the same fields is accepted too).
 */
public final class TokenApi {
    private final AccessTokens tokens;
    private final ClientAssertions assertions;
    private final AuditLog audit;
    private final SessionLabels labels;
    private final Clock clock;

    /** Wires the endpoints. */
    public TokenApi(AccessTokens tokens, ClientAssertions assertions, AuditLog audit, SessionLabels labels, Clock clock) {
        this.tokens = tokens;
        this.assertions = assertions;
        this.audit = audit;
        this.labels = labels;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/token", this::token);
        routes.get("/.well-known/jwks.json", ctx -> Responses.json(ctx, 200, tokens.jwks()));
        routes.get("/.well-known/oauth-authorization-server", this::metadata);
    }

    private void token(Context ctx) {
        Map<String, String> form = form(ctx);
        String grant = required(form, "grant_type");
        if (!grant.equals("client_credentials")) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "grant_type must be client_credentials");
        }
        if (!ClientAssertions.TYPE.equals(required(form, "client_assertion_type"))) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "client_assertion_type must be " + ClientAssertions.TYPE);
        }
        Agent agent = assertions.verify(required(form, "client_assertion"), Optional.ofNullable(form.get("client_id")));
        Optional<String> follows = previousSession(form.get("previous_token"), agent);
        IssuedToken issued = tokens.issue(agent);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("expires_at", issued.expiresAt().toString());
        fields.put("token_epoch", agent.tokenEpoch());
        follows.ifPresent(s -> fields.put("follows_session", s));
        audit.appendDurably(new AuditEvent("token.issued", clock.instant(), agent.name(), issued.sessionId(), null, null, fields));
        // Before the token leaves: its first call must already see the labels the session it follows had.
        follows.ifPresent(s -> labels.carry(agent.name(), s, issued.sessionId(), "token-renewal"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", issued.token());
        out.put("token_type", "Bearer");
        out.put("expires_in", tokens.ttl().toSeconds());
        out.put("session_id", issued.sessionId());
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, 200, out);
    }

    /**
     * The session a renewal follows: that of {@code previous_token}, a token this server signed for
     * the same agent (expired or not). A token of another agent or not ours is refused, so no one
     * can attach to a session that is not theirs.
     */
    private Optional<String> previousSession(String previous, Agent agent) {
        if (previous == null) {
            return Optional.empty();
        }
        AccessClaims claims;
        try {
            claims = tokens.verifyAllowingExpiry(previous);
        } catch (WardenException e) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "previous_token is not an access token this server issued");
        }
        if (!claims.agent().equals(agent.name())) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "previous_token was issued to another agent");
        }
        return Optional.of(claims.sessionId());
    }

    private void metadata(Context ctx) {
        String base = ctx.scheme() + "://" + ctx.host();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", tokens.issuer());
        m.put("token_endpoint", base + "/v1/token");
        m.put("jwks_uri", base + "/.well-known/jwks.json");
        m.put("grant_types_supported", List.of("client_credentials"));
        m.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        m.put("token_endpoint_auth_signing_alg_values_supported", List.of("EdDSA"));
        Responses.json(ctx, 200, m);
    }

    private static Map<String, String> form(Context ctx) {
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        String body = ctx.body();
        Map<String, String> out = new HashMap<>();
        if (type.startsWith("application/json")) {
            Json.parseObject(body).forEach((k, v) -> {
                if (v instanceof String s) {
                    out.put(k, s);
                } else if (v != null) {
                    throw new WardenException(ErrorCode.INVALID_FIELD, k + " must be a string");
                }
            });
            return out;
        }
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new WardenException(ErrorCode.INVALID_REQUEST,
                    "send the token request as application/x-www-form-urlencoded (RFC 7523) or application/json");
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (out.put(k, v) != null) {
                    throw new WardenException(ErrorCode.INVALID_REQUEST, k + " is given more than once");
                }
            } catch (IllegalArgumentException e) {
                throw new WardenException(ErrorCode.INVALID_REQUEST, "malformed form encoding");
            }
        }
        return out;
    }

    private static String required(Map<String, String> form, String name) {
        String v = form.get(name);
        if (v == null || v.isBlank()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, name + " is required");
        }
        return v;
    }
}
