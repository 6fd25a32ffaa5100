package dev.warden.server.console;

import java.util.List;

/**
 * The approvals queue: the pending approval requests the operator may see.
 *
 * @param chrome the frame
 * @param rows   one row each, oldest deadline first
 */
public record ApprovalsView(Chrome chrome, List<Row> rows) {
    /** Copies. */
    public ApprovalsView {
        rows = List.copyOf(rows);
    }

    /**
     * One pending request as the queue shows it.
     *
     * @param id       the approval id
     * @param agent    the agent that asked
     * @param tool     the tool it wants to call
     * @param resource what the call acts on
     * @param risk     the tool's risk tier ({@code unknown} when the catalog does not list it)
     * @param deadline when the request expires (ISO-8601, UTC)
     */
    public record Row(String id, String agent, String tool, String resource, String risk, String deadline) {
    }
}
