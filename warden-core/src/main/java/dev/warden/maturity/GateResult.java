package dev.warden.maturity;

import java.util.List;
import java.util.Objects;

/**
 * A computed promotion gate: it passes only when every one of its checks passes.
 *
 * @param gate   which gate
 * @param passed whether all checks passed
 * @param checks the checks, each with its numbers
 */
public record GateResult(Gate gate, boolean passed, List<GateCheck> checks) {
    /** Validates: {@code passed} must be the conjunction of the checks, and there is at least one. */
    public GateResult {
        Objects.requireNonNull(gate, "gate");
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a gate has at least one check");
        }
        if (passed != checks.stream().allMatch(GateCheck::passed)) {
            throw new IllegalArgumentException("passed must be true exactly when every check passed");
        }
    }

    /** The result of {@code checks}. */
    public static GateResult of(Gate gate, List<GateCheck> checks) {
        return new GateResult(gate, checks.stream().allMatch(GateCheck::passed), checks);
    }

    /** The five promotion gates, in the order a readiness shows them. */
    public enum Gate {
        /** Gate 1: time and operations at level, accuracy, availability, response time. */
        PERFORMANCE("performance"),
        /** Gate 2: security attestations with evidence ({@link SignOffGates}). */
        SECURITY_VALIDATION("security_validation"),
        /** Gate 3: success metrics, a baseline, improvement and ROI, stakeholder sign-off ({@link SignOffGates}). */
        BUSINESS_VALUE("business_value"),
        /** Gate 4: no critical incident at the level, minor ones resolved, root causes recorded. */
        INCIDENT_RECORD("incident_record"),
        /** Gate 5: sign-offs of the roles the target needs, none by the requester ({@link SignOffGates}). */
        GOVERNANCE_SIGN_OFF("governance_sign_off");

        private final String wire;

        Gate(String wire) {
            this.wire = wire;
        }

        /** The wire form, e.g. {@code incident_record}. */
        public String wire() {
            return wire;
        }
    }
}
