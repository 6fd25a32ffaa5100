package dev.warden.approval;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.id.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, decides and redeems approvals. An approval is bound to the fingerprint of one exact
 * call, decided once by an operator, and redeemable once by the agent that asked, before its
 * deadline. Human decisions are audited with the operator's name.
 *
 * <p>Every change of an approval is made with its audit record ({@link AuditLog#appendDurably(AuditEvent,
 * AuditedChange)}): an approval is stored (opened) and used up (redeemed) with the decision's record,
 * which the decision point writes with {@link #opening} and {@link #redeeming}; approve, deny and the
 * kill switch's revocations write their own. A change whose record fails is not in force.
 */
public final class ApprovalService {
    private static final System.Logger LOG = System.getLogger(ApprovalService.class.getName());
    private final ApprovalStore store;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration ttl;
    private final java.util.concurrent.ConcurrentHashMap<ApprovalId, java.util.concurrent.CompletableFuture<ApprovalState>> waiters =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Serializes sign-offs of approvals that need more than one approver (rare, human-paced). */
    private final Object signOffLock = new Object();
    private final List<ApprovalListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Creates the service.
     *
     * @param ttl how long an approval stays open, for both the human decision and the single use
     */
    public ApprovalService(ApprovalStore store, AuditLog audit, IdGenerator ids, Clock clock, Duration ttl) {
        this.store = store;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * A pending approval for one call, not stored yet: {@link #opening} stores it with the record of
     * the decision that asks for it.
     */
    public Approval prepare(String agent, String sessionId, String decisionId, String action, String resource,
                            Map<String, Object> args, List<String> policyIds, Optional<String> rationale) {
        return prepare(agent, sessionId, decisionId, action, resource, args, args, policyIds, rationale);
    }

    /**
     * Prepares an approval bound to the exact call ({@code args}) that keeps and shows {@code shown}:
     * the arguments as the decision's audit record keeps them, sensitive values masked, so the
     * approval store holds no more than the audit log.
     */
    public Approval prepare(String agent, String sessionId, String decisionId, String action, String resource,
                            Map<String, Object> args, Map<String, Object> shown, List<String> policyIds,
                            Optional<String> rationale) {
        return prepare(agent, sessionId, decisionId, action, resource, args, shown, policyIds, rationale, ApprovalTerms.NONE);
    }

    /**
     * Prepares an approval as {@link #prepare(String, String, String, String, String, Map, Map, List, Optional)}
     * does, on the policies' terms: their deadline (else the configured one) and approver groups.
     * The fingerprint binds the call only, never the terms.
     */
    public Approval prepare(String agent, String sessionId, String decisionId, String action, String resource,
                            Map<String, Object> args, Map<String, Object> shown, List<String> policyIds,
                            Optional<String> rationale, ApprovalTerms terms) {
        Instant now = clock.instant();
        return new Approval(new ApprovalId(ids.next("apr")), agent, sessionId, decisionId, action, resource,
                shown, CallFingerprint.of(agent, action, resource, args), policyIds, rationale.orElse(""),
                ApprovalState.PENDING, now, now.plus(terms.ttl().orElse(ttl)), Optional.empty(), Optional.empty(),
                Optional.empty(), terms.groups());
    }

    /** Approvals expired per call of {@link #expireDue()} at most (it goes on until none is left). */
    private static final int EXPIRY_BATCH = 200;
    /** The actor of expiries in the audit trail. */
    public static final Actor EXPIRY = Actor.system("approval_deadline");

    /**
     * Expires every approval past its deadline that is still PENDING, or APPROVED and unused: each
     * moves to the stored EXPIRED state with a durable {@code approval.expired} record (approval_id,
     * action, resource, agent, deadline, state_before), by compare-and-set on its state, so a human
     * decision or a redemption racing with it either wins (and the expiry is skipped, unrecorded) or
     * loses (and is refused as not pending, unrecorded). Whoever waits for it stops waiting with
     * EXPIRED. An expired approval is a deny: it can no longer be approved, denied or redeemed.
     *
     * <p>The server's sweeper calls this periodically; tests call it after moving the clock.
     *
     * @return the approvals expired by this call
     * @throws WardenException {@code store_unavailable} when the store or the audit log fails (what
     *                         was expired before stays expired; the rest is left for the next sweep)
     */
    public List<Approval> expireDue() {
        List<Approval> expired = new java.util.ArrayList<>();
        while (true) {
            Instant now = clock.instant();
            List<Approval> due = store.listDue(now, EXPIRY_BATCH);
            int before = expired.size();
            for (Approval a : due) {
                expire(a, now).ifPresent(expired::add);
            }
            if (due.size() < EXPIRY_BATCH || expired.size() == before) {
                return expired;
            }
        }
    }

    private Optional<Approval> expire(Approval a, Instant now) {
        if (a.state() != ApprovalState.PENDING && a.state() != ApprovalState.APPROVED || now.isBefore(a.expiresAt())) {
            return Optional.empty();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("approval_id", a.id().value());
        fields.put("action", a.action());
        fields.put("resource", a.resource());
        fields.put("agent", a.agent());
        fields.put("deadline", a.expiresAt().toString());
        fields.put("state_before", a.state().wire());
        fields.put("actor", EXPIRY.toString());
        AuditEvent event = new AuditEvent("approval.expired", now, a.agent(), a.sessionId(), a.decisionId(), null, fields);
        if (audit.appendDurably(event, transition(a, ApprovalState.EXPIRED, null, now, null)).isEmpty()) {
            return Optional.empty(); // decided, used or revoked meanwhile
        }
        wake(a.id(), ApprovalState.EXPIRED);
        return Optional.of(require(a.id()));
    }

    /** Ends the wait of whoever waits for this approval with its new state. */
    private void wake(ApprovalId id, ApprovalState state) {
        java.util.concurrent.CompletableFuture<ApprovalState> waiter = waiters.remove(id);
        if (waiter != null) {
            waiter.complete(state);
        }
    }

    /** The change that stores a {@linkplain #prepare prepared} approval, to be made with its decision's record. */
    public AuditedChange opening(Approval approval) {
        return AuditedChange.of(store, () -> {
            store.insert(approval);
            return true;
        }, () -> store.remove(approval.id()));
    }

    /**
     * Approves a pending approval.
     *
     * @throws WardenException {@code approval_not_found}, or {@code approval_not_pending} if it was
     *                         already decided or has expired
     */
    public Approval approve(ApprovalId id, Actor operator, Optional<String> note) {
        return decide(id, ApprovalState.APPROVED, operator, note);
    }

    /**
     * Approves a pending approval that needs {@code needed} different approvers (the two-person
     * rule needs 2). Each approver but the last signs it off ({@code approval.signed_off}, the
     * approval stays pending); the last one's approval makes it APPROVED, and its
     * {@code approval.approved} record names every approver. With {@code needed} of 1 this is
     * {@link #approve(ApprovalId, Actor, Optional)}.
     *
     * @throws WardenException {@code sod_same_approver} when this operator signed it off already,
     *                         and the errors of {@link #approve(ApprovalId, Actor, Optional)}
     */
    public Approval approve(ApprovalId id, Actor operator, Optional<String> note, int needed) {
        if (needed <= 1) {
            return approve(id, operator, note);
        }
        synchronized (signOffLock) {
            Approval current = require(id);
            Instant now = clock.instant();
            if (current.stateAt(now) != ApprovalState.PENDING) {
                throw new WardenException(ErrorCode.APPROVAL_NOT_PENDING, "approval " + id + " is " + current.stateAt(now).wire() + ", not pending");
            }
            String who = operator.toString();
            List<String> signed = new java.util.ArrayList<>(store.signOffs(id));
            if (signed.contains(who)) {
                throw new WardenException(ErrorCode.SOD_SAME_APPROVER, "approval " + id + " needs " + needed
                        + " different approvers; " + who + " approved it already");
            }
            signed.add(who);
            Map<String, Object> fields = auditFields(current, operator);
            fields.put("approvers_needed", needed);
            fields.put("approvers", List.copyOf(signed));
            fields.put("note", note.orElse(""));
            if (signed.size() < needed) {
                AuditEvent event = new AuditEvent("approval.signed_off", now, current.agent(), current.sessionId(),
                        current.decisionId(), null, fields);
                if (audit.appendDurably(event, AuditedChange.of(store, () -> store.signOff(id, who, now),
                        () -> store.removeSignOff(id, who))).isEmpty()) {
                    throw new WardenException(ErrorCode.SOD_SAME_APPROVER, who + " approved " + id + " already");
                }
                return require(id);
            }
            fields.put("human_override", ApprovalState.APPROVED.wire());
            AuditEvent event = new AuditEvent("approval.approved", now, current.agent(), current.sessionId(),
                    current.decisionId(), null, fields);
            AuditedChange last = AuditedChange.of(store, () -> {
                if (!store.signOff(id, who, now)) {
                    return false;
                }
                if (!store.transition(id, current.state(), ApprovalState.APPROVED, who, now, note.orElse(null))) {
                    store.removeSignOff(id, who);
                    return false;
                }
                return true;
            }, () -> {
                store.restore(current, ApprovalState.APPROVED);
                store.removeSignOff(id, who);
            });
            if (audit.appendDurably(event, last).isEmpty()) {
                throw new WardenException(ErrorCode.APPROVAL_NOT_PENDING,
                        "approval " + id + " is " + require(id).stateAt(now).wire() + ", not pending");
            }
        }
        wake(id, ApprovalState.APPROVED);
        return decided(require(id));
    }

    /** The approvers who signed an approval off so far ({@code operator:<name>}), first first. */
    public List<String> signOffs(ApprovalId id) {
        return store.signOffs(id);
    }

    /** Denies a pending approval; same errors as {@link #approve}. */
    public Approval deny(ApprovalId id, Actor operator, Optional<String> note) {
        return decide(id, ApprovalState.DENIED, operator, note);
    }

    private Approval decide(ApprovalId id, ApprovalState to, Actor operator, Optional<String> note) {
        Approval current = require(id);
        Instant now = clock.instant();
        Map<String, Object> fields = auditFields(current, operator);
        fields.put("human_override", to.wire());
        fields.put("note", note.orElse(""));
        AuditEvent event = new AuditEvent("approval." + to.wire(), now, current.agent(), current.sessionId(),
                current.decisionId(), null, fields);
        if (current.stateAt(now) != ApprovalState.PENDING
                || audit.appendDurably(event, transition(current, to, operator.toString(), now, note.orElse(null))).isEmpty()) {
            throw new WardenException(ErrorCode.APPROVAL_NOT_PENDING,
                    "approval " + id + " is " + require(id).stateAt(now).wire() + ", not pending");
        }
        wake(id, to);
        return decided(require(id));
    }

    /**
     * Adds a listener told of approvals opened ({@link #announceOpened}) and decided by an operator
     * (after the decision's record is durable).
     */
    public void listen(ApprovalListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Tells the listeners that a decision opened an approval; the approval guard calls it once the
     * decision's record (and with it the approval) is durable. Never throws.
     */
    public void announceOpened(OpenedApproval opened) {
        for (ApprovalListener l : listeners) {
            try {
                l.opened(opened);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "an approval listener failed on " + opened.approval().id(), e);
            }
        }
    }

    private Approval decided(Approval a) {
        for (ApprovalListener l : listeners) {
            try {
                l.decided(a);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "an approval listener failed on " + a.id(), e);
            }
        }
        return a;
    }

    /**
     * The change that moves an approval from its state to {@code to} (compare-and-set), recording
     * who decided when {@code decidedBy} is given; reverted by putting the approval back as it was.
     */
    private AuditedChange transition(Approval current, ApprovalState to, String decidedBy, Instant at, String note) {
        return AuditedChange.of(store,
                () -> store.transition(current.id(), current.state(), to, decidedBy, at, note),
                () -> store.restore(current, to));
    }

    /**
     * Revokes every approval of an agent that is still pending or approved but unused: each becomes
     * DENIED, decided by {@code by}, and is audited as {@code approval.revoked}. The kill switch
     * calls this, so an operator cannot approve a killed agent's queued requests, and an approval
     * granted before the kill cannot be redeemed after a restore. A call still waiting for one of
     * them stops waiting with DENIED.
     *
     * <p>Like the kill itself, a revocation fails closed: one whose record cannot be stored is made
     * all the same, the others are still revoked, and the first failure is thrown at the end.
     *
     * @return the approvals revoked
     * @throws WardenException {@code store_unavailable} when a revocation could not be recorded
     */
    public List<Approval> revokeAll(String agent, Actor by, String reason) {
        List<Approval> revoked = new java.util.ArrayList<>();
        WardenException unrecorded = null;
        for (ApprovalState from : List.of(ApprovalState.PENDING, ApprovalState.APPROVED)) {
            for (Approval a : store.listOfAgent(agent, from)) {
                Instant now = clock.instant();
                if (a.stateAt(now) != from) {
                    continue; // expired
                }
                Map<String, Object> fields = auditFields(a, by);
                fields.put("state_before", from.wire());
                fields.put("reason", reason);
                AuditEvent event = new AuditEvent("approval.revoked", now, a.agent(), a.sessionId(), a.decisionId(), null, fields);
                try {
                    if (audit.appendDurably(event, transition(a, ApprovalState.DENIED, by.toString(), now, reason)).isEmpty()) {
                        continue; // decided or used meanwhile
                    }
                } catch (WardenException e) {
                    unrecorded = unrecorded == null ? e : unrecorded;
                    if (!revokeUnrecorded(a, by, now, reason)) {
                        continue;
                    }
                }
                wake(a.id(), ApprovalState.DENIED);
                revoked.add(require(a.id()));
            }
        }
        if (unrecorded != null) {
            throw unrecorded;
        }
        return revoked;
    }

    /** Revokes without a record (fail closed, see {@link #revokeAll}); false if it could not be done either. */
    private boolean revokeUnrecorded(Approval a, Actor by, Instant now, String reason) {
        try {
            return store.transition(a.id(), a.state(), ApprovalState.DENIED, by.toString(), now, reason);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The fields every audit record of an approval's decision carries. */
    private static Map<String, Object> auditFields(Approval a, Actor by) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("approval_id", a.id().value());
        fields.put("action", a.action());
        fields.put("resource", a.resource());
        fields.put("fingerprint", a.fingerprint());
        fields.put("actor", by.toString());
        return fields;
    }

    /**
     * Checks whether an approval may be redeemed for a call: it must belong to the same agent,
     * match the call's fingerprint exactly, be approved, unexpired and unused. Nothing changes here:
     * the decision uses the approval up with its record ({@link #redeeming}).
     */
    public Redemption redeemable(ApprovalId id, String agent, String fingerprint) {
        Optional<Approval> found = store.find(id);
        if (found.isEmpty()) {
            return new Redemption.Rejected("approval_not_found", "no approval " + id);
        }
        Approval a = found.get();
        if (!a.agent().equals(agent)) {
            return new Redemption.Rejected("approval_foreign", "approval " + id + " belongs to another agent");
        }
        if (!java.security.MessageDigest.isEqual(a.fingerprint().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                fingerprint.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return new Redemption.Rejected("approval_mismatch",
                    "approval " + id + " was granted for a different call (action, resource or arguments changed)");
        }
        ApprovalState state = a.stateAt(clock.instant());
        if (state != ApprovalState.APPROVED) {
            return new Redemption.Rejected("approval_" + state.wire(), "approval " + id + " is " + state.wire());
        }
        return new Redemption.Redeemed(a);
    }

    /**
     * The change that uses up an approval {@link #redeemable} found redeemable, to be made with the
     * record of the decision that redeems it: a compare-and-set from APPROVED to USED, so of any
     * number of concurrent redemptions at most one is made; it is refused once the approval was
     * used, revoked or has expired. Reverted (to APPROVED) when the record fails.
     */
    public AuditedChange redeeming(Approval approval) {
        return AuditedChange.of(store, () -> {
            Instant now = clock.instant();
            return now.isBefore(approval.expiresAt())
                    && store.transition(approval.id(), ApprovalState.APPROVED, ApprovalState.USED, null, now, null);
        }, () -> store.restore(approval, ApprovalState.USED));
    }

    /**
     * Waits until an operator decides the approval or {@code max} passes.
     *
     * @return the effective state then: APPROVED or DENIED once decided, PENDING on timeout,
     *         EXPIRED past the deadline (and any other state the approval is already in)
     */
    public ApprovalState await(ApprovalId id, Duration max) {
        return await(id, max, new java.util.concurrent.CompletableFuture<>());
    }

    /**
     * Waits until an operator decides the approval, {@code max} passes, or {@code stop} completes
     * (the waiter's session ended): a way to end the wait early without interrupting the thread,
     * which may be a pooled one that goes on to serve other requests.
     *
     * @return the effective state then (PENDING when stopped or timed out while undecided, EXPIRED
     *         once the deadline passed, however long {@code max} is)
     */
    public ApprovalState await(ApprovalId id, Duration max, java.util.concurrent.CompletionStage<?> stop) {
        java.util.concurrent.CompletableFuture<ApprovalState> waiter =
                waiters.computeIfAbsent(id, k -> new java.util.concurrent.CompletableFuture<>());
        Approval current = require(id);
        Instant at = clock.instant();
        ApprovalState now = current.stateAt(at);
        if (now != ApprovalState.PENDING) {
            return now;
        }
        // never past the deadline: the wait ends then with EXPIRED even before the sweeper stores it
        Duration untilDeadline = Duration.between(at, current.expiresAt());
        Duration wait = untilDeadline.compareTo(max) < 0 ? untilDeadline : max;
        boolean interrupted = false;
        try {
            java.util.concurrent.CompletableFuture.anyOf(waiter, stop.toCompletableFuture())
                    .get(Math.max(0, wait.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // fall through to the stored state
        } catch (InterruptedException e) {
            interrupted = true; // read the state with the flag clear (a store call would fail on it), then restore it
        }
        try {
            return require(id).stateAt(clock.instant());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The approval with this id.
     *
     * @throws WardenException {@code approval_not_found}
     */
    public Approval require(ApprovalId id) {
        return store.find(id).orElseThrow(() -> new WardenException(ErrorCode.APPROVAL_NOT_FOUND, "no approval " + id));
    }

    /**
     * Approvals in an effective state (pending ones past their deadline count as expired), newest
     * first.
     */
    public List<Approval> list(Optional<ApprovalState> state, int limit) {
        Instant now = clock.instant();
        Optional<ApprovalState> stored = state.filter(s -> s != ApprovalState.EXPIRED);
        return store.list(state.isPresent() && stored.isEmpty() ? Optional.empty() : stored, Math.max(limit, 1) * 2)
                .stream()
                .filter(a -> state.isEmpty() || a.stateAt(now) == state.get())
                .limit(limit)
                .toList();
    }
}
