package dev.warden.server.alert;

import dev.warden.alert.Alert;
import dev.warden.server.api.v1.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Slack message of an {@code approval.requested} alert: {@code text} (the notification line,
 * with the link) and {@code blocks} naming agent, tool, resource, risk and deadline, the masked
 * arguments, the policies that asked for a human, a button to the console page and the API URL.
 * Everything comes from the alert's numbers, which hold the approval as the audit record keeps it.
 */
final class ApprovalPayload {
    /** The longest arguments text shown (Slack cuts a section at 3,000 characters). */
    private static final int MAX_ARGS_CHARS = 2_000;
    private static final int MAX_FIELD_CHARS = 300;

    private ApprovalPayload() {
    }

    static Map<String, Object> slack(Alert a) {
        Map<String, Object> n = a.numbers();
        String agent = cut(a.agent().orElse("?"));
        String action = cut(text(n, "action"));
        String resource = cut(text(n, "resource"));
        String risk = cut(text(n, "risk"));
        String deadline = cut(text(n, "expires_at"));
        String console = text(n, "console_url");
        String api = text(n, "api_url");
        String id = text(n, "approval_id");
        String text = "Approval requested: " + AlertPayloads.escape(agent) + " wants " + AlertPayloads.escape(action)
                + " on " + AlertPayloads.escape(resource) + " (risk " + AlertPayloads.escape(risk) + ", decide by "
                + AlertPayloads.escape(deadline) + "): <" + console + "|review " + id + ">";
        List<Object> fields = new ArrayList<>();
        fields.add(AlertPayloads.mrkdwn("*Agent*\n" + AlertPayloads.escape(agent)));
        a.project().ifPresent(p -> fields.add(AlertPayloads.mrkdwn("*Project*\n" + AlertPayloads.escape(p))));
        fields.add(AlertPayloads.mrkdwn("*Tool*\n`" + AlertPayloads.escape(action) + "`"));
        fields.add(AlertPayloads.mrkdwn("*Resource*\n" + AlertPayloads.escape(resource)));
        fields.add(AlertPayloads.mrkdwn("*Risk*\n" + AlertPayloads.escape(risk)));
        fields.add(AlertPayloads.mrkdwn("*Deadline*\n" + AlertPayloads.escape(deadline)));
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", "Approval requested")));
        blocks.add(Map.of("type", "section", "fields", fields));
        String args = Json.write(n.getOrDefault("args", Map.of()));
        if (args.length() > MAX_ARGS_CHARS) {
            args = args.substring(0, MAX_ARGS_CHARS) + "...";
        }
        args = args.replace("```", "` ` `"); // the agent's text stays inside the code block
        blocks.add(Map.of("type", "section", "text", AlertPayloads.mrkdwn("*Arguments* (sensitive values masked)\n```"
                + AlertPayloads.escape(args) + "```")));
        Object policies = n.get("policy_ids");
        if (policies instanceof List<?> list && !list.isEmpty()) {
            blocks.add(Map.of("type", "section", "text", AlertPayloads.mrkdwn("*Why a human*\npolicies "
                    + String.join(", ", list.stream().map(p -> "`" + AlertPayloads.escape(String.valueOf(p)) + "`").toList()))));
        }
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("type", "button");
        button.put("text", Map.of("type", "plain_text", "text", "Review in the console"));
        button.put("url", console);
        button.put("style", "primary");
        blocks.add(Map.of("type", "actions", "elements", List.of(button)));
        blocks.add(Map.of("type", "context", "elements", List.of(AlertPayloads.mrkdwn("approval `" + AlertPayloads.escape(id)
                + "` · API " + api + " · alert `" + a.id() + "`"))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("blocks", blocks);
        return m;
    }

    /** A field value of reasonable length (Slack refuses a field over 2,000 characters). */
    private static String cut(String s) {
        return s.length() > MAX_FIELD_CHARS ? s.substring(0, MAX_FIELD_CHARS) + "..." : s;
    }

    private static String text(Map<String, Object> numbers, String key) {
        Object v = numbers.get(key);
        return v == null ? "?" : String.valueOf(v);
    }
}
