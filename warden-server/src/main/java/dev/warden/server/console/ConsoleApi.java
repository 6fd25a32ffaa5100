package dev.warden.server.console;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.operator.Operator;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.OperatorService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.SameSite;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The operator console's HTTP side: sign-in and sign-out, the overview and the agents page, and
 * the stylesheet. Pages are HTML only (errors too); every response under {@code /console} carries
 * {@link #CSP} and the other security headers; every POST needs the session's CSRF token.
 * The session holds the operator's name only: its roles and whether it is still enabled are read
 * from the operator store on each request, so a disabled operator is signed out at its next click.
 */
public final class ConsoleApi {
    /** The session cookie. */
    public static final String COOKIE = "warden_console";
    /** The Content-Security-Policy of every console response. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Logger LOG = System.getLogger(ConsoleApi.class.getName());
    private static final String LOGIN = "/console/login";
    private static final String HOME = "/console/";

    private final OperatorService operators;
    private final ConsoleSessions sessions;
    private final ConsolePages pages;
    private final ConsoleAssets assets;
    private final ConsoleFigures figures;

    /** Wires the console. */
    public ConsoleApi(OperatorService operators, ConsoleSessions sessions, ConsolePages pages, ConsoleAssets assets,
                      ConsoleFigures figures) {
        this.operators = operators;
        this.sessions = sessions;
        this.pages = pages;
        this.assets = assets;
        this.figures = figures;
    }

    /** A console request's handler; anything it throws becomes an HTML error page. */
    @FunctionalInterface
    private interface Page {
        void handle(Context ctx) throws Exception;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.before("/console", ConsoleApi::headers);
        routes.before("/console/*", ConsoleApi::headers);
        routes.get(LOGIN, guarded(this::loginPage));
        routes.post(LOGIN, guarded(this::login));
        routes.post("/console/logout", guarded(this::logout));
        routes.get(HOME, guarded(this::overview));
        routes.get("/console/agents", guarded(this::agents));
        routes.get("/console/assets/{file}", guarded(this::asset));
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

    /**
     * Answers a console error as an HTML page with the security headers (for the server's error
     * handlers): 404 and 405 as such, any other 4xx as 400, anything else as 500.
     */
    public void errorPage(Context ctx, int status) {
        headers(ctx);
        switch (status >= 400 && status < 500 && status != 404 && status != 405 ? 400 : status) {
            case 404 -> pages.error(ctx, 404, "Not found", "There is no such page in the console.");
            case 405 -> pages.error(ctx, 405, "Not allowed", "This page does not accept that kind of request.");
            case 400 -> pages.error(ctx, 400, "Bad request", "The request was not understood.");
            default -> pages.error(ctx, 500, "Something went wrong", "The console could not answer. The server log has the details.");
        }
    }

    private Handler guarded(Page page) {
        return ctx -> {
            try {
                page.handle(ctx);
            } catch (WardenException e) {
                int status = e.code().kind() == ErrorCode.Kind.BAD_REQUEST ? 400 : 500;
                if (status == 500) {
                    LOG.log(Level.ERROR, "console error on " + ctx.method() + " " + ctx.path(), e);
                }
                errorPage(ctx, status);
            } catch (Exception e) {
                LOG.log(Level.ERROR, "console error on " + ctx.method() + " " + ctx.path(), e);
                errorPage(ctx, 500);
            }
        };
    }

    private void loginPage(Context ctx) {
        Optional<ConsoleSession> s = sessions.find(ctx.cookie(COOKIE));
        if (s.isPresent() && signedIn(s.get()).isPresent()) {
            ctx.redirect(HOME, io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        // a pre-sign-in session whose token the form must return: a cross-site form cannot sign a browser in
        ConsoleSession pre = s.filter(x -> !x.signedIn()).orElseGet(sessions::anonymous);
        setCookie(ctx, pre.id(), (int) ConsoleSessions.ABSOLUTE.toSeconds());
        pages.send(ctx, 200, "login.jte", new LoginView(pages.chrome(Optional.empty(), pre.csrf()), Optional.empty()));
    }

    private void login(Context ctx) {
        Optional<ConsoleSession> pre = sessions.find(ctx.cookie(COOKIE));
        if (pre.isEmpty() || !ConsoleSessions.csrfMatches(pre.get(), csrf(ctx))) {
            forbidden(ctx);
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
        ctx.redirect(HOME, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void loginFailed(Context ctx, ConsoleSession pre, int status, String message) {
        pages.send(ctx, status, "login.jte", new LoginView(pages.chrome(Optional.empty(), pre.csrf()), Optional.of(message)));
    }

    private void logout(Context ctx) {
        Optional<ConsoleSession> s = sessions.find(ctx.cookie(COOKIE));
        if (s.isEmpty() || !ConsoleSessions.csrfMatches(s.get(), csrf(ctx))) {
            forbidden(ctx);
            return;
        }
        sessions.end(s.get().id());
        setCookie(ctx, "", 0);
        s.get().operator().ifPresent(name -> operators.loggedOut(name, "console", ctx.ip()));
        ctx.redirect(LOGIN, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void overview(Context ctx) {
        signedIn(ctx).ifPresent(in -> pages.send(ctx, 200, "overview.jte",
                figures.overview(in.principal(), pages.chrome(Optional.of(in.principal().name()), in.session().csrf()))));
    }

    private void agents(Context ctx) {
        signedIn(ctx).ifPresent(in -> pages.send(ctx, 200, "agents.jte", new AgentsView(
                pages.chrome(Optional.of(in.principal().name()), in.session().csrf()), figures.rows(in.principal()))));
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

    /** A signed-in session with its operator as the store has it now. */
    private record SignedIn(ConsoleSession session, OperatorPrincipal principal) {
    }

    /** The signed-in operator of this request; else answers with a redirect to the sign-in page and is empty. */
    private Optional<SignedIn> signedIn(Context ctx) {
        Optional<SignedIn> in = sessions.find(ctx.cookie(COOKIE)).flatMap(this::signedIn);
        if (in.isEmpty()) {
            ctx.redirect(LOGIN, io.javalin.http.HttpStatus.SEE_OTHER);
        }
        return in;
    }

    /** The session's operator re-read from the store: a disabled or deleted one ends the session. */
    private Optional<SignedIn> signedIn(ConsoleSession s) {
        if (s.operator().isEmpty()) {
            return Optional.empty();
        }
        Operator op;
        try {
            op = operators.require(s.operator().get());
        } catch (WardenException e) {
            sessions.end(s.id());
            return Optional.empty();
        }
        if (op.disabled()) {
            sessions.end(s.id());
            return Optional.empty();
        }
        return Optional.of(new SignedIn(s, new OperatorPrincipal(op.name(), op.roles(), "console")));
    }

    private void forbidden(Context ctx) {
        pages.error(ctx, 403, "Request refused",
                "The form was missing its security token or it had expired. Go back, reload the page and try again.");
    }

    private static String csrf(Context ctx) {
        String header = ctx.header("X-CSRF-Token");
        return header != null ? header : ctx.formParam("_csrf");
    }

    private static void setCookie(Context ctx, String value, int maxAge) {
        Cookie c = new Cookie(COOKIE, value, "/console", maxAge, false, true, null, SameSite.STRICT);
        c.setPath("/console");
        c.setHttpOnly(true);
        c.setSecure("https".equalsIgnoreCase(ctx.scheme()));
        c.setSameSite(SameSite.STRICT);
        c.setMaxAge(maxAge);
        ctx.cookie(c);
    }
}
