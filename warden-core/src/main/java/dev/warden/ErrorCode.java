package dev.warden;

import java.util.Locale;

/**
 * Stable error codes. {@link #wire()} is the snake_case string used on the wire; the HTTP layer
 * maps each code to a status via {@link #kind()}.
 */
public enum ErrorCode {
    INVALID_REQUEST(Kind.BAD_REQUEST),
    INVALID_FIELD(Kind.BAD_REQUEST),
    MISSING_FIELD(Kind.BAD_REQUEST),
    /** A JSON number outside the number rule ({@link dev.warden.json.JsonNumbers}). */
    INVALID_NUMBER(Kind.BAD_REQUEST),
    UNKNOWN_PROJECT(Kind.BAD_REQUEST),
    UNAUTHENTICATED(Kind.UNAUTHENTICATED),
    INVALID_TOKEN(Kind.UNAUTHENTICATED),
    TOKEN_EXPIRED(Kind.UNAUTHENTICATED),
    TOKEN_REVOKED(Kind.UNAUTHENTICATED),
    INVALID_CLIENT_ASSERTION(Kind.UNAUTHENTICATED),
    ASSERTION_REPLAYED(Kind.UNAUTHENTICATED),
    FORBIDDEN(Kind.FORBIDDEN),
    AGENT_NOT_ACTIVE(Kind.FORBIDDEN),
    FOREIGN_DECISION(Kind.FORBIDDEN),
    /** An operator whose roles do not allow the request (an auditor killing, an approver out of scope). */
    FORBIDDEN_ROLE(Kind.FORBIDDEN),
    /** Separation of duties: the approver owns the agent whose request it is. */
    SOD_OWN_AGENT(Kind.FORBIDDEN),
    /** Separation of duties: the second approval of a two-person approval by the first approver. */
    SOD_SAME_APPROVER(Kind.FORBIDDEN),
    /** An approval whose policies named approver groups, approved by an operator in none of them. */
    NOT_IN_APPROVER_GROUP(Kind.FORBIDDEN),
    /** Promotion evidence recorded in a sign-off role the operator is not a member of (or by no enabled operator account). */
    NOT_IN_SIGN_OFF_ROLE(Kind.FORBIDDEN),
    /** A sign-in with a wrong name or password (which of them is not said). */
    INVALID_CREDENTIALS(Kind.UNAUTHENTICATED),
    /** An OIDC sign-in whose ID token was refused; the message names the check that failed. */
    INVALID_ID_TOKEN(Kind.UNAUTHENTICATED),
    /** An OIDC sign-in while the identity provider's keys cannot be fetched (refused: fail closed). */
    IDP_UNAVAILABLE(Kind.UNAVAILABLE),
    /** An OIDC sign-in on a server without {@code operators.oidc} configured. */
    OIDC_NOT_CONFIGURED(Kind.NOT_FOUND),
    /** An operator token or key of a disabled operator. */
    OPERATOR_DISABLED(Kind.UNAUTHENTICATED),
    /** Too many failed sign-ins for a name or from a source; the message says when to retry. */
    TOO_MANY_ATTEMPTS(Kind.TOO_MANY_REQUESTS),
    OPERATOR_NOT_FOUND(Kind.NOT_FOUND),
    KEY_NOT_FOUND(Kind.NOT_FOUND),
    OPERATOR_EXISTS(Kind.CONFLICT),
    AGENT_NOT_FOUND(Kind.NOT_FOUND),
    DECISION_NOT_FOUND(Kind.NOT_FOUND),
    APPROVAL_NOT_FOUND(Kind.NOT_FOUND),
    /** No grant (pre-approval) with that id. */
    GRANT_NOT_FOUND(Kind.NOT_FOUND),
    /** No rollback plan with that id. */
    PLAN_NOT_FOUND(Kind.NOT_FOUND),
    ALERT_NOT_FOUND(Kind.NOT_FOUND),
    /** No promotion evidence (attestation, business value, sign-off) with that id for the agent. */
    EVIDENCE_NOT_FOUND(Kind.NOT_FOUND),
    /** The audit entries a request needs were pruned from the hot store (they live in an export). */
    ENTRY_PRUNED(Kind.NOT_FOUND),
    BREAKER_NOT_FOUND(Kind.NOT_FOUND),
    INCIDENT_NOT_FOUND(Kind.NOT_FOUND),
    /** No response with that number in the incident. */
    RESPONSE_NOT_FOUND(Kind.NOT_FOUND),
    /** No demotion record with that id for the agent. */
    DEMOTION_NOT_FOUND(Kind.NOT_FOUND),
    AGENT_EXISTS(Kind.CONFLICT),
    /** A restore of an agent that is active: there is nothing to restore. */
    AGENT_ACTIVE(Kind.CONFLICT),
    OUTCOME_EXISTS(Kind.CONFLICT),
    /** A promotion request whose gates or required controls did not pass; the answer lists each failure. */
    GATES_NOT_PASSED(Kind.CONFLICT),
    /** A promotion whose agent changed level while its gates were computed. */
    LEVEL_CHANGED(Kind.CONFLICT),
    DECISION_NOT_ALLOWED(Kind.CONFLICT),
    APPROVAL_NOT_PENDING(Kind.CONFLICT),
    /** A revocation of a grant that was revoked before. */
    GRANT_REVOKED(Kind.CONFLICT),
    /** A withdrawal of promotion evidence that was withdrawn before. */
    EVIDENCE_WITHDRAWN(Kind.CONFLICT),
    /** A rollback plan runs once. */
    PLAN_ALREADY_RUN(Kind.CONFLICT),
    /** An acknowledgement of an alert that was acknowledged before. */
    ALERT_ACKED(Kind.CONFLICT),
    /** An operator action the incident's state does not allow (acknowledging a closed incident...). */
    INCIDENT_STATE(Kind.CONFLICT),
    /** An undo of a response that was undone before or cannot be undone (revoked tokens, a raised alert). */
    RESPONSE_NOT_UNDOABLE(Kind.CONFLICT),
    /** A reactivation of a demoted agent before the demotion's root cause was recorded. */
    ROOT_CAUSE_MISSING(Kind.CONFLICT),
    /** A step of a demotion record that was closed (reactivated) or undone before. */
    DEMOTION_CLOSED(Kind.CONFLICT),
    /** Arguments whose canonical form is larger than the body limit of the endpoint they came in. */
    ARGUMENTS_TOO_LARGE(Kind.TOO_LARGE),
    STORE_UNAVAILABLE(Kind.UNAVAILABLE),
    /**
     * The store's database is already open in another process, or in another store of this one:
     * two writers of one audit log would break its sequence, so the second open is refused.
     */
    STORE_IN_USE(Kind.UNAVAILABLE);

    /** Coarse classes of failure, mapped to transport status codes by the server. */
    public enum Kind { BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, TOO_MANY_REQUESTS, UNAVAILABLE }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    /** The class of failure. */
    public Kind kind() {
        return kind;
    }

    /** The snake_case wire form, e.g. {@code missing_field}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
