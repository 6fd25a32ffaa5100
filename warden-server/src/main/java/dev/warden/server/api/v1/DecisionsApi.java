package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.approval.ApprovalId;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionId;
import dev.warden.decision.DecisionPoint;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.RequestBounds;
import dev.warden.json.CanonicalJson;
import dev.warden.outcome.OutcomeRecorder;
import dev.warden.outcome.OutcomeReport;
import dev.warden.server.token.AccessClaims;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code POST /v1/decisions} and {@code POST /v1/decisions/{id}/outcome} (agent token). */
public final class DecisionsApi {
    private static final Set<String> FIELDS = Set.of("action", "resource", "args", "context", "approval_id");
    private static final Set<String> CONTEXT = Set.of("rationale", "intent");
    private static final Set<String> OUTCOME = Set.of("status", "result_digest", "detail");

    private final Auth auth;
    private final DecisionPoint decisions;
    private final OutcomeRecorder outcomes;
    private final int maxArgsChars;

    /**
     * Wires the endpoints.
     *
     * @param maxBodyBytes the body limit; arguments may take no more than this in canonical JSON,
     *                     so a request cannot grow into a larger audit record than it came as
     */
    public DecisionsApi(Auth auth, DecisionPoint decisions, OutcomeRecorder outcomes, long maxBodyBytes) {
        this.auth = auth;
        this.decisions = decisions;
        this.outcomes = outcomes;
        this.maxArgsChars = (int) Math.min(maxBodyBytes, RequestBounds.MAX_ARGS_CHARS);
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/decisions", this::decide);
        routes.post("/v1/decisions/{id}/outcome", this::outcome);
    }

    private void decide(Context ctx) {
        AccessClaims claims = auth.agent(ctx);
        Fields body = Fields.of(Json.parseObject(ctx.body())).allowOnly(FIELDS);
        String action = body.string("action");
        Optional<String> resource = body.optString("resource");
        Map<String, Object> args = body.rawObject("args");
        try {
            CanonicalJson.write(args, maxArgsChars);
        } catch (CanonicalJson.TooLargeException e) {
            throw new WardenException(ErrorCode.ARGUMENTS_TOO_LARGE, "args take more than " + maxArgsChars
                    + " characters in canonical JSON (numbers are written in plain form); the limit is the body limit");
        }
        Optional<Fields> context = body.optObject("context").map(c -> c.allowOnly(CONTEXT));
        Optional<String> rationale = context.flatMap(c -> c.optString("rationale").or(() -> c.optString("intent")));
        Optional<ApprovalId> approval = body.optString("approval_id").map(ApprovalId::new);
        Decision d = decisions.decide(new DecisionRequest(claims.caller(), action, resource, args, rationale, approval));
        retryAfter(d).ifPresent(seconds -> ctx.header("Retry-After", Long.toString(seconds)));
        Responses.json(ctx, 200, WireForms.decision(d));
    }

    /** For a deny that waiting lifts: the longest wait its reasons name, in whole seconds rounded up (RFC 9110). */
    static java.util.OptionalLong retryAfter(Decision d) {
        if (!(d instanceof Decision.Deny)) {
            return java.util.OptionalLong.empty();
        }
        long ms = -1;
        for (dev.warden.decision.Reason r : d.reasons()) {
            if (r.retryAfterMs().isPresent()) {
                ms = Math.max(ms, r.retryAfterMs().getAsLong());
            }
        }
        return ms < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of((ms + 999) / 1000);
    }

    private void outcome(Context ctx) {
        AccessClaims claims = auth.activeAgent(ctx);
        DecisionId id = new DecisionId(ctx.pathParam("id"));
        Fields body = Fields.of(Json.parseObject(ctx.body())).allowOnly(OUTCOME);
        OutcomeReport report = new OutcomeReport(body.string("status"), body.optString("result_digest"),
                body.optString("detail"));
        var receipt = outcomes.record(claims.caller(), id, report);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("decision_id", id.value());
        out.put("status", report.status());
        out.put("audit_seq", receipt.seq());
        Responses.json(ctx, 201, out);
    }
}
