package dev.warden.server.console;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.operator.OperatorService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.List;
import java.util.Optional;

/**
 * The operator console's HTTP side: sign-in and sign-out, the overview and the agents list, the
 * shipped assets, and the routes of each {@link ConsoleFeature}. Pages are HTML only (errors too);
 * every response under {@code /console} carries {@link #CSP} and the other security headers; every
 * POST needs the session's CSRF token (see {@link ConsoleGuard}).
 */
public final class ConsoleApi {
    /** The session cookie. */
    public static final String COOKIE = ConsoleGuard.COOKIE;
    /** The Content-Security-Policy of every console response. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String HOME = "/console/";

    private final OperatorService operators;
    private final ConsoleGuard guard;
    private final ConsoleAssets assets;
    private final ConsoleFigures figures;
    private final List<ConsoleFeature> features;
    private final Optional<String> oidc;

    /**
     * Wires the console and its features; the sign-in page offers OIDC sign-in at the issuer named
     * {@code oidc} when given (its routes are an {@link OidcConsole} among the features).
     */
    public ConsoleApi(OperatorService operators, ConsoleGuard guard, ConsoleAssets assets, ConsoleFigures figures,
                      List<ConsoleFeature> features, Optional<String> oidc) {
        this.oidc = oidc;
        this.operators = operators;
        this.guard = guard;
        this.assets = assets;
        this.figures = figures;
        this.features = List.copyOf(features);
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.before("/console", ConsoleApi::headers);
        routes.before("/console/*", ConsoleApi::headers);
        routes.get(ConsoleGuard.LOGIN, guard.page(this::loginPage));
        routes.post(ConsoleGuard.LOGIN, guard.page(this::login));
        routes.post("/console/logout", guard.page(this::logout));
        routes.get(HOME, guard.get((ctx, in) -> guard.pages().send(ctx, 200, "overview.jte",
                figures.overview(in.principal(), in.chrome()))));
        routes.get("/console/agents", guard.get((ctx, in) -> guard.pages().send(ctx, 200, "agents.jte",
                figures.agentsPage(in.principal(), in.chrome(), AgentsFilter.of(ctx::queryParam), page(ctx.queryParam("page"))))));
        routes.get("/console/assets/{file}", guard.page(this::asset));
        for (ConsoleFeature f : features) {
            f.register(routes, guard);
        }
    }

    /** The page number of a {@code page} parameter: 1 when missing or not a positive number. */
    static int page(String param) {
        if (param == null || param.isBlank() || param.length() > 9 || !param.strip().chars().allMatch(Character::isDigit)) {
            return 1;
        }
        return Math.max(1, Integer.parseInt(param.strip()));
    }

    /** The security headers of every console response. */
    public static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    /** Whether a path belongs to the console (its errors are HTML pages, not JSON). */
    public static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    /** Answers a console error as an HTML page with the security headers (for the server's error handlers). */
    public void errorPage(Context ctx, int status) {
        guard.errorPage(ctx, status);
    }

    private void loginPage(Context ctx) {
        ConsoleSessions sessions = guard.sessions();
        Optional<ConsoleSession> s = sessions.find(ctx.cookie(COOKIE));
        if (s.isPresent() && guard.signedIn(s.get()).isPresent()) {
            ctx.redirect(HOME, HttpStatus.SEE_OTHER);
            return;
        }
        // a pre-sign-in session whose token the form must return: a cross-site form cannot sign a browser in
        ConsoleSession pre = s.filter(x -> !x.signedIn()).orElseGet(sessions::anonymous);
        setCookie(ctx, pre.id(), (int) ConsoleSessions.ABSOLUTE.toSeconds());
        guard.pages().send(ctx, 200, "login.jte", new LoginView(guard.pages().chrome(Optional.empty(), pre.csrf()), Optional.empty(), oidc));
    }

    private void login(Context ctx) {
        ConsoleSessions sessions = guard.sessions();
        Optional<ConsoleSession> pre = sessions.find(ctx.cookie(COOKIE));
        if (pre.isEmpty() || !ConsoleSessions.csrfMatches(pre.get(), ConsoleGuard.csrf(ctx))) {
            guard.forbidden(ctx);
            return;
        }
        String name = ctx.formParam("name");
        String password = ctx.formParam("password");
        if (name == null || name.isBlank() || password == null || password.isEmpty()) {
            loginFailed(ctx, pre.get(), 400, "Enter your name and your password.");
            return;
        }
        try {
            operators.login(name, password.toCharArray(), ctx.ip());
        } catch (WardenException e) {
            if (e.code() == ErrorCode.TOO_MANY_ATTEMPTS) {
                loginFailed(ctx, pre.get(), 429, "Too many failed sign-ins. Wait a while and try again.");
                return;
            }
            if (e.code() == ErrorCode.INVALID_CREDENTIALS) {
                loginFailed(ctx, pre.get(), 401, "Sign-in failed: wrong name or password.");
                return;
            }
            throw e;
        }
        ConsoleSession s = sessions.signIn(Optional.of(pre.get().id()), name);
        setCookie(ctx, s.id(), (int) ConsoleSessions.ABSOLUTE.toSeconds());
        ctx.redirect(HOME, HttpStatus.SEE_OTHER);
    }

    private void loginFailed(Context ctx, ConsoleSession pre, int status, String message) {
        guard.pages().send(ctx, status, "login.jte",
                new LoginView(guard.pages().chrome(Optional.empty(), pre.csrf()), Optional.of(message), oidc));
    }

    private void logout(Context ctx) {
        ConsoleSessions sessions = guard.sessions();
        Optional<ConsoleSession> s = sessions.find(ctx.cookie(COOKIE));
        if (s.isEmpty() || !ConsoleSessions.csrfMatches(s.get(), ConsoleGuard.csrf(ctx))) {
            guard.forbidden(ctx);
            return;
        }
        sessions.end(s.get().id());
        setCookie(ctx, "", 0);
        s.get().operator().ifPresent(name -> operators.loggedOut(name, "console", ctx.ip()));
        ctx.redirect(ConsoleGuard.LOGIN, HttpStatus.SEE_OTHER);
    }

    private void asset(Context ctx) {
        Optional<ConsoleAssets.Asset> a = assets.find(ctx.pathParam("file"));
        if (a.isEmpty()) {
            errorPage(ctx, 404);
            return;
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("Content-Type", a.get().type());
        ctx.result(a.get().bytes());
    }

    /** Sets the session cookie: HttpOnly, SameSite=Strict, Path=/console, Secure over HTTPS. */
    static void setCookie(Context ctx, String value, int maxAge) {
        Cookie c = new Cookie(COOKIE, value, "/console", maxAge, false, true, null, SameSite.STRICT);
        c.setPath("/console");
        c.setHttpOnly(true);
        c.setSecure("https".equalsIgnoreCase(ctx.scheme()));
        c.setSameSite(SameSite.STRICT);
        c.setMaxAge(maxAge);
        ctx.cookie(c);
    }
}
