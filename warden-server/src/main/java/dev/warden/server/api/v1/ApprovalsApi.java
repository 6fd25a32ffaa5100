package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.AgentRegistry;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalService;
import dev.warden.approval.ApprovalState;
import dev.warden.approval.ApprovalTerms;
import dev.warden.approval.ApproverGroups;
import dev.warden.catalog.RiskTier;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import dev.warden.operator.SeparationOfDuties;
import dev.warden.server.token.AccessClaims;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Approval endpoints: list, read, approve, deny. An admin and an auditor (reads) see every
 * approval; an approver sees and decides those in its scope (the agent's project, the tool).
 * Approving obeys the separation of duties: not an agent's owner where the project forbids it, and
 * two different approvers for calls at the two-person risk; an approval whose policies named
 * approver groups is approved only by a member of one of them ({@code not_in_approver_group}),
 * while anyone who may decide it may deny it.
 *
 * <p>The agent that asked reads its own approval with its access token, optionally waiting for the
 * decision ({@code ?wait=30s}, at most 60 s): the agent view says state, decision, deadline and
 * why, never who decided or the operator's note. Another agent's approval is 404
 * {@code approval_not_found}, as if it did not exist.
 */
public final class ApprovalsApi {
    private final Auth auth;
    private final ApprovalService approvals;
    private final Clock clock;
    private final Function<String, Optional<RiskTier>> risk;
    private final SeparationOfDuties sod;
    /** The longest a read may wait for a decision. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private dev.warden.approval.ApprovalReviews reviews;
    private dev.warden.approval.ApprovalStatistics statistics;
    private final ApprovalDecisions decisions;

    /**
     * Wires the endpoints without approver groups.
     *
     * @param risk the catalog's risk of a tool
     */
    public ApprovalsApi(Auth auth, ApprovalService approvals, Clock clock, AgentRegistry agents,
                        Function<String, Optional<RiskTier>> risk, SeparationOfDuties sod) {
        this(auth, approvals, clock, agents, risk, sod, ApproverGroups.NONE);
    }

    /**
     * Wires the endpoints.
     *
     * @param risk   the catalog's risk of a tool
     * @param groups the configured approver groups
     */
    public ApprovalsApi(Auth auth, ApprovalService approvals, Clock clock, AgentRegistry agents,
                        Function<String, Optional<RiskTier>> risk, SeparationOfDuties sod, ApproverGroups groups) {
        this.auth = auth;
        this.approvals = approvals;
        this.clock = clock;
        this.risk = risk;
        this.sod = sod;
        this.decisions = new ApprovalDecisions(approvals, agents, risk, sod, groups);
    }

    /**
     * Adds what an approver sees besides the call ({@code review} in {@code GET /v1/approvals/{id}})
     * and the statistics endpoint ({@code GET /v1/approvals/stats}).
     */
    public ApprovalsApi review(dev.warden.approval.ApprovalReviews reviews, dev.warden.approval.ApprovalStatistics statistics) {
        this.reviews = reviews;
        this.statistics = statistics;
        return this;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/approvals", this::list);
        if (statistics != null) {
            routes.get("/v1/approvals/stats", this::stats); // before {id}: "stats" is no approval id
        }
        routes.get("/v1/approvals/{id}", this::read);
        routes.post("/v1/approvals/{id}/approve", ctx -> decide(ctx, true));
        routes.post("/v1/approvals/{id}/deny", ctx -> decide(ctx, false));
    }

    private void read(Context ctx) {
        ApprovalId id = new ApprovalId(ctx.pathParam("id"));
        Optional<AccessClaims> agent = auth.agentCaller(ctx);
        if (agent.isPresent()) {
            Approval a = approvals.require(id);
            if (!a.agent().equals(agent.get().agent())) {
                // another agent's approval is answered as if it did not exist: no probing for ids
                throw new WardenException(ErrorCode.APPROVAL_NOT_FOUND, "no approval " + id);
            }
            Duration wait = waitParam(ctx);
            if (!wait.isZero()) {
                approvals.await(id, wait);
            }
            Responses.json(ctx, 200, agentView(approvals.require(id)));
            return;
        }
        OperatorPrincipal p = auth.principal(ctx);
        Approval a = approvals.require(id);
        if (!Auth.unscoped(p, ctx) && !inScope(p, a)) {
            throw Auth.forbidden(p, "read approval " + a.id(), "admin, auditor or an approver of its project and tool");
        }
        Duration wait = waitParam(ctx);
        if (!wait.isZero()) {
            approvals.await(id, wait);
            a = approvals.require(id);
        }
        Map<String, Object> out = wire(a);
        if (reviews != null) {
            out.put("review", ApprovalReviewForms.review(reviews.review(a), a.agent(), a.policyIds()));
        }
        Responses.json(ctx, 200, out);
    }

    /** The {@code wait} query parameter: 0s to 60s ({@code 30s}, or plain seconds); none is 0. */
    private static Duration waitParam(Context ctx) {
        String text = ctx.queryParam("wait");
        if (text == null) {
            return Duration.ZERO;
        }
        try {
            Duration wait = ApprovalTerms.parseDuration(text);
            if (wait.compareTo(MAX_WAIT) <= 0) {
                return wait;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new WardenException(ErrorCode.INVALID_FIELD, "wait must be between 0s and 60s (like 30s, or 30 seconds)");
    }

    /**
     * What the agent that asked sees: state, the decision it amounts to, the deadline and why;
     * neither who decided nor the operator's note, nor anything it did not send.
     */
    private Map<String, Object> agentView(Approval a) {
        ApprovalState state = a.stateAt(clock.instant());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("approval_id", a.id().value());
        out.put("state", state.wire());
        out.put("decision", switch (state) {
            case APPROVED, USED -> "allow";
            case PENDING -> "pending";
            case DENIED, EXPIRED -> "deny";
        });
        out.put("expires_at", a.expiresAt().toString());
        a.decidedAt().filter(t -> state != ApprovalState.PENDING).ifPresent(t -> out.put("decided_at", t.toString()));
        switch (state) {
            case DENIED -> out.put("reason", "an operator denied the call");
            case EXPIRED -> out.put("reason", "approval_expired: the deadline " + a.expiresAt() + " passed "
                    + (a.decidedBy().isPresent() ? "before the approved call was made" : "without an operator's decision")
                    + "; repeat the call to ask for a new approval");
            case USED -> out.put("reason", "the approval was used");
            default -> { }
        }
        return out;
    }

    private void list(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        boolean all = Auth.unscoped(p, ctx);
        if (!all && !p.has(Role.APPROVER)) {
            throw Auth.forbidden(p, "list approvals", "admin, auditor or approver");
        }
        Optional<ApprovalState> state = Optional.ofNullable(ctx.queryParam("state")).map(s -> {
            try {
                return ApprovalState.parse(s);
            } catch (IllegalArgumentException e) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "state must be pending, approved, denied, used or expired");
            }
        });
        int limit = Queries.intParam(ctx, "limit", 100, 1, 1000);
        var list = decisions.visible(p, all, state, limit).stream().map(this::wire).toList();
        Responses.json(ctx, 200, Map.of("approvals", list));
    }

    /** Approval figures per approver and per agent over {@code ?days=} (default 30): admin and auditor. */
    private void stats(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        if (!Auth.unscoped(p, ctx)) {
            throw Auth.forbidden(p, "read approval statistics", "admin or auditor");
        }
        int days = Queries.intParam(ctx, "days", 30, 1, 366);
        Responses.json(ctx, 200, ApprovalReviewForms.stats(statistics.over(java.time.Duration.ofDays(days)), days));
    }

    private void decide(Context ctx, boolean approve) {
        OperatorPrincipal p = auth.principal(ctx);
        ApprovalId id = new ApprovalId(ctx.pathParam("id"));
        Optional<String> note = ctx.body().isBlank() ? Optional.empty()
                : Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("note")).optString("note");
        Approval a = decisions.decide(p, id, approve, note);
        Responses.json(ctx, 200, wire(a));
    }

    /** Whether the operator may decide the approval: admin, or an approver whose scope covers it. */
    private boolean inScope(OperatorPrincipal p, Approval a) {
        return decisions.inScope(p, a);
    }

    private Map<String, Object> wire(Approval a) {
        Map<String, Object> out = new LinkedHashMap<>(WireForms.approval(a, clock.instant()));
        int needed = risk.apply(a.action()).map(sod::approversNeeded).orElse(1);
        out.put("approvers_needed", needed);
        if (!a.groups().isEmpty()) {
            out.put("approver_groups", a.groups());
        }
        if (needed > 1) {
            List<String> signed = approvals.signOffs(a.id());
            out.put("signed_off_by", signed);
        }
        return out;
    }
}
