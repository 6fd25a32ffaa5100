package dev.warden.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence SPI for approvals. Implementations MUST be thread-safe; {@link #transition} MUST be
 * atomic (compare-and-set on the state) so an approval can be decided once and used once. Store
 * failures MUST surface as {@link dev.warden.WardenException} with
 * {@link dev.warden.ErrorCode#STORE_UNAVAILABLE}.
 */
public interface ApprovalStore {

    /** Stores a new approval. */
    void insert(Approval approval);

    /** The approval with this id. */
    Optional<Approval> find(ApprovalId id);

    /** Approvals in a stored state (or all when empty), newest first, at most {@code limit}. */
    List<Approval> list(Optional<ApprovalState> state, int limit);

    /** Every approval of one agent in a stored state, oldest first (no limit: a kill revokes them all). */
    List<Approval> listOfAgent(String agent, ApprovalState state);

    /**
     * Approvals still PENDING or APPROVED (unused) whose deadline is at or before {@code now},
     * earliest deadline first, at most {@code limit}: the ones the sweeper expires. The default
     * reads the two states in full; stores SHOULD answer it from an index on the deadline.
     */
    default List<Approval> listDue(Instant now, int limit) {
        List<Approval> due = new java.util.ArrayList<>();
        for (ApprovalState s : List.of(ApprovalState.PENDING, ApprovalState.APPROVED)) {
            list(Optional.of(s), Integer.MAX_VALUE).stream().filter(a -> !now.isBefore(a.expiresAt())).forEach(due::add);
        }
        due.sort(java.util.Comparator.comparing(Approval::expiresAt));
        return due.size() <= limit ? due : List.copyOf(due.subList(0, limit));
    }

    /**
     * Moves an approval from one state to another if, and only if, it is currently in {@code from}.
     *
     * @param decidedBy recorded when non-null (human decisions); left unchanged when null
     * @return true if this call made the transition
     */
    boolean transition(ApprovalId id, ApprovalState from, ApprovalState to, String decidedBy, Instant at, String note);

    /**
     * Puts an approval back as it was before a change whose audit record could not be stored
     * (state, decided by, decided at and note), if, and only if, it is currently in {@code from}.
     *
     * @return true if this call put it back
     */
    boolean restore(Approval earlier, ApprovalState from);

    /**
     * Removes an approval whose opening could not be recorded (the undo of {@link #insert};
     * approvals are never removed otherwise).
     *
     * @return true if there was one
     */
    boolean remove(ApprovalId id);

    /**
     * Records one approver's sign-off of an approval that needs more than one approver
     * (two-person rule), atomically: an approver signs an approval off at most once.
     *
     * @param operator the approver, {@code operator:<name>}
     * @return false when this approver had signed it off already (nothing changed)
     */
    boolean signOff(ApprovalId id, String operator, Instant at);

    /** Takes back a sign-off whose audit record could not be stored. */
    void removeSignOff(ApprovalId id, String operator);

    /** The approvers who signed an approval off, first first. */
    List<String> signOffs(ApprovalId id);

    /**
     * Approvals created at or after {@code since} (of one agent, when given), oldest first, at most
     * {@code limit}: what approval statistics are computed from.
     */
    List<Approval> createdSince(Instant since, Optional<String> agent, int limit);

    /** Approvals bound to this call fingerprint, newest first, at most {@code limit}. */
    List<Approval> withFingerprint(String fingerprint, int limit);
}
