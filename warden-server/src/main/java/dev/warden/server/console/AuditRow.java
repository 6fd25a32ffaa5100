package dev.warden.server.console;

import dev.warden.audit.AuditRecord;
import dev.warden.json.CanonicalJson;
import dev.warden.server.api.v1.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audit entry as the explorer's table shows it. Every string may come from an agent (a tool
 * argument, a rationale) and is rendered escaped, as text.
 *
 * @param index    the entry's leaf index in the Merkle tree (its sequence number minus one)
 * @param seq      its sequence number
 * @param time     when it was recorded (ISO 8601, UTC)
 * @param kind     its kind
 * @param agent    its agent, or empty
 * @param decision its decision value, or empty
 * @param tool     the tool it concerns ({@code action}), or empty
 * @param summary  a short summary: the rationale, the outcome or the actor, at most {@value #SUMMARY} characters
 */
public record AuditRow(long index, long seq, String time, String kind, String agent, String decision, String tool,
                       String summary) {
    /** The longest summary shown in the table. */
    static final int SUMMARY = 120;

    /** The row of a stored record. */
    public static AuditRow of(AuditRecord r) {
        Map<String, Object> fields = fields(r);
        String summary = text(fields, "rationale");
        if (summary.isEmpty() && fields.containsKey("outcome")) {
            summary = "outcome: " + text(fields, "outcome");
        }
        if (summary.isEmpty()) {
            summary = text(fields, "actor");
        }
        if (summary.isEmpty()) {
            summary = text(fields, "operator");
        }
        if (summary.length() > SUMMARY) {
            summary = summary.substring(0, SUMMARY - 1) + "\u2026";
        }
        return new AuditRow(r.seq() - 1, r.seq(), r.time().toString(), r.kind(), nz(r.agent()), nz(r.decision()),
                text(fields, "action"), summary);
    }

    /** The entry's top-level fields; empty when it does not parse (then the page shows the raw entry only). */
    static Map<String, Object> fields(AuditRecord r) {
        try {
            return Json.parse(r.entry()) instanceof Map<?, ?> m ? copy(m) : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** A field as text: a string as it is, anything else as canonical JSON. */
    static String text(Map<String, Object> fields, String name) {
        Object v = fields.get(name);
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        try {
            return CanonicalJson.write(v);
        } catch (RuntimeException e) {
            return String.valueOf(v);
        }
    }

    private static Map<String, Object> copy(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
