package dev.warden.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What caused a level change beyond its actor and reason, in structured form, for listeners that
 * keep their own records of it (the demotion records). The registry passes it on unread.
 *
 * @param kind   what kind of cause, e.g. {@code critical_incident}, {@code minor_incidents},
 *               {@code identity_change}, {@code incident_response}, {@code demotion_undone}
 * @param detail the facts of it, e.g. {@code incident_id}, {@code incidents}, {@code rule}, {@code response}
 */
public record ChangeCause(String kind, Map<String, Object> detail) {
    /** Validates and copies. */
    public ChangeCause {
        Objects.requireNonNull(kind, "kind");
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail == null ? Map.of() : detail));
    }
}
