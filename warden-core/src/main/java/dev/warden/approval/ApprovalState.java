package dev.warden.approval;

import java.util.Locale;

/**
 * State of an approval. PENDING goes to APPROVED or DENIED by a human; APPROVED goes to USED when
 * the agent re-submits the exact call. PENDING or APPROVED past the deadline is EXPIRED: derived from
 * the deadline ({@link Approval#stateAt}) until the sweeper ({@link ApprovalService#expireDue})
 * stores it with its {@code approval.expired} record. An expired approval is a deny.
 */
public enum ApprovalState {
    PENDING, APPROVED, DENIED, USED, EXPIRED;

    /** Lower-case wire form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; unknown values are an {@link IllegalArgumentException}. */
    public static ApprovalState parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
