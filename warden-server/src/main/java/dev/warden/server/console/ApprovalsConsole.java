package dev.warden.server.console;

import dev.warden.WardenException;
import dev.warden.ErrorCode;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalReview;
import dev.warden.approval.ApprovalReviews;
import dev.warden.approval.ApprovalService;
import dev.warden.approval.ApprovalState;
import dev.warden.approval.ApprovalTerms;
import dev.warden.catalog.RiskTier;
import dev.warden.grant.Grant;
import dev.warden.grant.GrantId;
import dev.warden.grant.GrantRequest;
import dev.warden.grant.GrantService;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import dev.warden.operator.SeparationOfDuties;
import dev.warden.server.api.v1.ApprovalDecisions;
import dev.warden.server.api.v1.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The approvals queue, one request's page with the approve, deny and grant forms, and the grants
 * in force with their revoke forms. Every read and every change goes through the services the JSON
 * API uses ({@link ApprovalDecisions}, {@link ApprovalReviews}, {@link GrantService}), with the
 * signed-in operator as the actor, so scopes, approver groups, the separation of duties, the
 * two-person rule, rubber-stamp detection and the audit records are the API's.
 */
public final class ApprovalsConsole implements ConsoleFeature {
    /** The most pending requests the queue shows. */
    static final int QUEUE_LIMIT = 200;
    /** The durations a grant form offers (a grant lasts at most seven days). */
    static final List<String> GRANT_DURATIONS = List.of("1h", "8h", "1d", "7d");

    private final ApprovalService approvals;
    private final ApprovalDecisions decisions;
    private final ApprovalReviews reviews;
    private final GrantService grants;
    private final AgentRegistry agents;
    private final SeparationOfDuties sod;
    private final Function<String, Optional<RiskTier>> risk;
    private final Clock clock;

    /**
     * Wires the pages.
     *
     * @param risk the catalog's risk of a tool
     */
    public ApprovalsConsole(ApprovalService approvals, ApprovalDecisions decisions, ApprovalReviews reviews,
                            GrantService grants, AgentRegistry agents, SeparationOfDuties sod,
                            Function<String, Optional<RiskTier>> risk, Clock clock) {
        this.approvals = approvals;
        this.decisions = decisions;
        this.reviews = reviews;
        this.grants = grants;
        this.agents = agents;
        this.sod = sod;
        this.risk = risk;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes, ConsoleGuard guard) {
        routes.get("/console/approvals", guard.get((ctx, in) ->
                guard.pages().send(ctx, 200, "approvals.jte", new ApprovalsView(in.chrome(), queue(in)))));
        routes.get("/console/approvals/queue", guard.get((ctx, in) ->
                guard.pages().send(ctx, 200, "approvalqueue.jte", queue(in))));
        routes.get("/console/approvals/{id}", guard.get((ctx, in) ->
                guard.pages().send(ctx, 200, "approval.jte", detail(in, approval(ctx)))));
        routes.post("/console/approvals/{id}/approve", guard.post((ctx, in) -> decide(ctx, in, true)));
        routes.post("/console/approvals/{id}/deny", guard.post((ctx, in) -> decide(ctx, in, false)));
        routes.get("/console/grants", guard.get((ctx, in) -> {
            if (guard.require(ctx, in, Role.ADMIN, Role.AUDITOR, Role.APPROVER)) {
                guard.pages().send(ctx, 200, "grants.jte", grantsView(in));
            }
        }));
        routes.post("/console/grants", guard.post(this::grant));
        routes.post("/console/grants/{id}/revoke", guard.post((ctx, in) -> {
            grants.revoke(new GrantId(ctx.pathParam("id")), in.principal(), note(ctx));
            ctx.redirect("/console/grants", HttpStatus.SEE_OTHER);
        }));
    }

    /** The pending requests the operator may see, the nearest deadline first; pending approvals only, no audit reads. */
    private List<ApprovalsView.Row> queue(SignedIn in) {
        Instant now = clock.instant();
        return decisions.visible(in.principal(), unscopedReader(in.principal()), Optional.of(ApprovalState.PENDING), QUEUE_LIMIT)
                .stream().filter(a -> a.stateAt(now) == ApprovalState.PENDING)
                .sorted(Comparator.comparing(Approval::expiresAt))
                .map(a -> new ApprovalsView.Row(a.id().value(), a.agent(), a.action(), a.resource(), riskOf(a.action()),
                        a.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString()))
                .toList();
    }

    /** The approval of the path, if the operator may read it (as {@code GET /v1/approvals/{id}} decides). */
    private Approval approval(Context ctx) {
        return approvals.require(new ApprovalId(ctx.pathParam("id")));
    }

