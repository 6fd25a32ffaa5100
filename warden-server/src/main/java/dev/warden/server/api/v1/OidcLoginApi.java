package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.operator.OperatorService;
import dev.warden.server.oidc.IdTokenVerifier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/login/oidc {"id_token"}}: an operator signs in with an ID token of the configured
 * OpenID Connect issuer and gets the same answer as a password sign-in,
 * {@code {"token", "expires_at", "operator"}}. The token's claim names an existing, enabled operator
 * whose Warden roles the operator token carries. Anyone may call it; it is rate-limited and every
 * failure is audited like a password sign-in's.
 */
public final class OidcLoginApi {
    private final OperatorService operators;
    private final Optional<IdTokenVerifier> verifier;

    /** Wires the endpoint; without a verifier it answers {@code oidc_not_configured}. */
    public OidcLoginApi(OperatorService operators, Optional<IdTokenVerifier> verifier) {
        this.operators = operators;
        this.verifier = verifier;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/login/oidc", this::login);
    }

    private void login(Context ctx) {
        Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("id_token"));
        String idToken = f.string("id_token");
        IdTokenVerifier v = verifier.orElseThrow(() -> new WardenException(ErrorCode.OIDC_NOT_CONFIGURED,
                "OIDC sign-in is not configured (operators.oidc in warden.yaml)"));
        OperatorService.SignIn in = operators.loginWithIdentity(() -> v.verify(idToken), "oidc", ctx.ip());
        Responses.json(ctx, 200, Map.of("token", in.token(), "expires_at", in.expiresAt().toString(),
                "operator", in.operator()));
    }
}
