package dev.warden.audit.export;

import java.util.Locale;

/** What an export line looks like. */
public enum ExportFormat {
    /**
     * Warden's verifiable JSON Lines: a header, entries with index and leaf hash, and the signed
     * checkpoints at their tree sizes; {@code warden audit verify} checks such a file offline.
     */
    JSONL,
    /** OCSF API Activity (class 6003) events, one per line, each with its index and leaf hash. */
    OCSF;

    /**
     * Parses {@code jsonl} or {@code ocsf}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ExportFormat parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "jsonl" -> JSONL;
            case "ocsf" -> OCSF;
            default -> throw new IllegalArgumentException("format must be jsonl or ocsf");
        };
    }

    /** The lower-case name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
