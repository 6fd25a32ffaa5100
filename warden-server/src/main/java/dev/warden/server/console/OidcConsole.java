package dev.warden.server.console;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.operator.IdentityCheck;
import dev.warden.operator.OperatorService;
import dev.warden.server.oidc.CodeExchange;
import dev.warden.server.oidc.IdTokenVerifier;
import dev.warden.server.oidc.OidcClient;
import dev.warden.server.oidc.ProviderEndpoints;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sign-in to the console at the configured OpenID Connect issuer: the authorization-code flow with
 * PKCE (S256), a {@code state} bound to the browser and a {@code nonce} bound to the ID token.
 *
 * <p>{@code GET /console/oidc/start} remembers a new {@link PendingOidcLogins.Pending} and sends
 * the browser to the issuer's authorization endpoint; {@code GET /console/oidc/callback} takes it
 * back by its {@code state} (once, within ten minutes, only in the browser holding its
 * {@code warden_oidc} cookie), redeems the code at the token endpoint, checks the ID token with the
 * same {@link IdTokenVerifier} as {@code POST /v1/login/oidc} plus the nonce, and signs the operator
 * in through {@link OperatorService#loginWithIdentity}: the same rate limits and the same
 * {@code operator.login} / {@code operator.login_failed} records as the API, with
 * {@code "method": "oidc"}. A refused callback is such a failed sign-in too.
 *
 * <p>The binding cookie is {@code SameSite=Lax} (the callback is a cross-site navigation, on which a
 * browser does not send the {@code Strict} session cookie); and the callback answers with a page that
 * moves on to the console itself, so that the console's first request after sign-in is same-site and
 * carries the new session cookie.
 */
public final class OidcConsole implements ConsoleFeature {
    /** Where sign-in starts. */
    public static final String START = "/console/oidc/start";
    /** The cookie binding a pending sign-in to the browser that started it. */
    public static final String BINDING_COOKIE = "warden_oidc";
    private static final Logger LOG = System.getLogger(OidcConsole.class.getName());
    private static final String HOME = "/console/";

    private final OperatorService operators;
    private final OidcClient client;
    private final IdTokenVerifier verifier;
    private final ProviderEndpoints endpoints;
    private final CodeExchange exchange;
    private final PendingOidcLogins pending;
    private final Optional<String> publicUrl;
    private ConsoleGuard guard;

    /**
     * Wires the sign-in.
     *
     * @param publicUrl {@code http.public_url}, the origin of the callback address when
     *                  {@code redirect_uri} is not configured (else the request's origin)
     */
    public OidcConsole(OperatorService operators, OidcClient client, IdTokenVerifier verifier, ProviderEndpoints endpoints,
                       CodeExchange exchange, PendingOidcLogins pending, Optional<String> publicUrl) {
        this.operators = operators;
        this.client = client;
        this.verifier = verifier;
        this.endpoints = endpoints;
        this.exchange = exchange;
        this.pending = pending;
        this.publicUrl = publicUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    /** The name on the sign-in button. */
    public String displayName() {
        return client.displayName();
    }

    @Override
    public void register(RoutesConfig routes, ConsoleGuard consoleGuard) {
        this.guard = consoleGuard;
        routes.get(START, consoleGuard.page(this::start));
        routes.get(OidcClient.CALLBACK_PATH, consoleGuard.page(this::callback));
    }

    private void start(Context ctx) {
        ConsoleSessions sessions = guard.sessions();
        Optional<ConsoleSession> s = sessions.find(ctx.cookie(ConsoleGuard.COOKIE));
        if (s.isPresent() && guard.signedIn(s.get()).isPresent()) {
            ctx.redirect(HOME, HttpStatus.SEE_OTHER);
            return;
        }
        ConsoleSession pre = s.filter(x -> !x.signedIn()).orElseGet(sessions::anonymous);
        ConsoleApi.setCookie(ctx, pre.id(), (int) ConsoleSessions.ABSOLUTE.toSeconds());
        ProviderEndpoints.Endpoints at;
        try {
            at = endpoints.endpoints();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "OIDC sign-in: " + e.getMessage());
            unavailable(ctx);
            return;
        }
        URI redirect = client.redirectUri(publicUrl.orElseGet(() -> ctx.scheme() + "://" + ctx.host()));
        PendingOidcLogins.Pending p = pending.start(Optional.of(pre.id()), redirect);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", client.clientId());
        q.put("redirect_uri", redirect.toString());
        q.put("scope", client.scope());
        q.put("state", p.state());
        q.put("nonce", p.nonce());
        q.put("code_challenge", p.codeChallenge());
        q.put("code_challenge_method", "S256");
        bindingCookie(ctx, p.binding(), (int) PendingOidcLogins.TTL.toSeconds());
        ctx.redirect(at.authorization() + "?" + q.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&")), HttpStatus.SEE_OTHER);
    }

    private void callback(Context ctx) {
        Optional<PendingOidcLogins.Pending> taken = pending.take(ctx.queryParam("state"), ctx.cookie(BINDING_COOKIE));
        if (taken.isEmpty()) {
            // not a sign-in this browser started (forged, replayed, expired): a failed sign-in, and the browser's
            // own sign-in under way (if any) is left alone
            ErrorCode c = refuse(ctx, "state", "the callback's state names no sign-in this browser started"
                    + " (unknown, used already or expired)");
            if (c == ErrorCode.TOO_MANY_ATTEMPTS) {
                failed(ctx, 429, "Too many failed sign-ins. Wait a while and try again.");
                return;
            }
            guard.pages().error(ctx, 403, "Sign-in refused", "This sign-in was not started in this browser, was already"
                    + " used or has expired. Go to the sign-in page and start again.");
            return;
        }
        bindingCookie(ctx, "", 0);
        PendingOidcLogins.Pending p = taken.get();
        String error = ctx.queryParam("error");
        if (error != null) {
            String code = error.length() > 64 ? error.substring(0, 64) + "…" : error;
            if (refuse(ctx, "idp_error", "the identity provider answered error " + code) == ErrorCode.TOO_MANY_ATTEMPTS) {
                failed(ctx, 429, "Too many failed sign-ins. Wait a while and try again.");
                return;
            }
            failed(ctx, 401, "Sign-in with " + client.displayName() + " failed: it answered \"" + code + "\".");
            return;
        }
        String code = ctx.queryParam("code");
        if (code == null || code.isEmpty() || code.length() > 4096) {
            refuse(ctx, "malformed", "the callback carries no code");
            failed(ctx, 401, "Sign-in with " + client.displayName() + " failed: it sent no authorization code.");
            return;
        }
        OperatorService.SignIn in;
        try {
            in = operators.loginWithIdentity(() -> identity(p, code), "oidc", ctx.ip());
        } catch (WardenException e) {
            switch (e.code()) {
                case IDP_UNAVAILABLE -> {
                    LOG.log(Level.WARNING, "OIDC sign-in: " + e.getMessage());
                    unavailable(ctx);
                }
                case TOO_MANY_ATTEMPTS -> failed(ctx, 429, "Too many failed sign-ins. Wait a while and try again.");
                case INVALID_ID_TOKEN -> failed(ctx, 401, "Sign-in with " + client.displayName() + " failed: you are"
                        + " not an enabled Warden operator, or its answer was refused.");
                default -> throw e;
            }
            return;
        }
        ConsoleSessions sessions = guard.sessions();
        String current = ctx.cookie(ConsoleGuard.COOKIE);
        if (current != null && !current.isEmpty()) {
            sessions.end(current);
        }
        ConsoleSession s = sessions.signIn(p.preSession(), in.operator());
        ConsoleApi.setCookie(ctx, s.id(), (int) ConsoleSessions.ABSOLUTE.toSeconds());
        guard.pages().send(ctx, 200, "oidc-signed-in.jte",
                new OidcSignedInView(guard.pages().chrome(Optional.empty(), ""), in.operator()));
    }

    /** Redeems the code and checks the ID token it buys, with the sign-in's nonce. */
    private IdentityCheck identity(PendingOidcLogins.Pending p, String code) {
        ProviderEndpoints.Endpoints at;
        try {
            at = endpoints.endpoints();
        } catch (IOException e) {
            return new IdentityCheck.Unavailable(e.getMessage());
        }
        return switch (exchange.redeem(at.token(), code, p.codeVerifier(), p.redirectUri())) {
            case CodeExchange.Result.IdToken t -> verifier.verify(t.idToken(), p.nonce());
            case CodeExchange.Result.Refused r -> new IdentityCheck.Refused("token_endpoint",
                    "the identity provider's token endpoint refused the code: " + r.error());
            case CodeExchange.Result.Unavailable u -> new IdentityCheck.Unavailable(u.message());
        };
    }

    /** Records a failed sign-in (counted and audited as the API's are); the error it was refused with. */
    private ErrorCode refuse(Context ctx, String reason, String message) {
        Supplier<IdentityCheck> refused = () -> new IdentityCheck.Refused(reason, message);
        try {
            operators.loginWithIdentity(refused, "oidc", ctx.ip());
            throw new IllegalStateException("a refused identity signed in");
        } catch (WardenException e) {
            return e.code();
        }
    }

    /** The sign-in page again, with the reason, in a new pre-sign-in session of this browser. */
    private void failed(Context ctx, int status, String message) {
        ConsoleSessions sessions = guard.sessions();
        Optional<ConsoleSession> s = sessions.find(ctx.cookie(ConsoleGuard.COOKIE)).filter(x -> !x.signedIn());
        ConsoleSession pre = s.orElseGet(sessions::anonymous);
        if (s.isEmpty()) {
            ConsoleApi.setCookie(ctx, pre.id(), (int) ConsoleSessions.ABSOLUTE.toSeconds());
        }
        guard.pages().send(ctx, status, "login.jte", new LoginView(guard.pages().chrome(Optional.empty(), pre.csrf()),
                Optional.of(message), Optional.of(client.displayName())));
    }

    private void unavailable(Context ctx) {
        guard.pages().error(ctx, 503, "Sign-in unavailable", client.displayName()
                + " cannot be reached. Try again in a minute, or sign in with your name and password.");
    }

    /** The binding cookie: HttpOnly, SameSite=Lax (sent on the identity provider's redirect back), Path=/console/oidc. */
    private static void bindingCookie(Context ctx, String value, int maxAge) {
        Cookie c = new Cookie(BINDING_COOKIE, value, "/console/oidc", maxAge, false, true, null, SameSite.LAX);
        c.setPath("/console/oidc");
        c.setHttpOnly(true);
        c.setSecure("https".equalsIgnoreCase(ctx.scheme()));
        c.setSameSite(SameSite.LAX);
        c.setMaxAge(maxAge);
        ctx.cookie(c);
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
