package dev.warden.server.console;

import java.util.List;
import java.util.Optional;

/**
 * An incident's page: its state, its timeline (anomalies, automatic responses, operator actions,
 * oldest first), its responses and, for an operator who may act, the forms.
 *
 * @param chrome    the frame
 * @param id        the incident's id
 * @param agent     the agent
 * @param severity  its highest anomaly severity
 * @param status    its state (wire form, e.g. {@code false_positive})
 * @param openedAt  when it opened
 * @param closedAt  when it was resolved or marked a false positive
 * @param timeline  what happened, oldest first
 * @param responses the responses applied, numbered from 1
 * @param canAck    whether the operator may acknowledge it now (admin, and it is open)
 * @param canClose  whether the operator may resolve it or mark it a false positive now (admin, and it is active)
 * @param canUndo   whether the operator may undo responses (admin)
 */
public record IncidentView(Chrome chrome, String id, String agent, String severity, String status, Moment openedAt,
                           Optional<Moment> closedAt, List<Step> timeline, List<Response> responses, boolean canAck,
                           boolean canClose, boolean canUndo) {
    /** Copies. */
    public IncidentView {
        timeline = List.copyOf(timeline);
        responses = List.copyOf(responses);
    }

    /** The status as a reader says it ({@code false positive}). */
    public String statusText() {
        return status.replace('_', ' ');
    }

    /**
     * One timeline entry.
     *
     * @param kind    {@code anomaly}, {@code response}, {@code response_undone} or {@code operator}
     * @param title   what kind of entry, for a reader
     * @param at      when
     * @param actor   who: the detector, {@code system:incidents} or the operator
     * @param summary one line (agent-influenced text: shown escaped)
     * @param facts   the figures behind it
     */
    public record Step(String kind, String title, Moment at, String actor, String summary, List<Fact> facts) {
        /** Copies. */
        public Step {
            facts = List.copyOf(facts);
        }
    }

    /**
     * A labelled value of a timeline entry.
     *
     * @param label what it is ({@code observed}, {@code baseline}, {@code note}...)
     * @param value its value as text
     */
    public record Fact(String label, String value) {
    }

    /**
     * A response applied for the incident.
     *
     * @param n        its number (the {@code {n}} of the undo form)
     * @param action   what was done ({@code throttle}, {@code quarantine}...)
     * @param at       when
     * @param trigger  the detector and anomaly that triggered it
     * @param state    {@code in force}, {@code undone by ... at ...} or {@code permanent}
     * @param undoable whether it can be undone now (in force and of an undoable kind)
     */
    public record Response(int n, String action, Moment at, String trigger, String state, boolean undoable) {
    }
}
