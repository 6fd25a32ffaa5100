package dev.warden.catalog;

import java.util.Locale;

/** Risk tier of a tool, from {@link #LOW} to {@link #CRITICAL}; ordered. */
public enum RiskTier {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** Lower-case wire form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; an unknown value is an {@link IllegalArgumentException} listing the valid ones. */
    public static RiskTier parse(String text) {
        for (RiskTier r : values()) {
            if (r.wire().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown risk '" + text + "' (low, medium, high, critical)");
    }
}
