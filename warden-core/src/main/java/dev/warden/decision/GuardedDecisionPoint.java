package dev.warden.decision;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.Projects;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalService;
import dev.warden.approval.CallFingerprint;
import dev.warden.approval.Redemption;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.catalog.Tool;
import dev.warden.id.IdGenerator;
import dev.warden.outcome.RecentDecisions;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stock {@link DecisionPoint}: runs the guards in order and records every decision in the
 * audit log before answering. See {@link DecisionPoint} for the contract.
 *
 * <p>A decision that opens an approval stores it, and one that redeems an approval uses it up,
 * only with the decision's record ({@link AuditLog#appendDurably(AuditEvent, AuditedChange)}):
 * when the record fails the caller is denied and no approval was opened or used. A redemption
 * that loses a race for the approval is denied ({@code approval_used}) and recorded as such.
 */
public final class GuardedDecisionPoint implements DecisionPoint {
    private static final System.Logger LOG = System.getLogger(GuardedDecisionPoint.class.getName());

    private final AgentRegistry agents;
    private final Projects projects;
    private final Supplier<DecisionRules> rules;
    private final ApprovalService approvals;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final RecentDecisions recent;
    private final ToolHolds holds;

    /** Wires the decision point. */
    public GuardedDecisionPoint(AgentRegistry agents, Projects projects, Supplier<DecisionRules> rules,
                                ApprovalService approvals, AuditLog audit, IdGenerator ids, Clock clock,
                                RecentDecisions recent, ToolHolds holds) {
        this.agents = agents;
        this.projects = projects;
        this.rules = rules;
        this.approvals = approvals;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.recent = recent;
        this.holds = holds;
    }

    /**
     * The decision with what its audit record needs besides it.
     *
     * @param decision the decision
     * @param level    the agent's level when known
     * @param redeemed the approval an allow redeems, if any (used up with the record)
     * @param opened   the approval an approval_required opens, if any (stored with the record)
     */
    private record Evaluation(Decision decision, String level, Approval redeemed, Approval opened) {
        Evaluation(Decision decision, String level) {
            this(decision, level, null, null);
        }

        static Evaluation deny(DecisionId id, String level, Reason... reasons) {
            return new Evaluation(new Decision.Deny(id, List.of(reasons)), level);
        }
    }

    @Override
    public Decision decide(DecisionRequest request) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        DecisionId id = new DecisionId(ids.nextOrdered("dec", now)); // in time order: see IdGenerator#nextOrdered
        Evaluation evaluation;
        Optional<Reason> unfit = RequestBounds.problem(request);
        if (unfit.isPresent()) {
            request = RequestBounds.recordable(request); // what cannot be written is not recorded; the reason says why
        }
        try {
            evaluation = unfit.isPresent() ? Evaluation.deny(id, null, unfit.get()) : evaluate(id, request);
        } catch (WardenException e) {
            String code = e.code() == ErrorCode.STORE_UNAVAILABLE ? "store_unavailable" : "evaluation_error";
            evaluation = Evaluation.deny(id, null, Reason.of("decision", code, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "decision " + id + " failed; denying", e);
            evaluation = Evaluation.deny(id, null, Reason.of("decision", "evaluation_error", "internal error: " + e));
        }
        long micros = (System.nanoTime() - started) / 1_000;
        try {
            AuditEvent event = auditEvent(request, evaluation, now, micros);
            AuditedChange change = change(evaluation);
            if (change == null) {
                audit.appendDurably(event);
            } else if (audit.appendDurably(event, change).isEmpty()) {
                evaluation = notRedeemed(id, evaluation); // used, revoked or expired since it was checked
                audit.appendDurably(auditEvent(request, evaluation, now, micros));
            }
        } catch (WardenException e) {
            LOG.log(Level.ERROR, "decision " + id + " could not be audited; denying: " + e.getMessage());
            return new Decision.Deny(id, List.of(Reason.of("audit", "store_unavailable",
                    "the decision could not be recorded durably: " + e.getMessage())));
        }
        Decision decision = evaluation.decision();
        recent.remember(id.value(), request.caller().agent(), decision.wire());
        return decision;
    }

