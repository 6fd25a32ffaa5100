package dev.warden.grant;

import java.util.Locale;

/** Where a grant stands at a moment: only an {@link #ACTIVE} one can be used. */
public enum GrantState {
    /** Unexpired, unrevoked, with uses left. */
    ACTIVE,
    /** Past its deadline. */
    EXPIRED,
    /** Revoked by an operator (or by the kill switch). */
    REVOKED,
    /** Its maximum number of uses was reached. */
    USED_UP;

    /** Lower-case wire form ({@code active}, {@code expired}, {@code revoked}, {@code used_up}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
