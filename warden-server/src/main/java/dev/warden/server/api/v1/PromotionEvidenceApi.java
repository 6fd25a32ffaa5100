package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.MaturityLevel;
import dev.warden.maturity.Attestation;
import dev.warden.maturity.AttestationKind;
import dev.warden.maturity.BusinessValue;
import dev.warden.maturity.EvidenceItem;
import dev.warden.maturity.PromotionEvidence;
import dev.warden.maturity.SignOffRole;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Promotion evidence for gates 2, 3 and 5: attestations, business value and sign-offs. Any operator
 * may call the recording endpoints; membership of the sign-off role decides ({@code 403
 * not_in_sign_off_role}). Listing is for admins, auditors, members of any sign-off role and the
 * agent's owner; withdrawing for the item's author or an admin.
 */
public final class PromotionEvidenceApi {
    private static final Set<String> ATTEST_FIELDS = Set.of("kind", "result", "evidence_ref", "evidence_digest", "note");
    private static final Set<String> VALUE_FIELDS = Set.of("metrics", "roi", "note");
    private static final Set<String> METRIC_FIELDS = Set.of("name", "unit", "baseline", "current", "direction");
    private static final Set<String> ROI_FIELDS = Set.of("ratio", "evidence_ref", "evidence_digest");

    private final Auth auth;
    private final AgentRegistry agents;
    private final PromotionEvidence evidence;

    /** Wires the endpoints. */
    public PromotionEvidenceApi(Auth auth, AgentRegistry agents, PromotionEvidence evidence) {
        this.auth = auth;
        this.agents = agents;
        this.evidence = evidence;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/agents/{name}/attestations", this::attest);
        routes.post("/v1/agents/{name}/business-value", this::businessValue);
        routes.post("/v1/agents/{name}/sign-offs", this::signOff);
        routes.get("/v1/agents/{name}/sign-offs", this::list);
        routes.delete("/v1/agents/{name}/sign-offs/{id}", this::withdraw);
    }

    private void attest(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        Agent agent = agents.require(ctx.pathParam("name"));
        Fields body = Fields.of(Json.parseObject(ctx.body())).allowOnly(ATTEST_FIELDS);
        Attestation a = new Attestation(AttestationKind.parse(body.string("kind")), Attestation.parseResult(body.string("result")),
                body.optString("evidence_ref").orElse(null), body.optString("evidence_digest").orElse(null), body.optString("note"));
        Responses.json(ctx, 201, evidence.attest(agent.name(), p.name(), a).wire());
    }

    private void businessValue(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        Agent agent = agents.require(ctx.pathParam("name"));
        Fields body = Fields.of(Json.parseObject(ctx.body())).allowOnly(VALUE_FIELDS);
        List<BusinessValue.Metric> metrics = new ArrayList<>();
        for (Fields m : body.objects("metrics")) {
            m.allowOnly(METRIC_FIELDS);
            metrics.add(new BusinessValue.Metric(m.string("name"), m.string("unit"), number(m, "baseline").orElseThrow(() ->
                    new WardenException(ErrorCode.MISSING_FIELD, m.prefix() + "baseline is required")), number(m, "current"),
                    BusinessValue.Metric.parseDirection(m.prefix() + "direction", m.string("direction"))));
        }
        Optional<BusinessValue.Roi> roi = body.optObject("roi").map(r -> {
            r.allowOnly(ROI_FIELDS);
            return new BusinessValue.Roi(number(r, "ratio").orElseThrow(() -> new WardenException(ErrorCode.MISSING_FIELD,
                    "roi.ratio is required")), r.optString("evidence_ref").orElse(null), r.optString("evidence_digest").orElse(null));
        });
        BusinessValue v = new BusinessValue(metrics, roi, body.optString("note"));
        Responses.json(ctx, 201, evidence.businessValue(agent.name(), p.name(), v).wire());
    }

    private void signOff(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        Agent agent = agents.require(ctx.pathParam("name"));
        Fields body = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("role", "note"));
        SignOffRole role = SignOffRole.parse(body.string("role"));
        Responses.json(ctx, 201, evidence.signOff(agent.name(), p.name(), role, body.optString("note")).wire());
    }

    private void list(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        boolean signer = evidence.roles().members().values().stream().anyMatch(names -> names.contains(p.name()));
        if (!signer) {
            auth.operatorOrOwner(ctx, ctx.pathParam("name")); // admin, auditor, or the agent's owner
        }
        Agent agent = agents.require(ctx.pathParam("name"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", agent.name());
        out.put("level", agent.level().wire());
        out.put("since", agent.levelSince().toString());
        out.put("next_level", agent.level().next().map(MaturityLevel::wire).orElse(null));
        Map<String, Object> roles = new LinkedHashMap<>();
        for (SignOffRole r : SignOffRole.values()) {
            roles.put(r.wire(), evidence.roles().of(r));
        }
        out.put("sign_off_roles", roles);
        out.put("items", evidence.atCurrentLevel(agent).stream().map(EvidenceItem::wire).toList());
        Responses.json(ctx, 200, out);
    }

    private void withdraw(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        Agent agent = agents.require(ctx.pathParam("name"));
        Fields body = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("reason"));
        EvidenceItem item = evidence.withdraw(agent.name(), ctx.pathParam("id"), p.name(), p.has(Role.ADMIN), body.string("reason"));
        Responses.json(ctx, 200, item.wire());
    }

    /** An optional JSON number. */
    private static Optional<BigDecimal> number(Fields f, String name) {
        Object v = f.map().get(name);
        return switch (v) {
            case null -> Optional.empty();
            case Long l -> Optional.of(BigDecimal.valueOf(l));
            case BigInteger i -> Optional.of(new BigDecimal(i));
            case BigDecimal d -> Optional.of(d);
            default -> throw new WardenException(ErrorCode.INVALID_FIELD, f.prefix() + name + " must be a number");
        };
    }
}
