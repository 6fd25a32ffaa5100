package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.breaker.BreakerKey;
import dev.warden.breaker.BreakerState;
import dev.warden.breaker.BreakerView;
import dev.warden.breaker.Breakers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Circuit breakers (operator only): their state, and the reset that undoes an open one. */
public final class BreakersApi {
    private final Auth auth;
    private final Breakers breakers;

    /** Wires the endpoints. */
    public BreakersApi(Auth auth, Breakers breakers) {
        this.auth = auth;
        this.breakers = breakers;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/breakers", this::list);
        routes.post("/v1/breakers/reset", this::reset);
    }

    private void list(Context ctx) {
        auth.operator(ctx);
        Optional<String> agent = Optional.ofNullable(ctx.queryParam("agent")).filter(s -> !s.isBlank());
        Responses.json(ctx, 200, Map.of("breakers", breakers.list(agent).stream().map(BreakerView::wire).toList()));
    }

    private void reset(Context ctx) {
        Actor operator = auth.operator(ctx);
        Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("agent", "tool", "upstream"));
        BreakerKey key = key(f);
        BreakerView before = breakers.reset(key, operator);
        Map<String, Object> out = new LinkedHashMap<>(key.wire());
        out.put("from", before.state().wire());
        out.put("state", BreakerState.CLOSED.wire());
        Responses.json(ctx, 200, out);
    }

    private static BreakerKey key(Fields f) {
        Optional<String> upstream = f.optString("upstream");
        Optional<String> agent = f.optString("agent");
        Optional<String> tool = f.optString("tool");
        if (upstream.isPresent()) {
            if (agent.isPresent() || tool.isPresent()) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "upstream: give either agent and tool, or upstream");
            }
            return BreakerKey.upstream(upstream.get());
        }
        if (agent.isEmpty() && tool.isEmpty()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, "agent and tool, or upstream, are required");
        }
        return BreakerKey.of(f.string("agent"), f.string("tool"));
    }
}
