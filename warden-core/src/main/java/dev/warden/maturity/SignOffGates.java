package dev.warden.maturity;

import dev.warden.agent.Agent;
import dev.warden.agent.MaturityLevel;
import dev.warden.behavior.BehaviorMonitor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Evaluates promotion gates 2 (security validation), 3 (business value) and 5 (governance
 * sign-off) of an agent from the evidence operators recorded ({@link PromotionEvidence}).
 *
 * <p><b>What counts.</b> An item counts only when it was recorded at the agent's current level, at
 * or after {@link Agent#levelSince()} (a demotion or promotion starts over), is not withdrawn, and
 * its author is still a member of the role it was recorded in. Of attestations and business-value
 * statements the latest counted one of each kind decides.
 *
 * <ul>
 *   <li><b>security_validation</b>: a passed latest attestation of {@code vulnerability_assessment},
 *       {@code code_review}, {@code configuration_audit}; {@code penetration_test} for Senior and
 *       Principal; {@code adversarial_testing} for Principal. A failed latest one fails its check.</li>
 *   <li><b>business_value</b>: {@code success_metrics_defined} (at least one metric);
 *       {@code baseline_established} (the behaviour baseline finished learning);
 *       {@code improvement_demonstrated} (Senior and Principal: every metric's current value better
 *       than its baseline in its direction); {@code roi_calculated} (Senior and Principal: a ROI ratio
 *       above 1.0); {@code stakeholder_sign_off}.</li>
 *   <li><b>governance_sign_off</b>: sign-offs of {@code technical_owner} and {@code business_owner};
 *       {@code security} for Senior and Principal; {@code risk_committee} for Principal;
 *       {@code documentation_updated} (a passed latest {@code documentation} attestation).</li>
 * </ul>
 *
 * A sign-off by the promotion's requester never counts, nor a technical-owner sign-off by the
 * agent's owner.
 */
public final class SignOffGates {
    /** Why a requester's sign-off is left out. */
    public static final String BY_REQUESTER = "signed by the requester, who cannot sign off their own promotion";
    /** Why the agent owner's technical-owner sign-off is left out. */
    public static final String BY_OWNER = "signed by the agent's owner, who cannot be its technical owner";

    private final EvidenceStore store;
    private final SignOffRoles roles;
    private final Optional<Baselines> baselines;

    /**
     * Reads from {@code store}.
     *
     * @param baselines whether an agent's behaviour baseline finished learning; empty when behaviour
     *                  monitoring is off (the baseline check then fails saying so)
     */
    public SignOffGates(EvidenceStore store, SignOffRoles roles, Optional<Baselines> baselines) {
        this.store = Objects.requireNonNull(store, "store");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.baselines = Objects.requireNonNull(baselines, "baselines");
    }

    /** Whether agents' behaviour baselines finished learning. */
    @FunctionalInterface
    public interface Baselines {
        /**
         * Whether the agent's baseline finished learning; empty when no baseline exists for it.
         */
        Optional<Boolean> learned(String agent);

        /** The baselines of {@code monitor}; empty when behaviour monitoring is off. */
        static Optional<Baselines> of(Optional<BehaviorMonitor> monitor) {
            return monitor.map(m -> m::learned);
        }
    }

    /**
     * The three gates, in readiness order: security validation, business value, governance sign-off.
     *
     * @param target    the level promoted to
     * @param requester the operator requesting the promotion; their sign-offs do not count
     */
    public List<GateResult> evaluate(Agent agent, MaturityLevel target, Optional<String> requester) {
        List<EvidenceItem> counted = store.listOfAgent(agent.name()).stream()
                .filter(i -> !i.withdrawn() && i.atCurrentLevel(agent) && roles.mayAct(i.role(), i.operator())).toList();
        return List.of(security(agent, target, counted), business(agent, target, requester, counted),
                governance(agent, target, requester, counted));
    }

    private GateResult security(Agent agent, MaturityLevel target, List<EvidenceItem> counted) {
        List<GateCheck> checks = new ArrayList<>();
        for (AttestationKind k : AttestationKind.values()) {
            if (!k.security()) {
                continue;
            }
            checks.add(k.requiredFor(target) ? attestation(agent, k, k.wire(), counted)
                    : GateCheck.notApplicable(k.wire(), "attestations", "not required for " + target.wire()));
        }
        return GateResult.of(GateResult.Gate.SECURITY_VALIDATION, checks);
    }

    private GateResult business(Agent agent, MaturityLevel target, Optional<String> requester, List<EvidenceItem> counted) {
        boolean senior = target.compareTo(MaturityLevel.SENIOR) >= 0;
        Optional<EvidenceItem> item = latest(counted, EvidenceItem.BUSINESS_VALUE);
        BusinessValue bv = item.flatMap(i -> BusinessValue.fromFields(i.fields())).orElse(null);
        String none = "no business-value statement at " + agent.level().wire() + " since " + agent.levelSince() + " ("
                + roles.who(SignOffRole.BUSINESS_OWNER) + ")";
        List<GateCheck> checks = new ArrayList<>();
        checks.add(bv == null ? GateCheck.noEvidence("success_metrics_defined", "metrics", 1, "at_least", none)
                : GateCheck.atLeast("success_metrics_defined", "metrics", bv.metrics().size(), 1, bv.metrics().size()
                        + " success metrics defined by " + item.get().operator() + " (" + item.get().id() + "), at least 1 required"));
        checks.add(baseline(agent));
        if (!senior) {
            checks.add(GateCheck.notApplicable("improvement_demonstrated", "metrics", "not required for " + target.wire()));
            checks.add(GateCheck.notApplicable("roi_calculated", "ratio", "not required for " + target.wire()));
        } else if (bv == null) {
            checks.add(GateCheck.noEvidence("improvement_demonstrated", "metrics", 1, "at_least", none));
            checks.add(GateCheck.noEvidence("roi_calculated", "ratio", 1.0, "above", none));
        } else {
            List<String> notImproved = bv.metrics().stream().filter(m -> !m.improved()).map(BusinessValue.Metric::name).toList();
            int improved = bv.metrics().size() - notImproved.size();
            checks.add(GateCheck.atLeast("improvement_demonstrated", "metrics", improved, bv.metrics().size(), improved + " of "
                    + bv.metrics().size() + " metrics better than their baseline" + (notImproved.isEmpty() ? ""
                    : "; not improved or not measured: " + String.join(", ", notImproved)) + "; all required for " + target.wire()));
            checks.add(bv.roi().map(r -> GateCheck.above("roi_calculated", "ratio", r.ratio().doubleValue(), 1.0, "ROI ratio "
                    + r.ratio().toPlainString() + " (" + r.evidenceRef() + "), above 1.0 required"))
                    .orElse(GateCheck.noEvidence("roi_calculated", "ratio", 1.0, "above", "the business-value statement "
                            + item.get().id() + " has no roi")));
        }
        checks.add(signOff(agent, SignOffRole.STAKEHOLDER, "stakeholder_sign_off", requester, counted));
        return GateResult.of(GateResult.Gate.BUSINESS_VALUE, checks);
    }

    private GateCheck baseline(Agent agent) {
        if (baselines.isEmpty()) {
            return GateCheck.noEvidence("baseline_established", "baselines", 1, "at_least", "behaviour monitoring is off");
        }
        Optional<Boolean> learned = baselines.get().learned(agent.name());
        if (learned.isEmpty()) {
            return GateCheck.noEvidence("baseline_established", "baselines", 1, "at_least",
                    "the behaviour monitor has no baseline of " + agent.name() + " yet");
        }
        return GateCheck.atLeast("baseline_established", "baselines", learned.get() ? 1 : 0, 1, learned.get()
                ? "the behaviour baseline finished learning" : "the behaviour baseline is still learning");
    }

    private GateResult governance(Agent agent, MaturityLevel target, Optional<String> requester, List<EvidenceItem> counted) {
        List<GateCheck> checks = new ArrayList<>();
        checks.add(signOff(agent, SignOffRole.TECHNICAL_OWNER, "technical_owner", requester, counted));
        checks.add(signOff(agent, SignOffRole.BUSINESS_OWNER, "business_owner", requester, counted));
        checks.add(target.compareTo(MaturityLevel.SENIOR) >= 0 ? signOff(agent, SignOffRole.SECURITY, "security", requester, counted)
                : GateCheck.notApplicable("security", "sign_offs", "not required for " + target.wire()));
        checks.add(target == MaturityLevel.PRINCIPAL
                ? signOff(agent, SignOffRole.RISK_COMMITTEE, "risk_committee", requester, counted)
                : GateCheck.notApplicable("risk_committee", "sign_offs", "not required for " + target.wire()));
        checks.add(attestation(agent, AttestationKind.DOCUMENTATION, "documentation_updated", counted));
        return GateResult.of(GateResult.Gate.GOVERNANCE_SIGN_OFF, checks);
    }

    private GateCheck attestation(Agent agent, AttestationKind kind, String name, List<EvidenceItem> counted) {
        Optional<EvidenceItem> latest = latest(counted, kind.wire());
        if (latest.isEmpty()) {
            return new GateCheck(name, "attestations", OptionalDouble.of(0), 1, "at_least", false, "no " + kind.wire()
                    + " attestation at " + agent.level().wire() + " since " + agent.levelSince() + " (" + roles.who(kind.role()) + ")");
        }
        EvidenceItem i = latest.get();
        boolean passed = "passed".equals(i.fields().get("result"));
        return new GateCheck(name, "attestations", OptionalDouble.of(passed ? 1 : 0), 1, "at_least", passed, "latest "
                + kind.wire() + " attestation " + (passed ? "passed" : "failed") + ": " + i.fields().get("evidence_ref") + " ("
                + i.fields().get("evidence_digest") + ", by " + i.operator() + ", " + i.id() + ")");
    }

    private GateCheck signOff(Agent agent, SignOffRole role, String name, Optional<String> requester, List<EvidenceItem> counted) {
        Set<String> signers = new LinkedHashSet<>();
        List<String> excluded = new ArrayList<>();
        for (EvidenceItem i : counted) {
            if (!EvidenceItem.SIGN_OFF.equals(i.kind()) || i.role() != role) {
                continue;
            }
            if (requester.isPresent() && requester.get().equals(i.operator())) {
                excluded.add(i.operator() + " (" + BY_REQUESTER + ")");
            } else if (role == SignOffRole.TECHNICAL_OWNER && i.operator().equals(agent.owner())) {
                excluded.add(i.operator() + " (" + BY_OWNER + ")");
            } else {
                signers.add(i.operator());
            }
        }
        String why = (signers.isEmpty() ? "no " + role.wire() + " sign-off at " + agent.level().wire() + " since " + agent.levelSince()
                + " (" + roles.who(role) + ")" : "signed off by " + String.join(", ", signers))
                + (excluded.isEmpty() ? "" : "; not counted: " + String.join(", ", new LinkedHashSet<>(excluded)));
        return GateCheck.atLeast(name, "sign_offs", signers.size(), 1, why);
    }

    private static Optional<EvidenceItem> latest(List<EvidenceItem> counted, String kind) {
        return counted.stream().filter(i -> i.kind().equals(kind)).reduce((a, b) -> b);
    }
}
