package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.MaturityLevel;
import dev.warden.scan.DataGovernance;
import dev.warden.scan.ScanFinding;
import dev.warden.scan.ScanResult;
import dev.warden.server.token.AccessClaims;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/scan} (agent or operator): scans {@code {"text": "..."}} or {@code {"json": ...}}
 * under the data rules of the agent's project and level (an operator may name {@code project} and
 * {@code level}; without them the rules for everyone apply). Answers the findings, labels, verdict
 * and masked copy; records nothing and labels no session.
 */
public final class ScanApi {
    private static final Set<String> FIELDS = Set.of("text", "json", "project", "level");

    private final Auth auth;
    private final DataGovernance data;
    private final AgentRegistry agents;

    /** Wires the endpoint. */
    public ScanApi(Auth auth, DataGovernance data, AgentRegistry agents) {
        this.auth = auth;
        this.data = data;
        this.agents = agents;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/scan", this::scan);
    }

    private void scan(Context ctx) {
        Optional<AccessClaims> agent = auth.operatorOrAgent(ctx);
        Fields body = Fields.of(Json.parseObject(ctx.body())).allowOnly(FIELDS);
        boolean hasText = body.map().containsKey("text");
        boolean hasJson = body.map().containsKey("json");
        if (hasText == hasJson) {
            throw new WardenException(hasText ? ErrorCode.INVALID_FIELD : ErrorCode.MISSING_FIELD,
                    "send exactly one of text (a string) and json (any JSON value)");
        }
        String project;
        String level;
        if (agent.isPresent()) {
            if (body.map().containsKey("project") || body.map().containsKey("level")) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "project and level are an operator's: an agent's scan "
                        + "uses its own");
            }
            Agent a = agents.require(agent.get().agent());
            project = a.project();
            level = a.level().wire();
        } else {
            project = body.optString("project").orElse(null);
            level = body.optString("level").map(l -> {
                try {
                    return MaturityLevel.parse(l).wire();
                } catch (RuntimeException e) {
                    throw new WardenException(ErrorCode.INVALID_FIELD, "level must be intern, junior, senior or principal");
                }
            }).orElse(null);
        }
        ScanResult r;
        if (hasText) {
            if (!(body.map().get("text") instanceof String text)) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "text must be a string, got "
                        + dev.warden.catalog.JsonSchema.typeOf(body.map().get("text")));
            }
            r = data.scan(text, project, level);
        } else {
            r = data.scan(body.map().get("json"), project, level);
        }
        r.code().filter(c -> !c.equals("data_blocked") && !c.equals("detector_failed")).ifPresent(c -> {
            throw new WardenException(ErrorCode.INVALID_FIELD, (hasText ? "text" : "json") + " cannot be scanned ("
                    + c + "): " + r.message().orElse(""));
        });
        Responses.json(ctx, 200, wire(r));
    }

    /** The answer: findings (class, detector, start, end, score, path), labels, verdict, masked, and rule/code/message when set. */
    static Map<String, Object> wire(ScanResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> findings = new ArrayList<>();
        for (ScanFinding f : r.findings()) {
            findings.add(f.wire());
        }
        out.put("findings", findings);
        out.put("labels", r.sortedLabels());
        out.put("verdict", r.verdict().wire());
        out.put("masked", r.masked());
        r.rule().ifPresent(x -> out.put("rule", x));
        r.code().ifPresent(x -> out.put("code", x));
        r.message().ifPresent(x -> out.put("message", x));
        return out;
    }
}
