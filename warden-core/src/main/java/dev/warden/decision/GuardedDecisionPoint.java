package dev.warden.decision;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.id.IdGenerator;
import dev.warden.outcome.RecentDecisions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The stock {@link DecisionPoint}: runs its {@link Guard}s in order and records every decision in
 * the audit log before answering. See {@link DecisionPoint} for the contract. What every decision
 * shares lives here: its id and timing, the request bounds ({@link RequestBounds}), turning any
 * failure into a deny, combining what the guards said, and the one audit choke point. Each concern
 * is a guard of its own, wired by {@link dev.warden.Warden}.
 *
 * <p>A decision that opens an approval stores it, and one that redeems an approval uses it up,
 * only with the decision's record ({@link AuditLog#appendDurably(AuditEvent, AuditedChange)}), by
 * the change the approval guard gives ({@link DecisionContext#open}, {@link DecisionContext#redeem}):
 * when the record fails the caller is denied and no approval was opened or used. A redemption that
 * loses a race for the approval is denied ({@code approval_used}) and recorded as such. A decision
 * that uses a grant instead of an approval ({@link DecisionContext#useGrant}) counts the use with its
 * record; when the use cannot be counted any more it opens the approval instead.
 */
public final class GuardedDecisionPoint implements DecisionPoint {
    private static final System.Logger LOG = System.getLogger(GuardedDecisionPoint.class.getName());

    private final Supplier<DecisionRules> rules;
    private final Guard[] guards;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final RecentDecisions recent;
    /** What the audit record keeps of arguments no guard gave a recordable copy of. */
    private final java.util.function.UnaryOperator<Map<String, Object>> recordFilter;
    /** Who hears of recorded decisions, in the order they were added; empty when nobody listens. */
    private volatile DecisionListener[] listeners = new DecisionListener[0];

    /**
     * Wires the decision point.
     *
     * @param rules  the catalog and policies in force (read once per decision)
     * @param guards the guards, in the order they run
     */
    public GuardedDecisionPoint(Supplier<DecisionRules> rules, List<Guard> guards, AuditLog audit, IdGenerator ids,
                                Clock clock, RecentDecisions recent) {
        this(rules, guards, audit, ids, clock, recent, java.util.function.UnaryOperator.identity());
    }

    /**
     * Wires the decision point with a record filter.
     *
     * @param recordFilter the arguments as the audit record keeps them, for decisions where no guard
     *                     set them ({@link DecisionContext#recordArgs}), e.g. a deny before the data
     *                     guard ran: masks sensitive values; must not throw
     */
    public GuardedDecisionPoint(Supplier<DecisionRules> rules, List<Guard> guards, AuditLog audit, IdGenerator ids,
                                Clock clock, RecentDecisions recent,
                                java.util.function.UnaryOperator<Map<String, Object>> recordFilter) {
        this.recordFilter = recordFilter;
        this.rules = rules;
        this.guards = guards.toArray(Guard[]::new); // an array: iterating it allocates nothing per decision
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.recent = recent;
    }

    /**
     * The decision with what its audit record needs besides it.
     *
     * @param decision    the decision
     * @param level       the agent's level when known
     * @param redeemed    the approval an allow redeems, if any (for the record)
     * @param change      the change made with the record (an approval opened or used up), if any
     * @param whenRefused why the call is denied when {@code change} no longer applies
     * @param grant       the grant an allow uses instead of an approval, if any (for the record)
     * @param fallback    what the decision is when {@code change} (a grant's use) no longer applies
     */
    private record Evaluation(Decision decision, String level, String redeemed, AuditedChange change,
                              Supplier<Reason> whenRefused, String grant, Evaluation fallback) {
        Evaluation(Decision decision, String level) {
            this(decision, level, null, null, null, null, null);
        }

        Evaluation(Decision decision, String level, String redeemed, AuditedChange change, Supplier<Reason> whenRefused) {
            this(decision, level, redeemed, change, whenRefused, null, null);
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
        DecisionContext context = unfit.isPresent() ? null : new DecisionContext(id, request, now, rules);
        try {
            evaluation = unfit.isPresent() ? Evaluation.deny(id, null, unfit.get()) : evaluate(context);
        } catch (WardenException e) {
            String code = e.code() == ErrorCode.STORE_UNAVAILABLE ? "store_unavailable" : "evaluation_error";
            evaluation = Evaluation.deny(id, null, Reason.of("decision", code, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "decision " + id + " failed; denying", e);
            evaluation = Evaluation.deny(id, null, Reason.of("decision", "evaluation_error", "internal error: " + e));
        }
        long micros = (System.nanoTime() - started) / 1_000;
        try {
            AuditEvent event = auditEvent(request, evaluation, now, micros, context);
            if (evaluation.change() == null) {
                audit.appendDurably(event);
            } else if (audit.appendDurably(event, evaluation.change()).isEmpty()) {
                // used, revoked or expired since it was checked
                Evaluation fallback = evaluation.fallback();
                if (fallback != null && audit.appendDurably(auditEvent(request, fallback, now, micros, context),
                        fallback.change()).isPresent()) {
                    evaluation = fallback; // a grant that could not be counted: the approval opens as without it
                } else {
                    Supplier<Reason> why = fallback != null ? fallback.whenRefused() : evaluation.whenRefused();
                    evaluation = Evaluation.deny(id, evaluation.level(), why.get());
                    audit.appendDurably(auditEvent(request, evaluation, now, micros, context));
                }
            }
        } catch (WardenException e) {
            LOG.log(Level.ERROR, "decision " + id + " could not be audited; denying: " + e.getMessage());
            return settle(context, new Decision.Deny(id, List.of(Reason.of("audit", "store_unavailable",
                    "the decision could not be recorded durably: " + e.getMessage()))));
        }
        Decision decision = evaluation.decision();
        recent.remember(id.value(), request.caller().agent(), decision.wire(), request.action());
        for (DecisionListener heard : listeners) { // an array: iterating it allocates nothing per decision
            try {
                heard.recorded(request, decision, now, micros);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "a decision listener failed for " + id, e); // never changes the decision
            }
        }
        return settle(context, decision);
    }

    /**
     * Tells {@code listener} of every decision once its audit record is durable (decisions that
     * could not be recorded are not told). Runs on the deciding thread: it must be quick and must
     * not block (hand the decision to a queue). Listeners are told in the order they were added;
     * one that throws is logged and does not keep the others from hearing.
     */
    public synchronized void addListener(DecisionListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        DecisionListener[] more = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        more[listeners.length] = listener;
        this.listeners = more;
    }

    /** Hears of each recorded decision; see {@link GuardedDecisionPoint#addListener}. */
    @FunctionalInterface
    public interface DecisionListener {
        /**
         * One recorded decision.
         *
         * @param request  the request as recorded
         * @param decision the final decision
         * @param at       the decision's time
         * @param micros   how long deciding took, in microseconds
         */
        void recorded(DecisionRequest request, Decision decision, Instant at, long micros);
    }

    /** The arguments through the record filter; on its failure, none (a record never keeps what it could not check). */
    private Map<String, Object> filtered(Map<String, Object> args) {
        try {
            return recordFilter.apply(args);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the audit record filter failed; recording no arguments", e);
            return Map.of("warden_withheld", "the record filter failed");
        }
    }

    /**
     * Adds to {@code out} the dotted paths (list items by index) where {@code after} differs from
     * {@code before}; a map whose keys differ is changed as a whole.
     */
    private static void changedPaths(Object before, Object after, String path, List<String> out) {
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            if (!b.keySet().equals(a.keySet())) {
                out.add(path);
                return;
            }
            for (Map.Entry<?, ?> e : b.entrySet()) {
                changedPaths(e.getValue(), a.get(e.getKey()), path + "." + e.getKey(), out);
            }
        } else if (before instanceof List<?> b && after instanceof List<?> a && b.size() == a.size()) {
            for (int i = 0; i < b.size(); i++) {
                changedPaths(b.get(i), a.get(i), path + "." + i, out);
            }
        } else if (!java.util.Objects.equals(before, after)) {
            out.add(path);
        }
    }

    /** Tells the guards that asked ({@link DecisionContext#onSettled}) how the decision ended. */
    private static Decision settle(DecisionContext context, Decision decision) {
        if (context == null) {
            return decision;
        }
        for (Consumer<Decision> settled : context.settlements()) {
            try {
                settled.accept(decision);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "a settlement callback of decision " + decision.id() + " failed", e);
            }
        }
        return decision;
    }

    /** Runs the guards in order; the first deny ends the decision, else what they added decides it. */
    private Evaluation evaluate(DecisionContext context) {
        DecisionId id = context.id();
        for (Guard guard : guards) {
            switch (guard.check(context)) { // a null verdict throws here, and so denies
                case Guard.Pass pass -> { }
                case Guard.Deny deny -> {
                    return new Evaluation(new Decision.Deny(id, deny.reasons()), context.level());
                }
            }
        }
        String level = context.level();
        if (!context.approvalRequired()) {
            return new Evaluation(new Decision.Allow(id, context.reasons(null), context.obligations()), level);
        }
        DecisionContext.ApprovalStep step = context.approvalStep();
        if (step == null) {
            return Evaluation.deny(id, level, Reason.of("approval", "evaluation_error",
                    "the call needs a human approval, but no approval step is wired"));
        }
        if (step.grant() != null) {
            DecisionContext.ApprovalStep open = step.fallback();
            Evaluation fallback = new Evaluation(new Decision.ApprovalRequired(id, context.reasons(null), open.approval(),
                    open.expiresAt()), level, null, open.change(), open.whenRefused());
            return new Evaluation(new Decision.Allow(id, context.reasons(step.approvedBy()), context.obligations()), level,
                    null, step.change(), step.whenRefused(), step.grant(), fallback);
        }
        if (step.opens()) {
            return new Evaluation(new Decision.ApprovalRequired(id, context.reasons(null), step.approval(), step.expiresAt()),
                    level, null, step.change(), step.whenRefused());
        }
        return new Evaluation(new Decision.Allow(id, context.reasons(step.approvedBy()), context.obligations()), level,
                step.approval().value(), step.change(), step.whenRefused());
    }

    private AuditEvent auditEvent(DecisionRequest request, Evaluation evaluation, Instant now, long micros,
                                  DecisionContext context) {
        Decision decision = evaluation.decision();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", request.action());
        String resource = context == null ? null : context.recordedResource();
        fields.put("resource", resource != null ? resource : request.effectiveResource());
        Map<String, Object> args = context == null ? null : context.recordedArgs();
        Map<String, Object> recorded = args != null ? args : request.args().isEmpty() ? request.args() : filtered(request.args());
        fields.put("args", recorded);
        if (recorded != request.args() || resource != null) {
            List<String> masked = new ArrayList<>();
            if (resource != null) {
                masked.add("resource");
            }
            changedPaths(request.args(), recorded, "args", masked);
            if (!masked.isEmpty()) {
                fields.put("masked_fields", masked); // what a rollback must not take from the record as it stands
            }
        }
        String rationale = context == null ? null : context.recordedRationale();
        fields.put("rationale", rationale != null ? rationale : request.rationale().orElse(""));
        List<Reason> reasons = decision.reasons();
        List<Map<String, Object>> wired = new ArrayList<>(reasons.size());
        for (Reason r : reasons) {
            wired.add(r.wire());
        }
        fields.put("reasons", wired);
        if (context != null) {
            context.recorded().forEach(fields::putIfAbsent);
        }
        fields.put("duration_us", micros);
        if (evaluation.level() != null) {
            fields.put("level", evaluation.level());
        }
        if (context != null) {
            context.shadowOf(decision).ifPresent(s -> fields.put("shadow", s)); // what the next level would have decided
        }
        request.order().ifPresent(o -> {
            // a compensation names who ordered it and what it undoes
            fields.put("ordered_by", o.operator().toString());
            fields.put("plan_id", o.planId());
            fields.put("compensates", o.compensates());
        });
        switch (decision) {
            case Decision.ApprovalRequired a -> {
                fields.put("approval_id", a.approvalId().value());
                if (context != null && !context.approvalTerms().groups().isEmpty()) {
                    fields.put("approver_groups", context.approvalTerms().groups()); // who may approve it
                }
            }
            case Decision.Allow a -> {
                if (evaluation.redeemed() != null) {
                    fields.put("approval_id", evaluation.redeemed());
                }
                if (evaluation.grant() != null) {
                    fields.put("grant_id", evaluation.grant()); // this record is the use of the grant
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
}
