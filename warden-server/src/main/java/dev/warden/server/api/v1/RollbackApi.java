package dev.warden.server.api.v1;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.rollback.ItemState;
import dev.warden.rollback.RollbackItem;
import dev.warden.rollback.RollbackPlan;
import dev.warden.rollback.Rollbacks;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rollback plans (operator only): {@code POST /v1/rollback/plans} makes one,
 * {@code GET /v1/rollback/plans/{id}} shows it, {@code POST /v1/rollback/plans/{id}/run} runs it.
 */
public final class RollbackApi {
    private static final Set<String> FIELDS = Set.of("agent", "since", "until");
    private static final Pattern RELATIVE = Pattern.compile("([0-9]{1,6})([smhd])");

    private final Auth auth;
    private final Rollbacks rollbacks;
    private final AgentRegistry agents;
    private final Clock clock;

    /** Wires the endpoints. */
    public RollbackApi(Auth auth, Rollbacks rollbacks, AgentRegistry agents, Clock clock) {
        this.auth = auth;
        this.rollbacks = rollbacks;
        this.agents = agents;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/rollback/plans", this::plan);
        routes.get("/v1/rollback/plans/{id}", this::show);
        routes.post("/v1/rollback/plans/{id}/run", this::run);
    }

    private void plan(Context ctx) {
        Actor operator = auth.operator(ctx);
        Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(FIELDS);
        String agent = f.string("agent");
        Instant since = time("since", f.string("since"));
        Optional<Instant> until = f.optString("until").map(u -> time("until", u));
        Responses.json(ctx, 201, plan(rollbacks.plan(agent, since, until, operator)));
    }

    private void show(Context ctx) {
        auth.operator(ctx);
        String id = ctx.pathParam("id");
        Responses.json(ctx, 200, plan(rollbacks.find(id).orElseThrow(() -> notFound(id))));
    }

    private void run(Context ctx) {
        Actor operator = auth.operator(ctx);
        String id = ctx.pathParam("id");
        if (rollbacks.find(id).isEmpty()) {
            throw notFound(id);
        }
        Responses.json(ctx, 200, plan(rollbacks.run(id, operator)));
    }

    private static WardenException notFound(String id) {
        return new WardenException(ErrorCode.PLAN_NOT_FOUND, "no rollback plan '" + id + "'");
    }

    /**
     * An ISO-8601 instant ({@code 2026-01-31T10:00:00Z}, an offset allowed) or a time before now
     * ({@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}).
     */
    private Instant time(String field, String text) {
        Matcher m = RELATIVE.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new WardenException(ErrorCode.INVALID_FIELD, field + " must be an ISO-8601 time such as "
                    + "2026-01-31T10:00:00Z or a duration before now such as 30m, 2h or 7d; got '" + text + "'");
        }
    }

    /** The wire form of a plan; compensations handed to the owner are listed again as the owner's tasks. */
    private Map<String, Object> plan(RollbackPlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan_id", p.id());
        m.put("agent", p.agent());
        String owner = agents.find(p.agent()).map(Agent::owner).orElse(null);
        m.put("owner", owner);
        m.put("since", p.since().toString());
        m.put("until", p.until().toString());
        m.put("covered_since", p.coveredSince().toString());
        m.put("truncated", p.truncated());
        m.put("created_at", p.createdAt().toString());
        m.put("created_by", p.createdBy());
        m.put("ran_by", p.ranBy().orElse(null));
        m.put("compensations", p.items().stream().filter(i -> i.compensation().isPresent()).count());
        m.put("without_compensation", p.items().stream().filter(i -> i.compensation().isEmpty()).count());
        m.put("items", p.items().stream().map(RollbackApi::item).toList());
        List<Map<String, Object>> tasks = p.items().stream()
                .filter(i -> i.result().state() == ItemState.HANDED_TO_OWNER).map(i -> {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("owner", owner);
                    t.put("decision_id", i.result().decisionId().orElse(null));
                    t.put("compensates", i.decisionId());
                    t.put("tool", i.compensation().orElseThrow().tool());
                    t.put("args", i.compensation().orElseThrow().args());
                    return t;
                }).toList();
        m.put("owner_tasks", tasks);
        return m;
    }

    private static Map<String, Object> item(RollbackItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision_id", i.decisionId());
        m.put("time", i.time().toString());
        m.put("action", i.action());
        m.put("args", i.args());
        m.put("outcome", i.outcome());
        if (i.compensation().isPresent()) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("tool", i.compensation().get().tool());
            call.put("args", i.compensation().get().args());
            m.put("compensation", call);
        } else {
            m.put("compensation", null);
            m.put("none", i.none().orElse(null));
        }
        m.put("state", i.result().state().wire());
        i.result().decisionId().ifPresent(id -> m.put("compensation_decision_id", id));
        if (!i.result().reasons().isEmpty()) {
            m.put("reasons", i.result().reasons());
        }
        i.result().at().ifPresent(at -> m.put("ran_at", at.toString()));
        i.result().detail().ifPresent(d -> m.put("detail", d));
        return m;
    }
}
