package dev.warden.maturity;

import dev.warden.agent.MaturityLevel;

/**
 * The controls the ATF conformance matrix makes a MUST from a given maturity level (those it requires
 * at every level, such as the kill switch or the audit trail, are not level gates and are not listed).
 */
public enum Control {
    /** I-2: the identity is bound to cryptographic credentials. */
    CREDENTIAL_BINDING("credential_binding", "I-2", MaturityLevel.JUNIOR),
    /** B-3: a behavioural baseline is established. */
    BASELINE("baseline", "B-3", MaturityLevel.JUNIOR),
    /** D-1: inputs are validated against a schema. */
    SCHEMA_VALIDATION("schema_validation", "D-1", MaturityLevel.JUNIOR),
    /** D-2: prompt injection is detected. */
    INJECTION_DETECTION("injection_detection", "D-2", MaturityLevel.JUNIOR),
    /** S-3: operations per time period are limited. */
    RATE_LIMITS("rate_limits", "S-3", MaturityLevel.JUNIOR),
    /** a circuit breaker halts the agent on repeated failures. */
    CIRCUIT_BREAKER("circuit_breaker", "R-1", MaturityLevel.JUNIOR),
    /** I-5: a machine-readable capability manifest. */
    CAPABILITY_MANIFEST("capability_manifest", "I-5", MaturityLevel.SENIOR),
    /** B-4: anomalies are detected and alerted on. */
    ANOMALY_DETECTION("anomaly_detection", "B-4", MaturityLevel.SENIOR),
    /** B-5: the rationale of each decision can be retrieved. */
    EXPLANATIONS("explanations", "B-5", MaturityLevel.SENIOR),
    /** D-4: outputs are validated. */
    OUTPUT_VALIDATION("output_validation", "D-4", MaturityLevel.SENIOR),
    /** S-4: the impact of one action is limited. */
    TRANSACTION_LIMITS("transaction_limits", "S-4", MaturityLevel.SENIOR),
    /** S-5: cumulative impact is limited. */
    CUMULATIVE_LIMITS("cumulative_limits", "S-5", MaturityLevel.SENIOR),
    /** every session of the agent can be invalidated. */
    SESSION_REVOCATION("session_revocation", "R-3", MaturityLevel.SENIOR),
    /** the agent falls back to a lower level on issues. */
    AUTOMATIC_DEMOTION("automatic_demotion", "R-5", MaturityLevel.SENIOR),
    /** D-5: data lineage is tracked. */
    LINEAGE("lineage", "D-5", MaturityLevel.PRINCIPAL),
    /** the agent's actions can be undone. */
    ROLLBACK("rollback", "R-4", MaturityLevel.PRINCIPAL);

    private final String id;
    private final String atf;
    private final MaturityLevel requiredFrom;

    Control(String id, String atf, MaturityLevel requiredFrom) {
        this.id = id;
        this.atf = atf;
        this.requiredFrom = requiredFrom;
    }

    /** The wire id, e.g. {@code rate_limits}. */
    public String id() {
        return id;
    }

    /** The ATF core requirement id, e.g. {@code S-3}. */
    public String atf() {
        return atf;
    }

    /** The lowest level at which it is a MUST. */
    public MaturityLevel requiredFrom() {
        return requiredFrom;
    }

    /** The controls required at {@code level}: its own and those of every level below, in declaration order. */
    public static java.util.List<Control> requiredAt(MaturityLevel level) {
        return java.util.Arrays.stream(values()).filter(c -> c.requiredFrom.compareTo(level) <= 0).toList();
    }
}
