package dev.warden.server.alert;

import dev.warden.alert.Alert;
import dev.warden.alert.AlertDelivery;
import dev.warden.server.api.v1.Json;
import dev.warden.server.config.AlertSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON forms of an alert: in the API, and as a webhook body (generic or Slack). */
public final class AlertPayloads {
    private AlertPayloads() {
    }

    /** The alert's wire form (API answers and the generic payload's {@code alert}). */
    public static Map<String, Object> alert(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alert_id", a.id());
        m.put("raised_at", a.raisedAt().toString());
        m.put("severity", a.severity().wire());
        m.put("kind", a.kind());
        m.put("agent", a.agent().orElse(null));
        m.put("project", a.project().orElse(null));
        m.put("owner", a.owner().orElse(null));
        m.put("summary", a.summary());
        m.put("numbers", a.numbers());
        m.put("evidence", a.evidence());
        m.put("count", a.count());
        m.put("last_at", a.lastAt().toString());
        m.put("state", a.state().wire());
        m.put("acked_by", a.ackedBy().orElse(null));
        m.put("acked_at", a.ackedAt().map(Instant::toString).orElse(null));
        m.put("routing", a.routing());
        return m;
    }

    /** The body of a delivery in the channel's format. */
    public static String body(AlertSettings.Format format, Alert a, AlertDelivery d) {
        return switch (format) {
            case GENERIC -> Json.write(generic(a, d));
            case SLACK -> Json.write(slack(a, d));
        };
    }

    private static Map<String, Object> generic(Alert a, AlertDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "warden.alert");
        m.put("delivery_id", d.id());
        m.put("to", d.recipient().orElse(null));
        m.put("alert", alert(a));
        return m;
    }

    /** A Slack incoming-webhook message: {@code text} for notifications, {@code blocks} for the message. */
    private static Map<String, Object> slack(Alert a, AlertDelivery d) {
        if (a.kind().equals(dev.warden.approval.ApprovalAlerts.REQUESTED) && a.numbers().containsKey("approval_id")) {
            return ApprovalPayload.slack(a);
        }
        String head = a.severity().name() + " " + a.kind();
        String text = "[" + head + "] " + a.summary() + (a.count() > 1 ? " (x" + a.count() + ")" : "");
        List<Object> fields = new java.util.ArrayList<>();
        a.agent().ifPresent(x -> fields.add(mrkdwn("*Agent*\n" + escape(x))));
        a.project().ifPresent(x -> fields.add(mrkdwn("*Project*\n" + escape(x))));
        d.recipient().or(a::owner).ifPresent(x -> fields.add(mrkdwn("*Owner*\n" + escape(x))));
        fields.add(mrkdwn("*Raised*\n" + a.raisedAt() + (a.count() > 1 ? " (x" + a.count() + ")" : "")));
        List<Object> blocks = new java.util.ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", head)));
        blocks.add(Map.of("type", "section", "text", mrkdwn(escape(a.summary()))));
        blocks.add(Map.of("type", "section", "fields", fields));
        if (!a.numbers().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            a.numbers().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    sb.append(sb.isEmpty() ? "" : "  ·  ").append(escape(e.getKey())).append(": ")
                            .append(escape(String.valueOf(e.getValue()))));
            blocks.add(Map.of("type", "section", "text", mrkdwn(sb.toString())));
        }
        String context = "alert `" + a.id() + "`" + (a.evidence().isEmpty() ? ""
                : " · decisions " + String.join(", ", a.evidence().stream().limit(5).map(e -> "`" + e + "`").toList()));
        blocks.add(Map.of("type", "context", "elements", List.of(mrkdwn(context))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("blocks", blocks);
        return m;
    }

    static Map<String, Object> mrkdwn(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    /** Slack's three control characters in message text. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
