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
import dev.warden.scan.OutputScans;
import dev.warden.scan.ScanResult;
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
    private static final Set<String> CONTEXT = Set.of("rationale", "intent", "prompt");
    private static final Set<String> OUTCOME = Set.of("status", "result_digest", "detail", "output");

    private final Auth auth;
    private final DecisionPoint decisions;
    private final OutcomeRecorder outcomes;
    private final int maxArgsChars;
    private OutputScans outputs;

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

    /** Scans the {@code output} an outcome may carry with {@code scans}; without, such an outcome is refused. */
    public DecisionsApi outputs(OutputScans scans) {
        this.outputs = scans;
        return this;
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
        Optional<String> prompt = context.flatMap(c -> prompt(c));
        Optional<ApprovalId> approval = body.optString("approval_id").map(ApprovalId::new);
        Decision d = decisions.decide(new DecisionRequest(claims.caller(), action, resource, args, rationale, approval,
                Optional.empty(), prompt));
        retryAfter(d).ifPresent(seconds -> ctx.header("Retry-After", Long.toString(seconds)));
        Responses.json(ctx, 200, WireForms.decision(d));
    }

    /** {@code context.prompt}: a string (empty counts as none), scanned by the data guard and never recorded. */
    private static Optional<String> prompt(Fields context) {
        Object p = context.map().get("prompt");
        if (p == null) {
            return Optional.empty();
        }
        if (!(p instanceof String s)) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "context.prompt must be a string, got "
                    + dev.warden.catalog.JsonSchema.typeOf(p));
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
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
        boolean hasOutput = body.map().containsKey("output") && body.map().get("output") != null;
        if (hasOutput && outputs == null) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "output is not accepted: this server scans no outputs");
        }
        var receipt = outcomes.record(claims.caller(), id, report);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("decision_id", id.value());
        out.put("status", report.status());
        out.put("audit_seq", receipt.seq());
        if (hasOutput) {
            // the agent holds the output already: what it carries labels the session even when the verdict is block
            Object output = body.map().get("output");
            String tool = outcomes.actionOf(id).orElse("unknown");
            ScanResult r = outputs.scan(claims.caller(), tool, id.value(), tool, output,
                    output instanceof String s ? s : null, output instanceof String ? null : output, true);
            out.put("output", ScanApi.wire(r));
        }
        Responses.json(ctx, 201, out);
    }
}
