package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import io.javalin.http.Context;

/** Query-parameter parsing with errors naming the parameter. */
final class Queries {
    private Queries() {
    }

    static long longParam(Context ctx, String name, long dflt, long min, long max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new WardenException(ErrorCode.INVALID_FIELD, name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new WardenException(ErrorCode.INVALID_FIELD, name + " must be an integer");
        }
    }

    static int intParam(Context ctx, String name, int dflt, int min, int max) {
        return (int) longParam(ctx, name, dflt, min, max);
    }
}
