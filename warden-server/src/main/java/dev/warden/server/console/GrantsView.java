package dev.warden.server.console;

import java.util.List;

/**
 * The grants page: the pre-approvals in force that the operator may see.
 *
 * @param chrome    the frame
 * @param rows      one row each
 * @param mayRevoke whether this operator sees the revoke forms (the service decides each)
 */
public record GrantsView(Chrome chrome, List<Row> rows, boolean mayRevoke) {
    /** Copies. */
    public GrantsView {
        rows = List.copyOf(rows);
    }

    /**
     * One grant.
     *
     * @param id        {@code grt_...}
     * @param agent     the agent it is for
     * @param tool      the tool or tool prefix it covers
     * @param resource  the one resource it covers ({@code any} otherwise)
     * @param uses      uses so far, and the maximum when set ({@code 2 of 5})
     * @param expiresAt when it stops applying
     * @param createdBy who granted it
     * @param reason    why
     */
    public record Row(String id, String agent, String tool, String resource, String uses, String expiresAt,
                      String createdBy, String reason) {
    }
}
