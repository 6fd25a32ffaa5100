package dev.warden.server.console;

import java.util.List;
import java.util.Optional;

/**
 * The alerts page: one page of alerts, newest first.
 *
 * @param chrome     the frame
 * @param filter     the state shown: {@code all}, {@code open} or {@code acked}
 * @param alerts     one row each
 * @param nextBefore the {@code before=} of the next (older) page, when this one is full
 * @param canAck     whether the operator may acknowledge alerts (admin)
 */
public record AlertsView(Chrome chrome, String filter, List<Row> alerts, Optional<String> nextBefore, boolean canAck) {
    /** Copies. */
    public AlertsView {
        alerts = List.copyOf(alerts);
    }

    /**
     * One alert as the table shows it.
     *
     * @param id       the alert's id
     * @param severity info, warning or critical
     * @param kind     what raised it ({@code incident.opened}...)
     * @param agent    the agent concerned, or empty text
     * @param raisedAt when it was first raised
     * @param count    how many times it was raised within its coalescing window
     * @param summary  one line (agent-influenced text: shown escaped)
     * @param acked    whether it was acknowledged
     * @param ackedBy  who acknowledged it and when, or empty text
     */
    public record Row(String id, String severity, String kind, String agent, Moment raisedAt, int count, String summary,
                      boolean acked, String ackedBy) {
    }
}
