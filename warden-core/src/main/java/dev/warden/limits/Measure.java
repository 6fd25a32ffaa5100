package dev.warden.limits;

/** What a {@link Budget} adds up over its window. */
public enum Measure {
    /** The number of allowed calls. */
    CALLS,
    /** The sum of the calls' impact (the tool's {@code impact_field}, e.g. a refund's amount). */
    IMPACT,
    /** The number of distinct values of one argument (e.g. customers touched). */
    DISTINCT;

    /** The config form, e.g. {@code impact}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses the config form.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Measure parse(String text) {
        for (Measure m : values()) {
            if (m.wire().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown measure '" + text + "' (calls, impact, distinct)");
    }
}