    /** The approval change the decision's record goes with, if any. */
    private AuditedChange change(Evaluation evaluation) {
        if (evaluation.redeemed() != null) {
            return approvals.redeeming(evaluation.redeemed());
        }
        if (evaluation.opened() != null) {
            return approvals.opening(evaluation.opened());
        }
        return null;
    }

    /** The deny for a redemption whose approval could no longer be used up when its record was written. */
    private Evaluation notRedeemed(DecisionId id, Evaluation refused) {
        Approval a = refused.redeemed();
        Reason why = switch (approvals.redeemable(a.id(), a.agent(), a.fingerprint())) {
            case Redemption.Rejected no -> Reason.of("approval", no.code(), no.message());
            case Redemption.Redeemed again -> Reason.of("approval", "approval_used", "approval " + a.id() + " has already been used");
        };
        return Evaluation.deny(id, refused.level(), why);
    }

    private Evaluation evaluate(DecisionId id, DecisionRequest request) {
        Caller caller = request.caller();
        Optional<Agent> found = agents.find(caller.agent());
        if (found.isEmpty()) {
            return Evaluation.deny(id, null, Reason.of("identity", "unknown_agent", "agent '" + caller.agent() + "' is not registered"));
        }
        Agent agent = found.get();
        String level = agent.level().wire();
        if (caller.tokenEpoch() != agent.tokenEpoch()) {
            return Evaluation.deny(id, level, Reason.of("identity", "token_revoked", "the credential was revoked (agent was killed)"));
        }
        if (agent.status() != AgentStatus.ACTIVE) {
            return Evaluation.deny(id, level, Reason.of("status", "agent_" + agent.status().wire(),
                    "agent is " + agent.status().wire() + "; every action is denied"));
        }
        if (!projects.contains(agent.project(), agent.environment())) {
            return Evaluation.deny(id, level, Reason.of("segmentation", "unknown_project",
                    "project '" + agent.project() + "/" + agent.environment() + "' is not configured"));
        }
        DecisionRules current = rules.get();
        Optional<Tool> maybeTool = current.catalog().find(request.action());
        if (maybeTool.isEmpty()) {
            return Evaluation.deny(id, level, Reason.of("catalog", "unknown_tool", "'" + request.action() + "' is not in the tool catalog"));
        }
        Tool tool = maybeTool.get();
        Optional<Reason> hold = holds.held(tool.name());
        if (hold.isPresent()) {
            return Evaluation.deny(id, level, hold.get());
        }
        if (!AgentRegistry.claims(agent, tool.name())) {
            return Evaluation.deny(id, level, Reason.of("segmentation", "capability_not_claimed",
                    "'" + tool.name() + "' is not in the agent's capability manifest"));
        }
        List<String> violations = tool.inputSchema().validate(request.args(), "args");
        if (!violations.isEmpty()) {
            return Evaluation.deny(id, level, Reason.of("schema", "invalid_arguments", String.join("; ", violations)));
        }
        MaturityCeiling.Verdict ceiling = MaturityCeiling.check(agent.level(), tool);
        if (ceiling == MaturityCeiling.Verdict.DENIED) {
            return Evaluation.deny(id, level, Reason.of("maturity", "maturity_ceiling",
                    "level " + level + " may only use read-only tools; '" + tool.name() + "' has effects "
                            + tool.effects().stream().map(e -> e.wire()).sorted().toList()));
        }
        String resource = request.effectiveResource();
        PolicyVerdict policy = current.policies().evaluate(new PolicyQuery(agent, caller.sessionId(), tool, resource, request.args()));
        List<Reason> reasons = new ArrayList<>();
        switch (policy) {
            case PolicyVerdict.Forbid f -> {
                f.policyIds().forEach(p -> reasons.add(Reason.policy("forbid_policy", p, "forbidden by policy " + p)));
                return new Evaluation(new Decision.Deny(id, reasons), level);
            }
            case PolicyVerdict.NoPermit n -> {
                return Evaluation.deny(id, level, Reason.of("policy", "no_permit", "no policy permits '" + tool.name()
                        + "' for this agent (deny by default)"));
            }
            case PolicyVerdict.Failed f -> {
                return Evaluation.deny(id, level, new Reason("policy", "evaluation_error",
                        f.policyIds().stream().findFirst(), "policy evaluation failed: " + f.message()));
            }
            case PolicyVerdict.Permit p -> p.policyIds().forEach(pid -> reasons.add(Reason.policy(
                    p.approvalPolicyIds().contains(pid) ? "approval_policy" : "permit_policy", pid,
                    (p.approvalPolicyIds().contains(pid) ? "permitted with approval by policy " : "permitted by policy ") + pid)));
        }
        PolicyVerdict.Permit permit = (PolicyVerdict.Permit) policy;
        List<String> obligations = ceiling == MaturityCeiling.Verdict.WITHIN_NOTIFY ? List.of("notify_owner") : List.of();
        boolean approvalNeeded = permit.approvalRequired() || ceiling == MaturityCeiling.Verdict.APPROVAL;
        if (ceiling == MaturityCeiling.Verdict.APPROVAL) {
            reasons.add(Reason.of("maturity", "maturity_approval", "level " + level + " needs a human approval for "
                    + tool.risk().wire() + "-risk '" + tool.name() + "'"));
        }
        if (!approvalNeeded) {
            return new Evaluation(new Decision.Allow(id, reasons, obligations), level);
        }
        return approvalStep(id, request, agent, resource, permit, reasons, obligations, level);
    }

