package dev.warden.approval;

import java.util.Locale;

/**
 * State of an approval. PENDING goes to APPROVED or DENIED by a human; APPROVED goes to USED when
 * the agent re-submits the exact call. EXPIRED is derived from the deadline, never stored.
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
