package dev.warden.mcp;

import java.util.Locale;

/** What the gateway does the first time it sees an upstream tool definition. */
public enum PinningMode {
    /** Pin the first definition seen as approved (audited as {@code mcp.tool_pinned}). */
    TRUST_ON_FIRST_USE,
    /** Withhold every new tool until an operator approves its definition. */
    REQUIRE_APPROVAL;

    /** Lower-case wire form, e.g. {@code trust_on_first_use}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static PinningMode parse(String text) {
        for (PinningMode m : values()) {
            if (m.wire().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("pinning must be trust_on_first_use or require_approval; got: " + text);
    }
}
