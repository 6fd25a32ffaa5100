package dev.warden.decision;

import dev.warden.agent.Agent;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalId;
import dev.warden.audit.AuditedChange;
import dev.warden.catalog.Tool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One decision while its {@link Guard}s run: the request, what earlier guards found (the agent,
 * the tool) and what they added (reasons, obligations, the need for an approval, context entries).
 * Made per decision and used by one thread only.
 *
 * <p>The reasons of an allow or an approval_required are the ones guards {@linkplain #addReason
 * added}, in order, then the ones given with {@link #requireApproval(Reason)}, then the reason of a
 * redeemed approval.
 */
public final class DecisionContext {
    private final DecisionId id;
    private final DecisionRequest request;
    private final Instant now;
    private final Supplier<DecisionRules> rulesSource;
    private DecisionRules rules;
    private Agent agent;
    private Tool tool;
    private List<Reason> reasons;
    private List<Reason> approvalReasons;
    private List<String> approvalPolicies;
    private dev.warden.approval.ApprovalTerms approvalTerms = dev.warden.approval.ApprovalTerms.NONE;
    private List<String> obligations;
    private boolean approvalRequired;
    private Map<String, Object> entries;
    private Set<String> sessionLabels = Set.of();
    private ApprovalStep approvalStep;
    private List<Consumer<Decision>> settlements;
    private Map<String, Object> recordedArgs;
    private String recordedRationale;
    private String recordedResource;
    private Map<String, Object> recorded;
    private MaturityLevel shadowLevel;
    private MaturityCeiling.Verdict ceilingHere;
    private MaturityCeiling.Verdict ceilingThere;

    /**
     * Starts a decision.
     *
     * @param rules where the catalog and policies come from; read once, when a guard first asks
     */
    public DecisionContext(DecisionId id, DecisionRequest request, Instant now, Supplier<DecisionRules> rules) {
        this.id = Objects.requireNonNull(id, "id");
        this.request = Objects.requireNonNull(request, "request");
        this.now = Objects.requireNonNull(now, "now");
        this.rulesSource = Objects.requireNonNull(rules, "rules");
    }

    /** The decision id. */
    public DecisionId id() {
        return id;
    }

    /** The request decided. */
    public DecisionRequest request() {
        return request;
    }

    /** When the decision started. */
    public Instant now() {
        return now;
    }

    /** The resource acted on: the request's, or the action name when it named none. */
    public String resource() {
        return request.effectiveResource();
    }

    /** The catalog and policies of this decision: one load for all guards, read on first use. */
    public DecisionRules rules() {
        if (rules == null) {
            rules = rulesSource.get();
        }
        return rules;
    }

    /**
     * The registered agent asking.
     *
     * @throws IllegalStateException before the identity guard found it
     */
    public Agent agent() {
        if (agent == null) {
            throw new IllegalStateException("no agent yet: the identity guard runs first");
        }
        return agent;
    }

    /** Sets the agent the request comes from (the identity guard does, from the registry). */
    public void agent(Agent found) {
        this.agent = Objects.requireNonNull(found, "agent");
    }

    /** The agent's level as recorded with the decision, null until the agent is known. */
    public String level() {
        return agent == null ? null : agent.level().wire();
    }

    /**
     * The catalog entry of the action.
     *
     * @throws IllegalStateException before the catalog guard found it
     */
    public Tool tool() {
        if (tool == null) {
            throw new IllegalStateException("no tool yet: the catalog guard runs first");
        }
        return tool;
    }

    /** Sets the catalog entry of the action (the catalog guard does). */
    public void tool(Tool found) {
        this.tool = Objects.requireNonNull(found, "tool");
    }

    /** Adds a reason an allow or approval_required gives (a deny gives only its own). */
    public void addReason(Reason reason) {
        Objects.requireNonNull(reason, "reason");
        if (reasons == null) {
            reasons = new ArrayList<>(4);
        }
        reasons.add(reason);
    }

    /** Attaches a duty to an allow, e.g. {@code notify_owner}. */
    public void oblige(String obligation) {
        Objects.requireNonNull(obligation, "obligation");
        if (obligations == null) {
            obligations = new ArrayList<>(2);
        }
        obligations.add(obligation);
    }

    /**
     * Shadow mode: what the ceiling says for this call at the agent's level and at the next one.
     * Nothing of it is enforced; {@link #shadowOf} says what the decision would have been.
     */
    public void shadow(MaturityLevel next, MaturityCeiling.Verdict here, MaturityCeiling.Verdict there) {
        this.shadowLevel = Objects.requireNonNull(next, "next");
        this.ceilingHere = Objects.requireNonNull(here, "here");
        this.ceilingThere = Objects.requireNonNull(there, "there");
    }

    /**
     * What the agent's next level would have decided instead of {@code actual}, when that differs:
     * {@code allow} for a call held for an approval only the ceiling asked for and the next level's
     * ceiling lets through; {@code approval_required} for a call the ceiling denied that the next
     * level would have put to a human (the policies were not consulted: the deny stopped the
     * decision before them). Empty when the next level would have decided the same, or there is none.
     *
     * @return {@code {"level": <next>, "decision": ..., "policy_evaluated": bool}}
     */
    public Optional<Map<String, Object>> shadowOf(Decision actual) {
        if (shadowLevel == null || ceilingHere == ceilingThere) {
            return Optional.empty();
        }
        String would = null;
        boolean policyEvaluated = true;
        if (actual instanceof Decision.ApprovalRequired && ceilingHere == MaturityCeiling.Verdict.APPROVAL
                && (ceilingThere == MaturityCeiling.Verdict.WITHIN || ceilingThere == MaturityCeiling.Verdict.WITHIN_NOTIFY)
                && onlyTheCeilingAskedForApproval()) {
            would = "allow";
        } else if (actual instanceof Decision.Deny d && ceilingHere == MaturityCeiling.Verdict.DENIED
                && d.reasons().stream().allMatch(r -> r.code().equals("maturity_ceiling"))) {
            would = ceilingThere == MaturityCeiling.Verdict.APPROVAL ? "approval_required" : "allow";
            policyEvaluated = false;
        }
        if (would == null) {
            return Optional.empty();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", shadowLevel.wire());
        m.put("decision", would);
        m.put("policy_evaluated", policyEvaluated);
        return Optional.of(m);
    }

    private boolean onlyTheCeilingAskedForApproval() {
        return (approvalPolicies == null || approvalPolicies.isEmpty()) && approvalReasons != null
                && approvalReasons.stream().allMatch(r -> r.code().equals("maturity_approval"));
    }

    /** Says a human must approve this call, and why; the reason is listed after the added ones. */
    public void requireApproval(Reason why) {
        Objects.requireNonNull(why, "why");
        if (approvalReasons == null) {
            approvalReasons = new ArrayList<>(2);
        }
        approvalReasons.add(why);
        approvalRequired = true;
    }

    /** Says a human must approve this call because these policies ask for it (their reasons are added apart). */
    public void requireApprovalOf(List<String> policyIds) {
        requireApprovalOf(policyIds, dev.warden.approval.ApprovalTerms.NONE);
    }

    /**
     * Says a human must approve this call because these policies ask for it, on their terms
     * (deadline, approver groups); terms of several calls combine ({@link dev.warden.approval.ApprovalTerms#and}).
     */
    public void requireApprovalOf(List<String> policyIds, dev.warden.approval.ApprovalTerms terms) {
        if (approvalPolicies == null) {
            approvalPolicies = new ArrayList<>(policyIds.size());
        }
        approvalPolicies.addAll(policyIds);
        approvalTerms = approvalTerms.and(Objects.requireNonNull(terms, "terms"));
        approvalRequired = true;
    }

    /** The deadline and approver groups the policies asking for an approval set ({@code NONE} when they set none). */
    public dev.warden.approval.ApprovalTerms approvalTerms() {
        return approvalTerms;
    }

    /** Whether a guard has asked for a human approval. */
    public boolean approvalRequired() {
        return approvalRequired;
    }

    /** The policies that asked for an approval, in order. */
    public List<String> approvalPolicies() {
        return approvalPolicies == null ? List.of() : Collections.unmodifiableList(approvalPolicies);
    }

    /**
     * Adds an entry to the context later guards and the policy engine see (for Cedar, under its
     * name in {@code context}). The value must be a plain immutable JSON-like value: the policy
     * engine may remember verdicts under it.
     *
     * @throws IllegalArgumentException when another guard already set {@code key}
     */
    public void put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (entries == null) {
            entries = new LinkedHashMap<>(4);
        }
        if (entries.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException("context entry '" + key + "' was already set by an earlier guard");
        }
    }

    /**
     * Sets the data labels the session carried when this decision started (the flow guard does,
     * from {@link dev.warden.flow.SessionLabels}); the policy engine sees them.
     */
    public void sessionLabels(Set<String> labels) {
        this.sessionLabels = Set.copyOf(labels);
    }

    /** The session's data labels as the policy engine sees them; empty until a guard set them. */
    public Set<String> sessionLabels() {
        return sessionLabels;
    }

    /** The context entries guards have added so far, in order (read-only). */
    public Map<String, Object> entries() {
        return entries == null ? Map.of() : Collections.unmodifiableMap(entries);
    }

    /**
     * Redeems an approval for this call: the decision is an allow naming {@code approvedBy}, and
     * {@code change} uses the approval up together with the decision's record.
     *
     * @param whenRefused why the call is denied when {@code change} no longer applies as the record
     *                    is written (the approval was used, revoked or expired meanwhile)
     */
    public void redeem(ApprovalId approval, Reason approvedBy, AuditedChange change, Supplier<Reason> whenRefused) {
        approvalStep = new ApprovalStep(approval, null, Objects.requireNonNull(approvedBy, "approvedBy"),
                Objects.requireNonNull(change, "change"), Objects.requireNonNull(whenRefused, "whenRefused"));
    }

    /**
     * Opens an approval for this call: the decision is an approval_required naming it, and
     * {@code change} stores it together with the decision's record.
     *
     * @param whenRefused why the call is denied when {@code change} does not apply
     */
    public void open(ApprovalId approval, Instant expiresAt, AuditedChange change, Supplier<Reason> whenRefused) {
        approvalStep = new ApprovalStep(approval, Objects.requireNonNull(expiresAt, "expiresAt"), null,
                Objects.requireNonNull(change, "change"), Objects.requireNonNull(whenRefused, "whenRefused"));
    }

    /**
     * Lets a grant (a pre-approval) stand in for the approval {@linkplain #open opened} before: the
     * decision is an allow naming {@code grantedBy}, its record names the grant ({@code grant_id}),
     * and {@code change} counts the use together with that record. When the change no longer applies
     * (the grant was used up, revoked or expired meanwhile) the decision falls back to opening that
     * approval, as it would have without the grant: a grant that cannot be counted never allows.
     *
     * @throws IllegalStateException when no approval was opened first
     */
    public void useGrant(String grantId, Reason grantedBy, AuditedChange change) {
        if (approvalStep == null || !approvalStep.opens()) {
            throw new IllegalStateException("open the approval a grant stands in for first");
        }
        approvalStep = new ApprovalStep(null, null, Objects.requireNonNull(grantedBy, "grantedBy"),
                Objects.requireNonNull(change, "change"), approvalStep.whenRefused(),
                Objects.requireNonNull(grantId, "grantId"), approvalStep);
    }

    /**
     * The approval the decision opens ({@code expiresAt} set) or redeems ({@code approvedBy} set), or
     * the grant it uses instead ({@code grant} set, with the opening as {@code fallback}), with the
     * change made with its record.
     */
    record ApprovalStep(ApprovalId approval, Instant expiresAt, Reason approvedBy, AuditedChange change,
                        Supplier<Reason> whenRefused, String grant, ApprovalStep fallback) {
        ApprovalStep(ApprovalId approval, Instant expiresAt, Reason approvedBy, AuditedChange change,
                     Supplier<Reason> whenRefused) {
            this(approval, expiresAt, approvedBy, change, whenRefused, null, null);
        }

        boolean opens() {
            return expiresAt != null;
        }
    }

    /**
     * Asks to be told how the decision ended: {@code settled} runs once the decision's audit record
     * is written (or could not be, which makes it a deny), with the decision the caller receives.
     * Guards that reserve something for the call (a budget, a slot) commit it on an allow and give
     * it back otherwise. Runs on the deciding thread, in the order registered; it must be quick and
     * must not throw (what it throws is logged and ignored: the decision stands).
     */
    public void onSettled(Consumer<Decision> settled) {
        Objects.requireNonNull(settled, "settled");
        if (settlements == null) {
            settlements = new ArrayList<>(2);
        }
        settlements.add(settled);
    }

    /**
     * Sets the arguments as the decision's audit record keeps them: the data guard gives a copy with
     * sensitive values masked, so the raw value never reaches the log. Unset, the record keeps the
     * request's arguments (as the decision point's record filter leaves them).
     */
    public void recordArgs(Map<String, Object> args) {
        this.recordedArgs = Objects.requireNonNull(args, "args");
    }

    /** Sets the rationale as the audit record keeps it (the data guard masks sensitive values in it). */
    public void recordRationale(String rationale) {
        this.recordedRationale = Objects.requireNonNull(rationale, "rationale");
    }

    /** Sets the resource as the audit record keeps it (the data guard masks sensitive values in it). */
    public void recordResource(String resource) {
        this.recordedResource = Objects.requireNonNull(resource, "resource");
    }

    /** The resource as the audit record keeps it, null when no guard set it. */
    public String recordedResource() {
        return recordedResource;
    }

    /** The rationale as the audit record keeps it, null when no guard set it. */
    public String recordedRationale() {
        return recordedRationale;
    }

    /** The arguments as the audit record keeps them, null when no guard set them. */
    public Map<String, Object> recordedArgs() {
        return recordedArgs;
    }

    /**
     * Adds a field to the decision's audit record (plain JSON; never a raw sensitive value), e.g. the
     * data guard's {@code data} summary of what it found.
     */
    public void record(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (recorded == null) {
            recorded = new LinkedHashMap<>(2);
        }
        recorded.put(key, value);
    }

    /** The fields guards added to the audit record, in order (read-only). */
    public Map<String, Object> recorded() {
        return recorded == null ? Map.of() : Collections.unmodifiableMap(recorded);
    }

    /** The callbacks {@link #onSettled} registered, in order. */
    List<Consumer<Decision>> settlements() {
        return settlements == null ? List.of() : settlements;
    }

    /** The approval step, null when none ran. */
    ApprovalStep approvalStep() {
        return approvalStep;
    }

    /** The reasons an allow or approval_required would give so far, in order (a copy). */
    public List<Reason> reasons() {
        return reasons(null);
    }

    /** The reasons of an allow or approval_required, with {@code last} at the end when given. */
    List<Reason> reasons(Reason last) {
        int n = (reasons == null ? 0 : reasons.size()) + (approvalReasons == null ? 0 : approvalReasons.size())
                + (last == null ? 0 : 1);
        List<Reason> all = new ArrayList<>(n);
        if (reasons != null) {
            all.addAll(reasons);
        }
        if (approvalReasons != null) {
            all.addAll(approvalReasons);
        }
        if (last != null) {
            all.add(last);
        }
        return all;
    }

    /** The obligations an allow would carry so far, in order (read-only). */
    public List<String> obligations() {
        return obligations == null ? List.of() : Collections.unmodifiableList(obligations);
    }
}
