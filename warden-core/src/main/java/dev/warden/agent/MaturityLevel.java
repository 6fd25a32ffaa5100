package dev.warden.agent;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.Locale;

/**
 * The ATF maturity levels. The level is a ceiling that no policy can lift; it lives only in
 * Warden's registry, never in a token or in the agent's own configuration.
 */
public enum MaturityLevel {
    /** Read-only: any action with an effect other than {@code read} is denied. */
    INTERN,
    /** Every non-read action needs a human approval. */
    JUNIOR,
    /** Acts within guardrails; high and critical risk actions need approval. */
    SENIOR,
    /** Autonomous within policy; critical risk actions need approval. */
    PRINCIPAL;

    /** The level above this one, if any: where a promotion goes, and what shadow mode compares with. */
    public java.util.Optional<MaturityLevel> next() {
        return ordinal() + 1 < values().length ? java.util.Optional.of(values()[ordinal() + 1]) : java.util.Optional.empty();
    }

    /** The wire form, e.g. {@code junior}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form, case-insensitively.
     *
     * @throws WardenException naming the field {@code level} for an unknown value
     */
    public static MaturityLevel parse(String text) {
        if (text != null) {
            for (MaturityLevel level : values()) {
                if (level.wire().equalsIgnoreCase(text.trim())) {
                    return level;
                }
            }
        }
        throw new WardenException(ErrorCode.INVALID_FIELD,
                "level must be one of intern, junior, senior, principal; got: " + text);
    }
}
