package dev.warden.audit.export;

import dev.warden.audit.AuditRecord;
import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an audit record to an OCSF 1.3 API Activity event (class_uid 6003, category 6 Application
 * Activity). Every event carries the record's position in the verifiable log, so a SIEM can detect
 * deleted or altered events: {@code metadata.sequence} = leaf index, {@code metadata.uid} = leaf
 * hash, and {@code unmapped.warden} = {@code {index, seq, leaf_hash, entry}} with the canonical
 * entry exactly as hashed (re-hash it to check).
 *
 * <p>Mapping: {@code api.operation} = the entry kind ({@code decision}, {@code outcome},
 * {@code agent.killed}, ...), {@code actor.user} = the agent, {@code actor.session.uid} = its
 * session, {@code api.request.uid} = the decision id, {@code resources} = the action and resource
 * of a decision, {@code status_id} 1 Success / 2 Failure (a {@code deny}, a failed outcome) /
 * 99 Other ({@code approval_required}), {@code activity_id} 99 Other with {@code activity_name} =
 * the kind, {@code severity_id} 1 Informational (3 Medium for kills, scoped kills, quarantines,
 * rollback runs, warning alerts, incident responses and token revocations, 4 High for critical
 * alerts, minor/major/critical incidents 2/3/4, 2 Low for a circuit breaker opening: a
 * {@code breaker.transition} to {@code open}; an {@code anomaly.detected} by its severity:
 * minor 2 Low, major 3 Medium, critical 4 High),
 * {@code time} = the entry time in epoch milliseconds.
 */
public final class OcsfMapper {
    /** OCSF schema version written in {@code metadata.version}. */
    public static final String OCSF_VERSION = "1.3.0";
    private static final int CLASS_UID = 6003;
    private static final int ACTIVITY_OTHER = 99;

    private final String origin;
    private final String productVersion;

    /**
     * A mapper for one log.
     *
     * @param origin         the log's origin, written as {@code metadata.log_name}
     * @param productVersion Warden's version, written as {@code metadata.product.version}
     */
    public OcsfMapper(String origin, String productVersion) {
        this.origin = origin;
        this.productVersion = productVersion;
    }

    /**
     * The OCSF severity id: 3 Medium for kills, scoped kills and quarantines; an {@code alert.raised}
     * record by the alert's severity (info 1, warning 3 Medium, critical 4 High); an incident opened
     * or grown, or an {@code anomaly.detected} record, by the anomaly's severity (minor 2 Low, major 3 Medium, critical 4 High); 3 Medium for
     * an automatic incident response and a token revocation; 2 Low for a circuit breaker opening;
     * 1 otherwise (operator actions on incidents, undos).
     */
    static int severity(String kind, Map<String, Object> entry) {
        if (kind.equals("agent.killed") || kind.equals("agent.kill_scoped") || kind.equals("agent.quarantined")
                || kind.equals("rollback.run")) {
            return 3;
        }
        if (kind.equals("incident.opened") || kind.equals("incident.anomaly_added")) {
            return switch (String.valueOf(entry.get("severity"))) {
                case "critical" -> 4;
                case "major" -> 3;
                default -> 2;
            };
        }
        if (kind.equals("incident.response") || kind.equals("agent.tokens_revoked")) {
            return 3;
        }
        if (kind.equals("alert.raised")) {
            return switch (String.valueOf(entry.get("severity"))) {
                case "critical" -> 4;
                case "warning" -> 3;
                default -> 1;
            };
        }
        if (kind.equals("anomaly.detected")) {
            return switch (String.valueOf(entry.get("severity"))) {
                case "critical" -> 4;
                case "major" -> 3;
                default -> 2;
            };
        }
        return kind.equals("breaker.transition") && "open".equals(entry.get("to")) ? 2 : 1;
    }

    /** OCSF's caption of a severity id. */
    private static String severityName(int id) {
        return switch (id) {
            case 4 -> "High";
            case 3 -> "Medium";
            case 2 -> "Low";
            default -> "Informational";
        };
    }

    /** The OCSF event of one record, as one line of UTF-8 JSON. */
    public byte[] map(AuditRecord r) {
        Map<String, Object> entry = JsonReader.parseObject(r.entry());
        String kind = r.kind();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("class_uid", CLASS_UID);
        e.put("class_name", "API Activity");
        e.put("category_uid", 6);
        e.put("category_name", "Application Activity");
        e.put("activity_id", ACTIVITY_OTHER);
        e.put("activity_name", kind);
        e.put("type_uid", CLASS_UID * 100 + ACTIVITY_OTHER);
        e.put("type_name", "API Activity: Other");
        e.put("time", r.time().toEpochMilli());
        int severity = severity(kind, entry);
        e.put("severity_id", severity);
        e.put("severity", severityName(severity));
        int status = status(r, entry);
        e.put("status_id", status);
        e.put("status", status == 1 ? "Success" : status == 2 ? "Failure" : "Other");
        if (r.decision() != null) {
            e.put("status_detail", r.decision());
        }
        e.put("message", message(r, entry));

        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", "Warden");
        product.put("vendor_name", "Warden");
        product.put("version", productVersion);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("version", OCSF_VERSION);
        metadata.put("product", product);
        metadata.put("log_name", origin);
        metadata.put("log_provider", "warden");
        metadata.put("sequence", r.seq() - 1);
        metadata.put("uid", r.leafHash());
        metadata.put("original_time", r.time().toString());
        e.put("metadata", metadata);

        Map<String, Object> actor = new LinkedHashMap<>();
        if (r.agent() != null) {
            actor.put("user", Map.of("name", r.agent(), "uid", r.agent(), "type", "Other", "type_id", 99));
        } else if (entry.get("actor") instanceof String who) {
            actor.put("user", Map.of("name", who, "uid", who));
        } else {
            actor.put("app_name", "warden");
        }
        if (r.session() != null) {
            actor.put("session", Map.of("uid", r.session()));
        }
        e.put("actor", actor);

        Map<String, Object> api = new LinkedHashMap<>();
        api.put("operation", kind);
        api.put("service", Map.of("name", "warden"));
        if (r.decisionId() != null) {
            api.put("request", Map.of("uid", r.decisionId()));
        }
        e.put("api", api);
        e.put("src_endpoint", Map.of("svc_name", r.agent() != null ? r.agent() : "warden"));
        if (entry.get("action") instanceof String action) {
            Object resource = entry.get("resource");
            e.put("resources", List.of(Map.of("name", action, "type", "tool"),
                    Map.of("name", resource instanceof String s ? s : action, "type", "resource")));
        }

        Map<String, Object> warden = new LinkedHashMap<>();
        warden.put("index", r.seq() - 1);
        warden.put("seq", r.seq());
        warden.put("leaf_hash", r.leafHash());
        warden.put("entry", entry);
        e.put("unmapped", Map.of("warden", warden));
        return CanonicalJson.write(e).getBytes(StandardCharsets.UTF_8);
    }

    private static int status(AuditRecord r, Map<String, Object> entry) {
        if ("deny".equals(r.decision()) || "failed".equals(entry.get("status"))) {
            return 2;
        }
        if ("approval_required".equals(r.decision())) {
            return 99;
        }
        return 1;
    }

    private static String message(AuditRecord r, Map<String, Object> entry) {
        StringBuilder b = new StringBuilder(r.kind());
        if (r.agent() != null) {
            b.append(" by ").append(r.agent());
        }
        if (entry.get("action") instanceof String action) {
            b.append(": ").append(action);
        }
        if (r.decision() != null) {
            b.append(" -> ").append(r.decision());
        }
        return b.toString();
    }
}