    private ApprovalView detail(SignedIn in, Approval a) {
        OperatorPrincipal p = in.principal();
        boolean scoped = decisions.inScope(p, a);
        if (!unscopedReader(p) && !scoped) {
            throw new WardenException(ErrorCode.FORBIDDEN_ROLE, "operator " + p.name() + " may not read approval " + a.id()
                    + " (needs admin, auditor or an approver of its project and tool)");
        }
        Instant now = clock.instant();
        ApprovalState state = a.stateAt(now);
        ApprovalReview r = reviews.review(a);
        ApprovalReview.RecentRecord rec = r.record();
        ApprovalReview.SameCall same = r.sameCall();
        boolean decider = p.has(Role.ADMIN) || p.has(Role.APPROVER);
        return new ApprovalView(in.chrome(), a.id().value(), state.wire(), a.agent(), a.action(), a.resource(),
                a.args().entrySet().stream().map(e -> new ApprovalView.Arg(e.getKey(), text(e.getValue()))).toList(),
                a.rationale() == null ? "" : a.rationale(),
                r.agent().map(v -> new ApprovalView.AgentInfo(v.level(), v.owner(), v.project(), v.status())),
                new ApprovalView.Record(time(rec.since()), rec.calls(), rec.allowed(), rec.denied(), rec.approvalRequired(),
                        rec.incidents(), rec.truncated()),
                a.policyIds(), r.reasons().stream().map(ApprovalsConsole::reason).toList(),
                r.risk().orElse("unknown"), time(a.createdAt()), time(a.expiresAt()),
                new ApprovalView.SameCall(same.approvedCount(), same.deniedCount(), same.lastApprovalId(),
                        same.lastApprovedAt().map(ApprovalsConsole::time), same.lastApprovedBy()),
                decisions.approversNeeded(a), decisions.signOffs(a.id()), a.groups(),
                a.decidedBy(), a.decidedAt().map(ApprovalsConsole::time), a.note(),
                decider && scoped && state == ApprovalState.PENDING, decider && scoped);
    }

    private void decide(Context ctx, SignedIn in, boolean approve) {
        ApprovalId id = new ApprovalId(ctx.pathParam("id"));
        decisions.decide(in.principal(), id, approve, note(ctx));
        ctx.redirect("/console/approvals/" + id.value(), HttpStatus.SEE_OTHER);
    }

    /** Creates a grant from the form, as {@code POST /v1/grants} does. */
    private void grant(Context ctx, SignedIn in) {
        String maxUses = ctx.formParam("max_uses");
        OptionalLong uses = OptionalLong.empty();
        if (maxUses != null && !maxUses.isBlank()) {
            try {
                uses = OptionalLong.of(Long.parseLong(maxUses.strip()));
            } catch (NumberFormatException e) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "max_uses must be a whole number");
            }
        }
        Duration ttl;
        try {
            ttl = ApprovalTerms.parseDuration(Optional.ofNullable(ctx.formParam("expires_in")).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "expires_in must be a duration such as 1h, 1d or 7d");
        }
        GrantRequest req = new GrantRequest(field(ctx, "agent"), field(ctx, "tool"),
                Optional.ofNullable(ctx.formParam("resource")).map(String::strip).filter(s -> !s.isEmpty()),
                Optional.empty(), List.of(), uses, ttl, field(ctx, "reason"));
        grants.create(in.principal(), req, sod);
        ctx.redirect("/console/grants", HttpStatus.SEE_OTHER);
    }

    private GrantsView grantsView(SignedIn in) {
        OperatorPrincipal p = in.principal();
        boolean all = unscopedReader(p);
        Instant now = clock.instant();
        List<GrantsView.Row> rows = grants.list(Optional.empty(), true, all ? QUEUE_LIMIT : 1000).stream()
                .filter(g -> all || inScope(p, g)).limit(QUEUE_LIMIT)
                .map(g -> new GrantsView.Row(g.id().value(), g.agent(), g.tool(), g.resource().orElse("any"),
                        g.uses() + (g.maxUses().isPresent() ? " of " + g.maxUses().getAsLong() : ""),
                        time(g.expiresAt()), g.createdBy(), g.reason()))
                .toList();
        return new GrantsView(in.chrome(), rows, p.has(Role.ADMIN) || p.has(Role.APPROVER));
    }

    /** Whether the operator's scope covers the grant: admin, or an approver of its agent's project and tool. */
    private boolean inScope(OperatorPrincipal p, Grant g) {
        String project = agents.find(g.agent()).map(Agent::project).orElse("");
        return p.has(Role.ADMIN) || p.mayApprove(project, g.tool());
    }

    /** Admins and auditors read every approval and grant (as the API's reads). */
    private static boolean unscopedReader(OperatorPrincipal p) {
        return p.has(Role.ADMIN) || p.has(Role.AUDITOR);
    }

    private String riskOf(String tool) {
        return risk.apply(tool).map(RiskTier::wire).orElse("unknown");
    }

    private static Optional<String> note(Context ctx) {
        return Optional.ofNullable(ctx.formParam("note")).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static String field(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null || v.isBlank()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, name + " is required");
        }
        return v.strip();
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** An argument's value as text: strings as they are, anything else as JSON. */
    private static String text(Object v) {
        return v instanceof String s ? s : Json.write(v);
    }

    /** A decision reason as one line: its message, then its other fields. */
    private static String reason(Map<String, Object> r) {
        Object message = r.get("message");
        String rest = r.entrySet().stream().filter(e -> !"message".equals(e.getKey()))
                .map(e -> e.getKey() + " " + text(e.getValue())).collect(Collectors.joining(", "));
        return message == null ? rest : text(message) + (rest.isEmpty() ? "" : " (" + rest + ")");
    }
}
