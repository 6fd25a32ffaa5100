package dev.warden.rollback;

import java.util.Locale;

/** Where one item of a rollback plan stands. */
public enum ItemState {
    /** Has a compensation that was not run yet. */
    PENDING,
    /** Its compensation is being decided (or a run stopped while it was: it is never run again). */
    RUNNING,
    /** The compensation was allowed and Warden forwarded it to the tool's MCP upstream, which completed it. */
    FORWARDED,
    /** The compensation was allowed; the owner carries it out with the compensation's decision id. */
    HANDED_TO_OWNER,
    /** The compensation was denied (its reasons say why); a later plan may compensate the action. */
    DENIED,
    /** A policy asks a human to approve the compensation first; a later plan may compensate the action. */
    APPROVAL_REQUIRED,
    /** The compensation was allowed but forwarding it failed; it is not retried (it may have taken effect). */
    FAILED,
    /** Another plan has already compensated (or is compensating) the same action. */
    ALREADY_COMPENSATED,
    /** The item has no compensation to run (see the item's {@code none} reason). */
    NONE;

    /** The snake_case wire form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form. */
    public static ItemState parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /**
     * True when the state means the original action is (or may be) compensated: another plan must
     * not compensate it again.
     */
    public boolean holdsAction() {
        return this == RUNNING || this == FORWARDED || this == HANDED_TO_OWNER || this == FAILED;
    }
}
