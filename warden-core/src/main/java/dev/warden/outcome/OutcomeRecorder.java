package dev.warden.outcome;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditReceipt;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.decision.Caller;
import dev.warden.decision.DecisionId;
import dev.warden.json.JsonReader;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Records the outcome of an allowed action, once, by the agent that was allowed.
 */
public final class OutcomeRecorder {
    private static final System.Logger LOG = System.getLogger(OutcomeRecorder.class.getName());
    private final AuditStore records;
    private final AuditLog audit;
    private final Clock clock;
    private final RecentDecisions recent;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final List<Consumer<RecordedOutcome>> listeners = new CopyOnWriteArrayList<>();

    /** Wires the recorder. */
    public OutcomeRecorder(AuditStore records, AuditLog audit, Clock clock, RecentDecisions recent) {
        this.records = records;
        this.audit = audit;
        this.clock = clock;
        this.recent = recent;
    }

    /**
     * Tells {@code listener} of every outcome once its record is durable (limits free the call's
     * slot, breakers count failures). Runs on the recording thread; it must be quick, and what it
     * throws is logged and ignored.
     */
    public void addListener(Consumer<RecordedOutcome> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void recorded(Admitted admitted) {
        if (listeners.isEmpty()) {
            return;
        }
        AuditEvent event = admitted.event();
        RecordedOutcome outcome = new RecordedOutcome(event.agent(), new DecisionId(event.decisionId()),
                String.valueOf(event.fields().get("outcome")), event.time(), admitted.action());
        for (Consumer<RecordedOutcome> listener : listeners) {
            try {
                listener.accept(outcome);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "an outcome listener failed for " + outcome.decision(), e);
            }
        }
    }

    /** What the audit store knows about a decision this process no longer remembers. */
    private RecentDecisions.Known stored(DecisionId id) {
        AuditRecord decision = records.findDecision(id.value())
                .orElseThrow(() -> new WardenException(ErrorCode.DECISION_NOT_FOUND, "no decision " + id));
        Object action = JsonReader.parseObject(decision.entry()).get("action");
        return new RecentDecisions.Known(decision.agent(), decision.decision(), records.hasOutcome(id.value()),
                action instanceof String a ? a : null);
    }

    /** The tool a decision was about, when this process or the audit store knows it. */
    public Optional<String> actionOf(DecisionId id) {
        try {
            return Optional.ofNullable(recent.find(id.value()).orElseGet(() -> stored(id)).action());
        } catch (WardenException e) {
            return Optional.empty();
        }
    }

    /** An outcome that passed the checks: its audit event, and the tool of its decision (null when not known). */
    private record Admitted(AuditEvent event, String action) {
    }

    /**
     * Records an outcome durably.
     *
     * @throws WardenException {@code decision_not_found} (unknown id), {@code foreign_decision}
     *                         (another agent's decision), {@code decision_not_allowed} (the decision
     *                         was not an allow), {@code outcome_exists} (already reported)
     */
    public AuditReceipt record(Caller caller, DecisionId id, OutcomeReport report) {
        Admitted admitted = admit(caller, id, report);
        try {
            AuditReceipt receipt = audit.appendDurably(admitted.event());
            recent.outcomeRecorded(id.value());
            recorded(admitted);
            return receipt;
        } finally {
            inFlight.remove(id.value());
        }
    }

    /**
     * Checks an outcome like {@link #record} and queues its record with
     * {@link AuditLog#appendDeferred}: for callers that have already answered and only need the
     * outcome written soon, not before they go on (the MCP gateway).
     *
     * @return completes when the record is durable, or exceptionally if it could not be stored
     * @throws WardenException as {@link #record}, before anything is queued
     */
    public CompletableFuture<AuditReceipt> recordDeferred(Caller caller, DecisionId id, OutcomeReport report) {
        Admitted admitted = admit(caller, id, report);
        CompletableFuture<AuditReceipt> written;
        try {
            written = audit.appendDeferred(admitted.event());
        } catch (RuntimeException e) {
            inFlight.remove(id.value());
            throw e;
        }
        return written.whenComplete((receipt, failure) -> {
            inFlight.remove(id.value());
            if (failure == null) {
                recent.outcomeRecorded(id.value());
                recorded(admitted);
            }
        });
    }

    /** Validates an outcome and marks it in flight; the caller must clear the mark. */
    private Admitted admit(Caller caller, DecisionId id, OutcomeReport report) {
        if (!inFlight.add(id.value())) {
            throw new WardenException(ErrorCode.OUTCOME_EXISTS, "an outcome for " + id + " is being recorded");
        }
        try {
            RecentDecisions.Known known = recent.find(id.value()).orElseGet(() -> stored(id));
            if (!caller.agent().equals(known.agent())) {
                throw new WardenException(ErrorCode.FOREIGN_DECISION, "decision " + id + " belongs to another agent");
            }
            if (!"allow".equals(known.decision())) {
                throw new WardenException(ErrorCode.DECISION_NOT_ALLOWED,
                        "decision " + id + " was '" + known.decision() + "'; outcomes are recorded for allowed actions only");
            }
            if (known.hasOutcome()) {
                throw new WardenException(ErrorCode.OUTCOME_EXISTS, "an outcome for " + id + " was already recorded");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("outcome", report.status());
            report.resultDigest().ifPresent(d -> fields.put("result_digest", d));
            report.detail().ifPresent(d -> fields.put("detail", d));
            return new Admitted(new AuditEvent("outcome", clock.instant(), caller.agent(), caller.sessionId(), id.value(),
                    null, fields), known.action());
        } catch (RuntimeException e) {
            inFlight.remove(id.value());
            throw e;
        }
    }
}
