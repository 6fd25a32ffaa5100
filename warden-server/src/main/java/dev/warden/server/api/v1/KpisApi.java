package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.incident.Kpis;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /v1/kpis?window=24h} (operator): the seed's KPIs over a window ending now ({@link Kpis}). */
public final class KpisApi {
    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,6})([smhd])");
    /** The longest window (a month: baselines and KPIs look no further back). */
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    private final Auth auth;
    private final Kpis kpis;

    /** Wires the endpoint. */
    public KpisApi(Auth auth, Kpis kpis) {
        this.auth = auth;
        this.kpis = kpis;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/kpis", this::get);
    }

    private void get(Context ctx) {
        auth.operator(ctx);
        Duration window = Optional.ofNullable(ctx.queryParam("window")).filter(s -> !s.isBlank()).map(KpisApi::window)
                .orElse(Kpis.DEFAULT_WINDOW);
        Responses.json(ctx, 200, kpis.compute(window));
    }

    /** Parses {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}. */
    static Duration window(String text) {
        Matcher m = WINDOW.matcher(text);
        if (!m.matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "window must be a positive count and a unit s, m, h or d, e.g. 24h");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(MAX_WINDOW) > 0) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "window must be at most 31d");
        }
        return d;
    }
}
