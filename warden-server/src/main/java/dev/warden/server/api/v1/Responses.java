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

    /** The HTTP status of an error code. */
    public static int status(ErrorCode code) {
        return switch (code.kind()) {
            case BAD_REQUEST -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNAVAILABLE -> 503;
        };
    }
}
