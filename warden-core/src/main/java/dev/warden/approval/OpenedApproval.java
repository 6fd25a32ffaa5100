package dev.warden.approval;

import dev.warden.decision.Reason;
import java.util.List;
import java.util.Objects;

/**
 * An approval just opened, as the decision that opened it recorded it.
 *
 * @param approval the approval (its arguments masked as in the audit record)
 * @param resource the resource as the audit record keeps it (masked when the data guard masked it)
 * @param reasons  the reasons of the decision that opened it (policies and guards that asked for a human)
 */
public record OpenedApproval(Approval approval, String resource, List<Reason> reasons) {
    /** Validates and copies. */
    public OpenedApproval {
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(resource, "resource");
        reasons = List.copyOf(reasons);
    }
}
