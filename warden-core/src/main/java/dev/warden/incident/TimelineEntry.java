package dev.warden.incident;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event of an incident's timeline.
 *
 * @param at      when it happened
 * @param type    {@code anomaly}, {@code response}, {@code response_undone} or {@code operator}
 * @param summary one line for a human
 * @param detail  the figures behind it (plain JSON values: the anomaly's fields, the response's trigger, the operator)
 */
public record TimelineEntry(Instant at, String type, String summary, Map<String, Object> detail) {
    /** Validates and copies (null values are dropped). */
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(summary, "summary");
        Map<String, Object> m = new LinkedHashMap<>();
        detail.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v);
            }
        });
        detail = java.util.Collections.unmodifiableMap(m);
    }
}
