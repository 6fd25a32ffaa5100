package dev.warden.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something to record, before it has a place in the log. The log adds {@code schema}, {@code seq},
 * {@code time} and {@code kind} to {@code fields} to form the canonical entry.
 *
 * @param kind       event kind: {@code decision}, {@code outcome}, {@code approval.approved}, {@code approval.denied}, {@code agent.registered},
 *                   {@code agent.level_changed}, {@code agent.killed}, {@code agent.quarantined},
 *                   {@code agent.restored}, {@code policy.loaded}, {@code token.issued}
 * @param time       when it happened
 * @param agent      agent name, or null
 * @param session    session id, or null
 * @param decisionId decision id, or null
 * @param decision   decision value, or null
 * @param fields     the event's other fields, plain Java JSON values
 */
public record AuditEvent(String kind, Instant time, String agent, String session, String decisionId,
                         String decision, Map<String, Object> fields) {

    /** Copies the fields. */
    public AuditEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** An event with no agent, session or decision. */
    public static AuditEvent of(String kind, Instant time, Map<String, Object> fields) {
        return new AuditEvent(kind, time, null, null, null, null, fields);
    }

    /** An event about an agent. */
    public static AuditEvent forAgent(String kind, Instant time, String agent, Map<String, Object> fields) {
        return new AuditEvent(kind, time, agent, null, null, null, fields);
    }

    /** The version of the canonical entry format. */
    public static final String SCHEMA = "warden.audit/v1";

    /** The full entry map: fields plus schema, seq, time, kind and the indexed fields. */
    Map<String, Object> entry(long seq) {
        Map<String, Object> entry = new LinkedHashMap<>(fields);
        entry.put("schema", SCHEMA);
        entry.put("seq", seq);
        entry.put("time", time.toString());
        entry.put("kind", kind);
        putIfPresent(entry, "agent", agent);
        putIfPresent(entry, "session", session);
        putIfPresent(entry, "decision_id", decisionId);
        putIfPresent(entry, "decision", decision);
        return entry;
    }

    private static void putIfPresent(Map<String, Object> entry, String key, String value) {
        if (value != null) {
            entry.put(key, value);
        }
    }
}
