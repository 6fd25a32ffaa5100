package dev.warden.server.console;

import java.util.List;

/**
 * The agents page: the agents this operator may see.
 *
 * @param chrome the frame
 * @param agents one row each
 */
public record AgentsView(Chrome chrome, List<Row> agents) {
    /** One agent as the table shows it. */
    public record Row(String name, String level, String basis, String status, String owner, String project, String purpose) {
    }
}