    private Evaluation approvalStep(DecisionId id, DecisionRequest request, Agent agent, String resource,
                                 PolicyVerdict.Permit permit, List<Reason> reasons, List<String> obligations, String level) {
        if (request.approvalId().isPresent()) {
            String fingerprint = CallFingerprint.of(agent.name(), request.action(), resource, request.args());
            Redemption r = approvals.redeemable(request.approvalId().get(), agent.name(), fingerprint);
            return switch (r) {
                case Redemption.Redeemed ok -> {
                    List<Reason> all = new ArrayList<>(reasons);
                    all.add(new Reason("approval", "approval_redeemed", Optional.empty(), "approved by "
                            + ok.approval().decidedBy().orElse("an operator") + " (" + ok.approval().id() + ")"));
                    yield new Evaluation(new Decision.Allow(id, all, obligations), level, ok.approval(), null);
                }
                case Redemption.Rejected no -> Evaluation.deny(id, level, Reason.of("approval", no.code(), no.message()));
            };
        }
        List<String> approvalPolicies = new ArrayList<>(permit.approvalPolicyIds());
        Approval approval = approvals.prepare(agent.name(), request.caller().sessionId(), id.value(), request.action(),
                resource, request.args(), approvalPolicies, request.rationale());
        return new Evaluation(new Decision.ApprovalRequired(id, reasons, approval.id(), approval.expiresAt()), level,
                null, approval);
    }

    private static AuditEvent auditEvent(DecisionRequest request, Evaluation evaluation, Instant now, long micros) {
        Decision decision = evaluation.decision();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", request.action());
        fields.put("resource", request.effectiveResource());
        fields.put("args", request.args());
        fields.put("rationale", request.rationale().orElse(""));
        fields.put("reasons", decision.reasons().stream().map(GuardedDecisionPoint::reasonMap).toList());
        fields.put("duration_us", micros);
        if (evaluation.level() != null) {
            fields.put("level", evaluation.level());
        }
        switch (decision) {
            case Decision.ApprovalRequired a -> fields.put("approval_id", a.approvalId().value());
            case Decision.Allow a -> {
                if (evaluation.redeemed() != null) {
                    fields.put("approval_id", evaluation.redeemed().id().value());
                }
                if (!a.obligations().isEmpty()) {
                    fields.put("obligations", a.obligations());
                }
            }
            case Decision.Deny d -> { }
        }
        return new AuditEvent("decision", now, request.caller().agent(), request.caller().sessionId(),
                decision.id().value(), decision.wire(), fields);
    }

    /** The plain JSON form of a reason, as stored in audit entries. */
    public static Map<String, Object> reasonMap(Reason r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("guard", r.guard());
        m.put("code", r.code());
        r.policyId().ifPresent(p -> m.put("policy_id", p));
        m.put("message", r.message());
        return m;
    }
}
