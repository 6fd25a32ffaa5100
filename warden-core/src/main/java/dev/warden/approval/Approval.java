package dev.warden.approval;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request for a human decision on one exact call.
 *
 * @param id          approval id
 * @param agent       name of the agent that asked
 * @param sessionId   session of the call
 * @param decisionId  the decision that created this approval
 * @param action      tool name
 * @param resource    resource acted on
 * @param args        call arguments as given, with the values the data scanner masks in the audit record masked alike
 * @param fingerprint SHA-256 (hex) of the canonical call; the approval is bound to it
 * @param policyIds   the policies that required approval
 * @param rationale   the agent's stated intent, if any
 * @param state       stored state (see {@link #stateAt(Instant)} for the effective one)
 * @param createdAt   creation time
 * @param expiresAt   deadline for both the human decision and the single use
 * @param decidedBy   the operator who approved or denied
 * @param decidedAt   when
 * @param note        the operator's comment
 * @param groups      the approver groups the policies named ({@code @approvers}): when not empty,
 *                    only their members may approve (any admin may still deny)
 */
public record Approval(ApprovalId id, String agent, String sessionId, String decisionId, String action,
                       String resource, Map<String, Object> args, String fingerprint, List<String> policyIds,
                       String rationale, ApprovalState state, Instant createdAt, Instant expiresAt,
                       Optional<String> decidedBy, Optional<Instant> decidedAt, Optional<String> note,
                       List<String> groups) {

    /** Copies the collections. */
    public Approval {
        policyIds = List.copyOf(policyIds);
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        groups = List.copyOf(groups);
    }

    /** An approval no approver group is named for. */
    public Approval(ApprovalId id, String agent, String sessionId, String decisionId, String action,
                    String resource, Map<String, Object> args, String fingerprint, List<String> policyIds,
                    String rationale, ApprovalState state, Instant createdAt, Instant expiresAt,
                    Optional<String> decidedBy, Optional<Instant> decidedAt, Optional<String> note) {
        this(id, agent, sessionId, decisionId, action, resource, args, fingerprint, policyIds, rationale, state,
                createdAt, expiresAt, decidedBy, decidedAt, note, List.of());
    }

    /** This approval in another state, decided as given (the fields a transition changes). */
    public Approval with(ApprovalState newState, Optional<String> newDecidedBy, Optional<Instant> newDecidedAt,
                         Optional<String> newNote) {
        return new Approval(id, agent, sessionId, decisionId, action, resource, args, fingerprint, policyIds, rationale,
                newState, createdAt, expiresAt, newDecidedBy, newDecidedAt, newNote, groups);
    }

    /** The effective state at {@code now}: PENDING or APPROVED past the deadline is EXPIRED. */
    public ApprovalState stateAt(Instant now) {
        boolean open = state == ApprovalState.PENDING || state == ApprovalState.APPROVED;
        return open && !now.isBefore(expiresAt) ? ApprovalState.EXPIRED : state;
    }
}
