package dev.warden.scan;

import java.util.Locale;

/** What a scan concludes for the content as a whole. */
public enum ScanVerdict {
    /** Nothing to change (findings, if any, are detect-only). */
    PASS,
    /** Some spans are masked or hashed: use the masked copy. */
    MASK,
    /** The content must not pass. */
    BLOCK;

    /** The wire name, e.g. {@code mask}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
