package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.agent.MaturityLevel;
import dev.warden.maturity.PromotionFailure;
import dev.warden.maturity.PromotionOutcome;
import dev.warden.maturity.Promotions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Promotion requests: {@code POST /v1/agents/{name}/promotions {"to", "reason"}} by an admin or the
 * agent's owner. {@code 201} with the promoted agent and the evidence it passed on, or {@code 409
 * gates_not_passed} listing every failing gate check and missing control; the agent is unchanged.
 */
public final class PromotionsApi {
    private final Auth auth;
    private final Promotions promotions;

    /** Wires the endpoint. */
    public PromotionsApi(Auth auth, Promotions promotions) {
        this.auth = auth;
        this.promotions = promotions;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/agents/{name}/promotions", this::request);
    }

    private void request(Context ctx) {
        Actor requester = auth.operatorOrOwner(ctx, ctx.pathParam("name"));
        Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("to", "reason"));
        MaturityLevel to = MaturityLevel.parse(f.string("to"));
        PromotionOutcome outcome = promotions.request(ctx.pathParam("name"), to, requester, f.optString("reason").orElse(""));
        Map<String, Object> out = new LinkedHashMap<>();
        switch (outcome) {
            case PromotionOutcome.Promoted p -> {
                out.put("agent", WireForms.agent(p.agent()));
                out.put("level", p.agent().level().wire());
                out.put("level_basis", p.agent().levelBasis().wire());
                evidence(out, outcome);
                Responses.json(ctx, 201, out);
            }
            case PromotionOutcome.Refused r -> {
                out.put("error", ErrorCode.GATES_NOT_PASSED.wire());
                out.put("message", message(r.failures()));
                out.put("failures", r.failures().stream().map(PromotionsApi::failure).toList());
                out.put("controls_missing", r.controls().missing());
                evidence(out, outcome);
                Responses.json(ctx, 409, out);
            }
        }
    }

    private static void evidence(Map<String, Object> out, PromotionOutcome outcome) {
        Map<String, Object> readiness = ReadinessApi.wire(outcome.readiness());
        readiness.put("controls", ReadinessApi.wire(outcome.controls()));
        out.put("readiness", readiness);
    }

    private static String message(List<PromotionFailure> failures) {
        List<String> named = failures.stream().map(f -> f.gate() + "." + f.check()).toList();
        return failures.size() + (failures.size() == 1 ? " check" : " checks") + " did not pass: " + String.join(", ", named);
    }

    private static Map<String, Object> failure(PromotionFailure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gate", f.gate());
        m.put("check", f.check());
        m.put("why", f.why());
        return m;
    }
}
