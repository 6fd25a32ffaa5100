package dev.warden.approval;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
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
 */
public final class ApprovalService {
    private final ApprovalStore store;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration ttl;
    private final java.util.concurrent.ConcurrentHashMap<ApprovalId, java.util.concurrent.CompletableFuture<ApprovalState>> waiters =
            new java.util.concurrent.ConcurrentHashMap<>();

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

    /** Opens a pending approval for one call. */
    public Approval open(String agent, String sessionId, String decisionId, String action, String resource,
                         Map<String, Object> args, List<String> policyIds, Optional<String> rationale) {
        Instant now = clock.instant();
        Approval approval = new Approval(new ApprovalId(ids.next("apr")), agent, sessionId, decisionId, action, resource,
                args, CallFingerprint.of(agent, action, resource, args), policyIds, rationale.orElse(""),
                ApprovalState.PENDING, now, now.plus(ttl), Optional.empty(), Optional.empty(), Optional.empty());
        store.insert(approval);
        return approval;
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

    /** Denies a pending approval; same errors as {@link #approve}. */
    public Approval deny(ApprovalId id, Actor operator, Optional<String> note) {
        return decide(id, ApprovalState.DENIED, operator, note);
    }

    private Approval decide(ApprovalId id, ApprovalState to, Actor operator, Optional<String> note) {
        Approval current = require(id);
        Instant now = clock.instant();
        ApprovalState effective = current.stateAt(now);
        if (effective != ApprovalState.PENDING
                || !store.transition(id, ApprovalState.PENDING, to, operator.toString(), now, note.orElse(null))) {
            throw new WardenException(ErrorCode.APPROVAL_NOT_PENDING,
                    "approval " + id + " is " + require(id).stateAt(now).wire() + ", not pending");
        }
        Map<String, Object> fields = auditFields(current, operator);
        fields.put("human_override", to.wire());
        fields.put("note", note.orElse(""));
        audit.appendDurably(new AuditEvent("approval." + to.wire(), now, current.agent(), current.sessionId(),
                current.decisionId(), null, fields));
        java.util.concurrent.CompletableFuture<ApprovalState> waiter = waiters.remove(id);
        if (waiter != null) {
            waiter.complete(to);
        }
        return require(id);
    }

    /**
     * Revokes every approval of an agent that is still pending or approved but unused: each becomes
     * DENIED, decided by {@code by}, and is audited as {@code approval.revoked}. The kill switch
     * calls this, so an operator cannot approve a killed agent's queued requests, and an approval
     * granted before the kill cannot be redeemed after a restore. A call still waiting for one of
     * them stops waiting with DENIED.
     *
     * @return the approvals revoked
     */
    public List<Approval> revokeAll(String agent, Actor by, String reason) {
        List<Approval> revoked = new java.util.ArrayList<>();
        for (ApprovalState from : List.of(ApprovalState.PENDING, ApprovalState.APPROVED)) {
            for (Approval a : store.listOfAgent(agent, from)) {
                Instant now = clock.instant();
                if (a.stateAt(now) != from || !store.transition(a.id(), from, ApprovalState.DENIED, by.toString(), now, reason)) {
                    continue; // expired, or decided or used meanwhile
                }
                Map<String, Object> fields = auditFields(a, by);
                fields.put("state_before", from.wire());
                fields.put("reason", reason);
                audit.appendDurably(new AuditEvent("approval.revoked", now, a.agent(), a.sessionId(), a.decisionId(), null, fields));
                java.util.concurrent.CompletableFuture<ApprovalState> waiter = waiters.remove(a.id());
                if (waiter != null) {
                    waiter.complete(ApprovalState.DENIED);
                }
                revoked.add(require(a.id()));
            }
        }
        return revoked;
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
     * Redeems an approval for a call: it must belong to the same agent, match the call's
     * fingerprint exactly, be approved, unexpired and unused. Success uses it up atomically.
     */
    public Redemption redeem(ApprovalId id, String agent, String fingerprint) {
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
        if (!store.transition(id, ApprovalState.APPROVED, ApprovalState.USED, null, clock.instant(), null)) {
            return new Redemption.Rejected("approval_used", "approval " + id + " has already been used");
        }
        return new Redemption.Redeemed(a);
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
     * @return the effective state then (PENDING when stopped or timed out while undecided)
     */
    public ApprovalState await(ApprovalId id, Duration max, java.util.concurrent.CompletionStage<?> stop) {
        java.util.concurrent.CompletableFuture<ApprovalState> waiter =
                waiters.computeIfAbsent(id, k -> new java.util.concurrent.CompletableFuture<>());
        ApprovalState now = require(id).stateAt(clock.instant());
        if (now != ApprovalState.PENDING) {
            return now;
        }
        boolean interrupted = false;
        try {
            java.util.concurrent.CompletableFuture.anyOf(waiter, stop.toCompletableFuture())
                    .get(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
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
