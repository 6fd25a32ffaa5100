package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders an agent's evidence dossier (the JSON of {@code GET /v1/agents/{name}/dossier}) as one
 * self-contained HTML page for a review board: no external assets, no script; the charts (level
 * history, decisions per day, accuracy per day) are inline SVG drawn here. Every string from the
 * dossier is escaped: agent names, notes and reasons come from people and agents and may be hostile.
 */
final class DossierHtml {
    private static final List<String> LEVELS = List.of("intern", "junior", "senior", "principal");
    private static final int W = 720;
    private static final int H = 180;
    private static final int PAD = 40;

    private final StringBuilder out = new StringBuilder(64 * 1024);

    private DossierHtml() {
    }

    /** The page for {@code dossier}. */
    static String render(JsonNode dossier) {
        return new DossierHtml().page(dossier);
    }

    /** {@code text} with the characters HTML gives meaning to replaced by character references. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return "";
        }
        return escape(n.isValueNode() ? n.asText() : n.toString());
    }

    private String page(JsonNode d) {
        JsonNode agent = d.path("agent");
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Evidence dossier: ").append(text(agent.path("name"))).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;")
                .append("text-align:left;vertical-align:top}th{background:#f3f3f3}.fail{color:#b00020;font-weight:bold}")
                .append(".ok{color:#1b7a2f}.banner{background:#b00020;color:#fff;padding:1em;font-weight:bold;font-size:1.2em}")
                .append("pre{background:#f6f6f6;padding:.6em;white-space:pre-wrap;word-break:break-all}svg{border:1px solid #ddd}")
                .append("</style></head><body>\n");
        out.append("<h1>Evidence dossier: ").append(text(agent.path("name"))).append("</h1>\n");
        out.append("<p>Generated ").append(text(d.path("generated_at"))).append(" (").append(text(d.path("format")))
                .append("). Verify offline with <code>warden audit verify-dossier FILE --key KEYS</code>.</p>\n");
        if (agent.path("granted_without_gates").asBoolean()) {
            out.append("<p class=\"banner\" id=\"granted-without-gates\">LEVEL GRANTED WITHOUT GATES: ")
                    .append(text(agent.path("name"))).append(" holds ").append(text(agent.path("level")))
                    .append(" by an administrator's grant, not by passing the promotion gates.</p>\n");
        }
        agent(agent);
        charts(d);
        readiness(d.path("readiness"));
        shadow(d.path("shadow"));
        incidents(d.path("incidents"));
        signOffs(d.path("sign_offs"));
        demotions(d.path("demotions"));
        levelHistory(d.path("level_history"));
        cited(d.path("cited"));
        out.append("</body></html>\n");
        return out.toString();
    }

    private void agent(JsonNode a) {
        out.append("<h2>Agent</h2>\n<table>");
        for (String k : List.of("name", "id", "owner", "purpose", "project", "environment", "level", "level_basis",
                "level_since", "status", "version", "config_digest", "registered_at")) {
            row(k, text(a.path(k)));
        }
        out.append("</table>\n");
    }

    private void row(String key, String escapedValue) {
        out.append("<tr><th>").append(escape(key)).append("</th><td>").append(escapedValue).append("</td></tr>");
    }

    private void charts(JsonNode d) {
        out.append("<h2>Over time</h2>\n<h3>Level history</h3>\n");
        levelChart(d);
        List<JsonNode> days = new ArrayList<>();
        d.path("series").path("days").forEach(days::add);
        out.append("<h3>Decisions per day</h3>\n");
        decisionsChart(days);
        out.append("<h3>Accuracy per day</h3>\n<p>").append(text(d.path("series").path("accuracy_definition"))).append("</p>\n");
        accuracyChart(days);
    }

    private static long epoch(JsonNode n) {
        try {
            return Instant.parse(n.asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    private void svgOpen(String id, String label) {
        out.append("<svg id=\"").append(id).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W)
                .append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\">");
    }

    private void levelChart(JsonNode d) {
        long start = epoch(d.path("agent").path("registered_at"));
        long end = epoch(d.path("generated_at"));
        List<long[]> steps = new ArrayList<>(); // time, level index
        for (JsonNode h : d.path("level_history")) {
            int level = LEVELS.indexOf(h.path("level").asText());
            long t = epoch(h.path("time"));
            if (level >= 0 && t >= 0 && !h.path("kind").asText().equals("agent.promotion_refused")) {
                steps.add(new long[] {t, level});
            }
        }
        if (steps.isEmpty()) {
            steps.add(new long[] {start, Math.max(0, LEVELS.indexOf(d.path("agent").path("level").asText()))});
        }
        if (start < 0 || start > steps.getFirst()[0]) {
            start = steps.getFirst()[0];
        }
        if (end <= start) {
            end = start + 1;
        }
        svgOpen("chart-level", "level history");
        double plotW = W - PAD - 10;
        double plotH = H - 30;
        for (int i = 0; i < LEVELS.size(); i++) {
            double y = 10 + plotH - plotH * i / (LEVELS.size() - 1);
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", PAD, y, W - 10, y));
            out.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%.1f\" font-size=\"10\">%s</text>", y + 3, LEVELS.get(i)));
        }
        StringBuilder path = new StringBuilder();
        double lastY = 0;
        for (int i = 0; i < steps.size(); i++) {
            double x = PAD + plotW * (steps.get(i)[0] - start) / (double) (end - start);
            double y = 10 + plotH - plotH * steps.get(i)[1] / (LEVELS.size() - 1);
            path.append(i == 0 ? String.format(Locale.ROOT, "M%.1f %.1f", x, y)
                    : String.format(Locale.ROOT, " H%.1f V%.1f", x, y));
            lastY = y;
        }
        path.append(String.format(Locale.ROOT, " H%d V%.1f", W - 10, lastY));
        out.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#3355aa\" stroke-width=\"2\"/>");
        out.append("</svg>\n");
    }

    private void decisionsChart(List<JsonNode> days) {
        svgOpen("chart-decisions", "decisions per day: allowed, held for approval, denied");
        long max = 1;
        for (JsonNode day : days) {
            max = Math.max(max, day.path("decisions").asLong());
        }
        double plotW = W - PAD - 10;
        double plotH = H - 30;
        double bw = days.isEmpty() ? 0 : plotW / days.size();
        out.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"14\" font-size=\"10\">%d</text><text x=\"2\" y=\"%d\" font-size=\"10\">0</text>",
                max, H - 20));
        for (int i = 0; i < days.size(); i++) {
            JsonNode day = days.get(i);
            double x = PAD + bw * i;
            double base = 10 + plotH;
            String[][] parts = {{"allowed", "#2e8b57"}, {"held", "#e0a020"}, {"denied", "#c0392b"}};
            for (String[] p : parts) {
                double h = plotH * day.path(p[0]).asLong() / (double) max;
                if (h > 0) {
                    out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>",
                            x, base - h, Math.max(1, bw - 1), h, p[1], text(day.path("date")), p[0], day.path(p[0]).asLong()));
                    base -= h;
                }
            }
        }
        if (!days.isEmpty()) {
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text><text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                    PAD, H - 4, text(days.getFirst().path("date")), W - 10, H - 4, text(days.getLast().path("date"))));
        }
        out.append("</svg>\n<p>green: allowed, amber: held for approval, red: denied</p>\n");
    }

    private void accuracyChart(List<JsonNode> days) {
        svgOpen("chart-accuracy", "accuracy per day");
        double plotW = W - PAD - 10;
        double plotH = H - 30;
        out.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"14\" font-size=\"10\">100%%</text><text x=\"2\" y=\"%d\" font-size=\"10\">0%%</text>", H - 20));
        StringBuilder points = new StringBuilder();
        double step = days.size() <= 1 ? 0 : plotW / (days.size() - 1);
        for (int i = 0; i < days.size(); i++) {
            JsonNode a = days.get(i).path("accuracy");
            if (a.isNumber()) {
                double x = PAD + step * i;
                double y = 10 + plotH - plotH * Math.max(0, Math.min(1, a.asDouble()));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#3355aa\"><title>%s: %.2f%%</title></circle>",
                        x, y, text(days.get(i).path("date")), a.asDouble() * 100));
            }
        }
        if (!points.isEmpty()) {
            out.append("<polyline points=\"").append(points.toString().trim()).append("\" fill=\"none\" stroke=\"#3355aa\" stroke-width=\"2\"/>");
        } else {
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">no outcome or approval decision yet</text>", PAD, H / 2));
        }
        out.append("</svg>\n");
    }

    private static String mark(boolean passed) {
        return passed ? "<span class=\"ok\">passed</span>" : "<span class=\"fail\">FAILED</span>";
    }

    private void readiness(JsonNode r) {
        out.append("<h2>Readiness for ").append(text(r.path("next_level"))).append("</h2>\n");
        if (r.has("note")) {
            out.append("<p>").append(text(r.path("note"))).append("</p>\n");
        }
        if (r.path("gates").size() > 0) {
            out.append("<table><tr><th>gate</th><th>check</th><th>observed</th><th>required</th><th>rule</th><th>result</th><th>why</th></tr>");
            for (JsonNode g : r.path("gates")) {
                for (JsonNode c : g.path("checks")) {
                    out.append("<tr><td>").append(text(g.path("gate"))).append(" (").append(mark(g.path("passed").asBoolean()))
                            .append(")</td><td>").append(text(c.path("name"))).append("</td><td>").append(text(c.path("observed")))
                            .append(' ').append(text(c.path("unit"))).append("</td><td>").append(text(c.path("required")))
                            .append("</td><td>").append(text(c.path("rule"))).append("</td><td>").append(mark(c.path("passed").asBoolean()))
                            .append("</td><td>").append(text(c.path("why"))).append("</td></tr>");
                }
            }
            out.append("</table>\n");
        }
        if (r.path("pending").size() > 0) {
            List<String> p = new ArrayList<>();
            r.path("pending").forEach(x -> p.add(text(x)));
            out.append("<p>Not evaluated by Warden: ").append(String.join(", ", p)).append("</p>\n");
        }
        JsonNode c = r.path("controls");
        if (!c.isMissingNode()) {
            out.append("<h3>Controls of ").append(text(r.path("next_level"))).append(": ").append(mark(c.path("passed").asBoolean()))
                    .append("</h3>\n<table><tr><th>control</th><th>required from</th><th>in force</th><th>why</th></tr>");
            for (JsonNode x : c.path("controls")) {
                out.append("<tr><td>").append(text(x.path("control"))).append("</td><td>").append(text(x.path("required_from")))
                        .append("</td><td>").append(mark(x.path("in_force").asBoolean())).append("</td><td>").append(text(x.path("why")))
                        .append("</td></tr>");
            }
            out.append("</table>\n");
        }
    }

    private void shadow(JsonNode s) {
        out.append("<h2>Shadow mode</h2>\n<table>");
        s.fields().forEachRemaining(e -> row(e.getKey(), text(e.getValue())));
        out.append("</table>\n");
    }

    private void incidents(JsonNode list) {
        out.append("<h2>Incidents (").append(list.size()).append(")</h2>\n");
        if (list.isEmpty()) {
            out.append("<p>None since registration.</p>\n");
            return;
        }
        out.append("<table><tr><th>incident</th><th>opened</th><th>severity</th><th>state</th><th>closed</th><th>root cause</th><th>timeline</th></tr>");
        for (JsonNode i : list) {
            out.append("<tr><td>").append(text(i.path("incident_id"))).append("</td><td>").append(text(i.path("opened_at")))
                    .append("</td><td>").append(text(i.path("severity"))).append("</td><td>").append(text(i.path("state")))
                    .append("</td><td>").append(text(i.path("closed_at"))).append("</td><td>")
                    .append(i.path("root_cause").isTextual() ? text(i.path("root_cause")) : "<span class=\"fail\">none recorded</span>")
                    .append("</td><td><ul>");
            for (JsonNode e : i.path("timeline")) {
                out.append("<li>").append(text(e.path("at"))).append(' ').append(text(e.path("type"))).append(": ")
                        .append(text(e.path("summary"))).append("</li>");
            }
            out.append("</ul></td></tr>");
        }
        out.append("</table>\n");
    }

    private void signOffs(JsonNode list) {
        out.append("<h2>Attestations and sign-offs (").append(list.size()).append(")</h2>\n");
        if (list.isEmpty()) {
            out.append("<p>None recorded.</p>\n");
            return;
        }
        out.append("<table><tr><th>seq</th><th>kind</th><th>time</th><th>actor</th><th>role</th><th>level</th><th>details</th></tr>");
        for (JsonNode s : list) {
            StringBuilder details = new StringBuilder();
            s.fields().forEachRemaining(e -> {
                if (!List.of("seq", "kind", "time", "actor", "role", "level").contains(e.getKey())) {
                    details.append("<div><b>").append(escape(e.getKey())).append("</b>: ").append(text(e.getValue())).append("</div>");
                }
            });
            boolean withdrawn = s.path("withdrawn").asBoolean();
            out.append("<tr><td>").append(text(s.path("seq"))).append("</td><td>").append(text(s.path("kind")))
                    .append(withdrawn ? " <span class=\"fail\">(withdrawn)</span>" : "").append("</td><td>").append(text(s.path("time")))
                    .append("</td><td>").append(text(s.path("actor"))).append("</td><td>").append(text(s.path("role")))
                    .append("</td><td>").append(text(s.path("level"))).append("</td><td>").append(details).append("</td></tr>");
        }
        out.append("</table>\n");
    }

    private void demotions(JsonNode list) {
        out.append("<h2>Demotions (").append(list.size()).append(")</h2>\n");
        if (list.isEmpty()) {
            out.append("<p>None recorded.</p>\n");
            return;
        }
        for (JsonNode d : list) {
            out.append("<h3>").append(text(d.path("demotion_id"))).append(", from ").append(text(d.path("started_at")))
                    .append("</h3>\n<table><tr><th>step</th><th>time</th><th>actor</th><th>from</th><th>to</th><th>detail</th></tr>");
            for (JsonNode s : d.path("steps")) {
                out.append("<tr><td>").append(text(s.path("step"))).append("</td><td>").append(text(s.path("time")))
                        .append("</td><td>").append(text(s.path("actor"))).append("</td><td>").append(text(s.path("level_before")))
                        .append("</td><td>").append(text(s.path("level"))).append("</td><td>").append(text(s.path("detail")))
                        .append("</td></tr>");
            }
            out.append("</table>\n");
        }
    }

    private void levelHistory(JsonNode list) {
        out.append("<h2>Level and status history</h2>\n<table><tr><th>seq</th><th>time</th><th>record</th><th>from</th><th>to</th>")
                .append("<th>basis</th><th>actor</th><th>reason</th></tr>");
        for (JsonNode h : list) {
            boolean granted = h.path("granted_without_gates").asBoolean();
            out.append("<tr><td>").append(text(h.path("seq"))).append("</td><td>").append(text(h.path("time")))
                    .append("</td><td>").append(text(h.path("kind"))).append("</td><td>").append(text(h.path("level_before")))
                    .append("</td><td>").append(text(h.path("level"))).append("</td><td>").append(text(h.path("level_basis")))
                    .append(granted ? " <span class=\"fail\">granted without gates</span>" : "").append("</td><td>")
                    .append(text(h.path("actor"))).append("</td><td>").append(text(h.path("reason"))).append("</td></tr>");
        }
        out.append("</table>\n");
    }

    private void cited(JsonNode c) {
        JsonNode cp = c.path("checkpoint");
        out.append("<h2>Cited audit records</h2>\n<p>").append(c.path("records").size())
                .append(" records cited, each with its inclusion proof against this signed checkpoint.");
        if (c.path("not_covered").size() > 0) {
            out.append(" <span class=\"fail\">").append(c.path("not_covered").size())
                    .append(" records are not covered by it and carry no proof: ").append(text(c.path("not_covered"))).append("</span>");
        }
        if (c.path("truncated").asBoolean()) {
            out.append(" <span class=\"fail\">The agent's records were read only up to a limit: the citations are partial.</span>");
        }
        out.append("</p>\n<table>");
        for (String k : List.of("origin", "size", "root_hash", "key_id", "time")) {
            row(k, text(cp.path(k)));
        }
        out.append("</table>\n<pre>").append(text(cp.path("note"))).append("</pre>\n");
    }
}
