package dev.warden.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded alert: what a component raised, with its id, the people it was routed to and whether
 * an operator acknowledged it. Repeats of an open alert within the coalescing window are folded
 * into it ({@link #count} and {@link #lastAt} grow, their evidence is added) instead of becoming
 * new alerts.
 *
 * @param id       {@code alr_} and 32 hex digits, ordered by time
 * @param raisedAt when the event that raised it happened
 * @param severity how urgent
 * @param kind     what fired, e.g. {@code agent.killed}
 * @param agent    the agent concerned, if one is
 * @param project  the agent's project, if known
 * @param owner    the agent's owner (the address an owner notification goes to), if known
 * @param summary  one line for a human
 * @param numbers  the figures behind it
 * @param evidence the decision ids it rests on (at most {@link #MAX_EVIDENCE}, the first ones kept)
 * @param count    how many times it was raised (1 plus the repeats folded into it)
 * @param lastAt   when it was last raised
 * @param state    open or acked
 * @param ackedBy  the operator who acknowledged it
 * @param ackedAt  when it was acknowledged
 * @param routing  where it was sent: channel names, {@code channel:address} for an owner's
 */
public record Alert(String id, Instant raisedAt, AlertSeverity severity, String kind, Optional<String> agent,
                    Optional<String> project, Optional<String> owner, String summary, Map<String, Object> numbers,
                    List<String> evidence, int count, Instant lastAt, AlertState state, Optional<String> ackedBy,
                    Optional<Instant> ackedAt, List<String> routing) {
    /** Evidence ids kept per alert; a flood of repeats does not grow it without bound. */
    public static final int MAX_EVIDENCE = 50;

    /** Validates and copies. */
    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(lastAt, "lastAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(ackedBy, "ackedBy");
        Objects.requireNonNull(ackedAt, "ackedAt");
        numbers = Map.copyOf(numbers);
        evidence = List.copyOf(evidence);
        routing = List.copyOf(routing);
    }

    /** This alert with one more repeat at {@code at}, its evidence added (up to {@link #MAX_EVIDENCE}). */
    public Alert repeated(Instant at, List<String> moreEvidence) {
        List<String> merged = new java.util.ArrayList<>(evidence);
        for (String e : moreEvidence) {
            if (merged.size() >= MAX_EVIDENCE) {
                break;
            }
            if (!merged.contains(e)) {
                merged.add(e);
            }
        }
        return new Alert(id, raisedAt, severity, kind, agent, project, owner, summary, numbers, merged, count + 1,
                at.isAfter(lastAt) ? at : lastAt, state, ackedBy, ackedAt, routing);
    }

    /** This alert acknowledged by {@code by} at {@code at}. */
    public Alert acked(String by, Instant at) {
        return new Alert(id, raisedAt, severity, kind, agent, project, owner, summary, numbers, evidence, count, lastAt,
                AlertState.ACKED, Optional.of(by), Optional.of(at), routing);
    }
}
