package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writing JSON responses and errors ({@code {"error": "<code>", "message": "..."}}). */
public final class Responses {
    private Responses() {
    }

    /** Writes a JSON body with a status. */
    public static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    /** Writes an error. */
    public static void error(Context ctx, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        json(ctx, status, body);
    }

    /** Writes a {@link WardenException} with the status of its code. */
    public static void error(Context ctx, WardenException e) {
        error(ctx, status(e.code()), e.code().wire(), e.getMessage());
    }

    /**
     * The error code of a status no Warden error code chose (Jetty's rejections, Javalin's own
     * errors): {@code invalid_request}, {@code not_found}, {@code body_too_large},
     * {@code internal_error}..., else the status phrase in snake case ({@code uri_too_long}).
     */
    public static String code(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            case 431 -> "headers_too_large";
            case 500 -> "internal_error";
            default -> {
                String phrase = org.eclipse.jetty.http.HttpStatus.getMessage(status);
                String snake = phrase == null ? "" : phrase.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                        .replaceAll("^_|_$", "");
                yield snake.isEmpty() || snake.equals(Integer.toString(status))
                        ? (status < 500 ? "invalid_request" : "internal_error") : snake;
            }
        };
    }

    /** The HTTP status of an error code. */
    public static int status(ErrorCode code) {
        return switch (code.kind()) {
            case BAD_REQUEST -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case TOO_MANY_REQUESTS -> 429;
            case UNAVAILABLE -> 503;
        };
    }
}
