package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalService;
import dev.warden.approval.ApprovalState;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Approval endpoints (operator): list, read, approve, deny. */
public final class ApprovalsApi {
    private final Auth auth;
    private final ApprovalService approvals;
    private final Clock clock;

    /** Wires the endpoints. */
    public ApprovalsApi(Auth auth, ApprovalService approvals, Clock clock) {
        this.auth = auth;
        this.approvals = approvals;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/approvals", this::list);
        routes.get("/v1/approvals/{id}", ctx -> {
            auth.operator(ctx);
            Responses.json(ctx, 200, WireForms.approval(approvals.require(new ApprovalId(ctx.pathParam("id"))), clock.instant()));
        });
        routes.post("/v1/approvals/{id}/approve", ctx -> decide(ctx, true));
        routes.post("/v1/approvals/{id}/deny", ctx -> decide(ctx, false));
    }

    private void list(Context ctx) {
        auth.operator(ctx);
        Optional<ApprovalState> state = Optional.ofNullable(ctx.queryParam("state")).map(s -> {
            try {
                return ApprovalState.parse(s);
            } catch (IllegalArgumentException e) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "state must be pending, approved, denied, used or expired");
            }
        });
        int limit = Queries.intParam(ctx, "limit", 100, 1, 1000);
        var list = approvals.list(state, limit).stream().map(a -> WireForms.approval(a, clock.instant())).toList();
        Responses.json(ctx, 200, Map.of("approvals", list));
    }

    private void decide(Context ctx, boolean approve) {
        Actor operator = auth.operator(ctx);
        ApprovalId id = new ApprovalId(ctx.pathParam("id"));
        Optional<String> note = ctx.body().isBlank() ? Optional.empty()
                : Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("note")).optString("note");
        Approval a = approve ? approvals.approve(id, operator, note) : approvals.deny(id, operator, note);
        Responses.json(ctx, 200, WireForms.approval(a, clock.instant()));
    }
}
