package dev.warden.audit;

import dev.warden.json.CanonicalJson;
import dev.warden.scan.MaskingKey;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Something to record, before it has a place in the log. The log adds {@code schema}, {@code seq},
 * {@code time} and {@code kind} to {@code fields} to form the canonical entry.
 *
 * <p><b>Sensitive fields.</b> {@code sensitive} names fields (dotted paths into nested objects,
 * e.g. {@code args.card_number}) that the data-governance layer marks sensitive. They are masked
 * <em>before</em> the entry is canonicalized, so only the masked form is stored, hashed into the
 * Merkle tree, exported and verified: verification never needs the raw value. A masked value is
 * {@code "[masked:hmac:<first 16 hex digits of HMAC-SHA256 of the value's canonical JSON>]"} under
 * Warden's masking key ({@link MaskingKey}, kept in the data directory): equal values correlate, and
 * whoever holds the key can confirm a candidate value, while the log and its exports alone reveal
 * nothing, not even for values with little entropy (a bare digest of a card number or a PIN could
 * be confirmed by anyone guessing). The entry lists the masked paths in {@code masked_fields}.
 * Paths that do not exist in the event are ignored. Values the data scanner finds in decision
 * arguments are masked by the decision point before the event is made
 * ({@link dev.warden.scan.DataGovernance#forRecord}).
 *
 * @param kind       event kind: {@code decision}, {@code outcome}, {@code approval.approved}, {@code approval.denied}, {@code agent.registered},
 *                   {@code agent.level_changed}, {@code agent.killed}, {@code agent.kill_scoped}, {@code agent.quarantined},
 *                   {@code agent.restored}, {@code policy.loaded}, {@code token.issued}, {@code audit.key_rotated},
 *                   {@code audit.pruned}, {@code rollback.planned}, {@code rollback.run}, {@code rollback.item},
 *                   and from the MCP gateway {@code mcp.tool_pinned},
 *                   {@code mcp.tool_pending}, {@code mcp.tool_changed}, {@code mcp.tool_reverted},
 *                   {@code mcp.tool_approved}; from data governance {@code session.labeled} and {@code data.output}
 * @param time       when it happened
 * @param agent      agent name, or null
 * @param session    session id, or null
 * @param decisionId decision id, or null
 * @param decision   decision value, or null
 * @param fields     the event's other fields, plain Java JSON values
 * @param sensitive  dotted paths of fields to store masked (empty for none)
 */
public record AuditEvent(String kind, Instant time, String agent, String session, String decisionId,
                         String decision, Map<String, Object> fields, Set<String> sensitive) {

    /** Copies the fields and the sensitive paths. */
    public AuditEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        sensitive = Collections.unmodifiableSet(new TreeSet<>(sensitive));
    }

    /** An event without sensitive fields. */
    public AuditEvent(String kind, Instant time, String agent, String session, String decisionId, String decision,
                      Map<String, Object> fields) {
        this(kind, time, agent, session, decisionId, decision, fields, Set.of());
    }

    /** An event with no agent, session or decision. */
    public static AuditEvent of(String kind, Instant time, Map<String, Object> fields) {
        return new AuditEvent(kind, time, null, null, null, null, fields);
    }

    /** An event about an agent. */
    public static AuditEvent forAgent(String kind, Instant time, String agent, Map<String, Object> fields) {
        return new AuditEvent(kind, time, agent, null, null, null, fields);
    }

    /** The same event with these field paths (dotted, e.g. {@code args.card_number}) stored masked. */
    public AuditEvent withSensitive(Set<String> paths) {
        Set<String> all = new TreeSet<>(sensitive);
        all.addAll(paths);
        return new AuditEvent(kind, time, agent, session, decisionId, decision, fields, all);
    }

    /**
     * The longest canonical entry the log writes (8 Mi characters, at most 24 MiB of UTF-8, within
     * the offline verifier's 64 MiB line limit); a longer event fails alone, never its batch.
     */
    public static final int MAX_ENTRY_CHARS = 8 << 20;

    /** The version of the canonical entry format. */
    public static final String SCHEMA = "warden.audit/v1";

    /** The full entry map: fields (sensitive ones masked with {@code key}) plus schema, seq, time, kind and the indexed fields. */
    Map<String, Object> entry(long seq, MaskingKey key) {
        Map<String, Object> entry = new LinkedHashMap<>(fields);
        if (!sensitive.isEmpty()) {
            List<String> masked = sensitive.stream().filter(path -> mask(entry, path, key)).toList();
            if (!masked.isEmpty()) {
                entry.put("masked_fields", masked);
            }
        }
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

    /** Replaces the value at {@code path} (copying the maps on the way); false if there is none. */
    @SuppressWarnings("unchecked")
    private static boolean mask(Map<String, Object> root, String path, MaskingKey key) {
        String[] parts = path.split("\\.", -1);
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(node.get(parts[i]) instanceof Map<?, ?> child)) {
                return false;
            }
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) child);
            node.put(parts[i], copy);
            node = copy;
        }
        String last = parts[parts.length - 1];
        if (!node.containsKey(last)) {
            return false;
        }
        node.put(last, masked(node.get(last), key));
        return true;
    }

    /** {@code [masked:hmac:<16 hex>]}: the keyed hash of a value's canonical JSON. */
    public static String masked(Object value, MaskingKey key) {
        return "[masked:hmac:" + key.tag(CanonicalJson.write(value)) + "]";
    }

    private static void putIfPresent(Map<String, Object> entry, String key, String value) {
        if (value != null) {
            entry.put(key, value);
        }
    }
}
