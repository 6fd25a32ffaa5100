package dev.warden.server.console;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.operator.Operator;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.OperatorService;
import dev.warden.operator.Role;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Optional;

/**
 * What every console route goes through: the signed-in operator re-read from the operator store
 * (a disabled or deleted one ends the session), the CSRF token of every POST, role checks, and
 * failures turned into HTML error pages. A {@link WardenException} a service throws is shown with
 * its message and the status its kind has in the API (so a separation-of-duties refusal reads the
 * same in the console as in the API); anything else is a 500 page with the details in the log.
 */
public final class ConsoleGuard {
    /** The session cookie. */
    public static final String COOKIE = "warden_console";
    /** The sign-in page. */
    public static final String LOGIN = "/console/login";
    private static final Logger LOG = System.getLogger(ConsoleGuard.class.getName());

    private final OperatorService operators;
    private final ConsoleSessions sessions;
    private final ConsolePages pages;

    /** A guard over these sessions, checking operators in this store and rendering with these pages. */
    public ConsoleGuard(OperatorService operators, ConsoleSessions sessions, ConsolePages pages) {
        this.operators = operators;
        this.sessions = sessions;
        this.pages = pages;
    }

    /** A console request's handler; anything it throws becomes an HTML error page. */
    @FunctionalInterface
    public interface Page {
        /** Answers the request. */
        void handle(Context ctx) throws Exception;
    }

    /** A handler for a signed-in operator. */
    @FunctionalInterface
    public interface SignedInPage {
        /** Answers the request of {@code in}. */
        void handle(Context ctx, SignedIn in) throws Exception;
    }

    /** The pages renderer. */
    public ConsolePages pages() {
        return pages;
    }

    /** The sessions. */
    public ConsoleSessions sessions() {
        return sessions;
    }

    /** A handler whose failures become HTML error pages. */
    public Handler page(Page page) {
        return ctx -> {
            try {
                page.handle(ctx);
            } catch (WardenException e) {
                failed(ctx, e);
            } catch (Exception e) {
                LOG.log(Level.ERROR, "console error on " + ctx.method() + " " + ctx.path(), e);
                errorPage(ctx, 500);
            }
        };
    }

    /** A GET handler for a signed-in operator; without a session it redirects to the sign-in page. */
    public Handler get(SignedInPage page) {
        return page(ctx -> {
            Optional<SignedIn> in = signedIn(ctx);
            if (in.isPresent()) {
                handle(ctx, in.get(), page);
            }
        });
    }

    /**
     * A POST handler for a signed-in operator whose request carries the session's CSRF token
     * (form field {@code _csrf} or header {@code X-CSRF-Token}); without it the answer is 403.
     */
    public Handler post(SignedInPage page) {
        return page(ctx -> {
            Optional<SignedIn> in = signedIn(ctx);
            if (in.isEmpty()) {
                return;
            }
            if (!ConsoleSessions.csrfMatches(in.get().session(), csrf(ctx))) {
                forbidden(ctx);
                return;
            }
            handle(ctx, in.get(), page);
        });
    }

    /** Runs a page; a refusal for lack of rights is recorded as the API records it ({@code operator.refused}). */
    private void handle(Context ctx, SignedIn in, SignedInPage page) throws Exception {
        try {
            page.handle(ctx, in);
        } catch (WardenException e) {
            if (e.code().kind() == ErrorCode.Kind.FORBIDDEN) {
                refused(ctx, in, e.code().wire());
            }
            throw e;
        }
    }

    private void refused(Context ctx, SignedIn in, String code) {
        operators.refused(in.principal(), ctx.method() + " " + ctx.path(), code, ctx.ip());
    }

    /**
     * Whether the operator holds one of the roles; if not, answers 403 with a page saying which
     * roles the action needs, and is false.
     */
    public boolean require(Context ctx, SignedIn in, Role... roles) {
        if (Arrays.stream(roles).anyMatch(in::has)) {
            return true;
        }
        refuse(ctx, in, "This needs the role "
                + String.join(" or ", Arrays.stream(roles).map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).toList())
                + ". Your roles do not include it.");
        return false;
    }

    /**
     * Answers 403 with {@code message} (what the action needs) and records the refusal as the API
     * does ({@code operator.refused}).
     */
    public void refuse(Context ctx, SignedIn in, String message) {
        refused(ctx, in, "forbidden");
        pages.error(ctx, 403, "Not allowed", message);
    }

    /** The signed-in operator of this request; else answers with a redirect to the sign-in page and is empty. */
    public Optional<SignedIn> signedIn(Context ctx) {
        Optional<SignedIn> in = sessions.find(ctx.cookie(COOKIE)).flatMap(this::signedIn);
        if (in.isEmpty()) {
            if (ctx.header("HX-Request") != null) {
                // a background htmx request cannot follow a redirect into a page: tell htmx to load the sign-in page
                ctx.header("HX-Redirect", LOGIN);
                ctx.status(HttpStatus.UNAUTHORIZED);
            } else {
                ctx.redirect(LOGIN, HttpStatus.SEE_OTHER);
            }
        }
        return in;
    }

    /** The session's operator re-read from the store; empty when signed out, disabled or deleted. */
    Optional<SignedIn> signedIn(ConsoleSession s) {
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
        OperatorPrincipal p = new OperatorPrincipal(op.name(), op.roles(), "console");
        return Optional.of(new SignedIn(s, p, pages.chrome(Optional.of(op.name()), s.csrf())));
    }

    /** Answers 403: the form's CSRF token was missing or wrong. */
    public void forbidden(Context ctx) {
        pages.error(ctx, 403, "Request refused",
                "The form was missing its security token or it had expired. Go back, reload the page and try again.");
    }

    /**
     * Answers a console error as an HTML page: 403, 404, 405 and 429 as such, any other 4xx as
     * 400, anything else as 500.
     */
    public void errorPage(Context ctx, int status) {
        ConsoleApi.headers(ctx);
        switch (status) {
            case 403 -> pages.error(ctx, 403, "Not allowed", "You may not do this.");
            case 404 -> pages.error(ctx, 404, "Not found", "There is no such page in the console.");
            case 405 -> pages.error(ctx, 405, "Not allowed", "This page does not accept that kind of request.");
            case 429 -> pages.error(ctx, 429, "Too many requests", "Wait a while and try again.");
            default -> {
                if (status >= 400 && status < 500) {
                    pages.error(ctx, 400, "Bad request", "The request was not understood.");
                } else {
                    pages.error(ctx, 500, "Something went wrong", "The console could not answer. The server log has the details.");
                }
            }
        }
    }

    /** Shows a service's refusal with its message, at the status the API gives its kind. */
    private void failed(Context ctx, WardenException e) {
        int status = switch (e.code().kind()) {
            case BAD_REQUEST, TOO_LARGE -> 400;
            case UNAUTHENTICATED, FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_MANY_REQUESTS -> 429;
            case UNAVAILABLE -> 503;
        };
        if (status == 503) {
            LOG.log(Level.ERROR, "console error on " + ctx.method() + " " + ctx.path(), e);
        }
        String title = switch (status) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 429 -> "Too many requests";
            case 503 -> "Unavailable";
            default -> "Bad request";
        };
        pages.error(ctx, status, title, e.getMessage());
    }

    static String csrf(Context ctx) {
        String header = ctx.header("X-CSRF-Token");
        return header != null ? header : ctx.formParam("_csrf");
    }
}
