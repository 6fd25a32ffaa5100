package dev.warden.scan;

import java.util.Locale;
import java.util.Optional;

/** What Warden does with content of a data class it finds. */
public enum DataAction {
    /** Record the finding and label the session; the content passes unchanged. */
    DETECT,
    /** Replace the span by a placeholder naming the class, e.g. {@code [email]}. */
    MASK,
    /**
     * Replace the span by a keyed hash, e.g. {@code [email:hmac:0123456789abcdef]}: equal values give
     * equal tags (so they still correlate), and without Warden's key a tag reveals nothing.
     */
    HASH,
    /** Refuse the content: a call whose arguments carry it is denied, an output carrying it is withheld. */
    BLOCK;

    /** The configuration name, e.g. {@code mask}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action with this configuration name, if any. */
    public static Optional<DataAction> byId(String id) {
        for (DataAction a : values()) {
            if (a.id().equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
