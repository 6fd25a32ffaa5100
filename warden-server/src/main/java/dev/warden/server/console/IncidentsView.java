package dev.warden.server.console;

import java.util.List;
import java.util.Optional;

/**
 * The incidents page: one page of incidents in the chosen status, newest first.
 *
 * @param chrome     the frame
 * @param filter     the status shown
 * @param filters    every status filter, for the links above the table
 * @param agent      only this agent's incidents ({@code ?agent=})
 * @param incidents  one row each
 * @param nextBefore the {@code before=} of the next (older) page, when this one is full
 */
public record IncidentsView(Chrome chrome, IncidentStatusFilter filter, List<IncidentStatusFilter> filters, Optional<String> agent,
                            List<Row> incidents,
                            Optional<String> nextBefore) {
    /** Copies. */
    public IncidentsView {
        filters = List.copyOf(filters);
        incidents = List.copyOf(incidents);
    }

    /** The query string of this list for another status (and the same agent), e.g. {@code status=all&agent=x}. */
    public String query(IncidentStatusFilter status) {
        return "status=" + status.wire() + agent.map(a -> "&agent=" + a).orElse("");
    }

    /**
     * One incident as the table shows it.
     *
     * @param id        the incident's id
     * @param severity  its highest anomaly severity
     * @param agent     the agent
     * @param openedAt  when it opened
     * @param status    open, acknowledged, resolved or false positive
     * @param summary   the summary of its first anomaly (agent-influenced text: shown escaped)
     * @param anomalies how many anomalies it groups
     */
    public record Row(String id, String severity, String agent, Moment openedAt, String status, String summary, long anomalies) {
    }
}
