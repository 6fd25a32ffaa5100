package dev.warden.catalog;

import java.util.Locale;

/** What a tool does to the world. A tool is read-only only if its sole effect is {@link #READ}. */
public enum EffectClass {
    READ, WRITE, DESTRUCTIVE, FINANCIAL, EXTERNAL;

    /** Lower-case wire form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; an unknown value is an {@link IllegalArgumentException} listing the valid ones. */
    public static EffectClass parse(String text) {
        for (EffectClass e : values()) {
            if (e.wire().equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown effect '" + text + "' (read, write, destructive, financial, external)");
    }
}
