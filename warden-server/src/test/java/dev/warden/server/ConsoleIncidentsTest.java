package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.incident.Incident;
import dev.warden.testing.MutableClock;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's incidents and alerts pages over real HTTP: the list by status, an incident's
 * timeline, acknowledge / resolve / false positive / undo through the forms (state, audit actor),
 * alerts and their acknowledgement, CSRF and roles, and escaping of agent-influenced text.
 */
class ConsoleIncidentsTest {
    static final String PASSWORD = "correct-horse-battery-staple";
    static final String XSS = "<script>alert(1)</script>";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern KIND = Pattern.compile("<li data-kind=\"([a-z_]+)\">");
    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)");

    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final AtomicInteger seq = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        TestServer.quickstartCopy(config);
        s = new TestServer(config, data, clock);
        operator("alice", "admin");
        operator("audrey", "auditor");
        operator("april", "approver");
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    /** A browser holding the console cookie and the CSRF token of the last page it read. */
    final class Browser extends ConsoleBrowser {
        Browser() {
            super(s);
        }
    }

    /** A browser signed in as {@code name}, holding a CSRF token. */
    Browser signedIn(String name) throws Exception {
        Browser b = new Browser();
        b.get("/console/login");
        HttpResponse<String> r = b.post("/console/login", Map.of("_csrf", b.csrf, "name", name, "password", PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(b.get("/console/").statusCode()).isEqualTo(200);
        return b;
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private void operator(String name, String... roles) {
        String list = String.join(",", List.of(roles).stream().map(r -> "\"" + r + "\"").toList());
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[%s],\"password\":\"%s\"}".formatted(name, list, PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private void agent(String name) {
        TestServer.Reply r = s.post("/v1/agents", TestServer.ADMIN, """
                {"name":"%s","purpose":"reads stock","owner":"bob@example.com","capabilities":["inventory.read"],"version":"1",
                 "config_digest":"sha256:0","project":"shop","environment":"prod",
                 "public_keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"""
                .formatted(name));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /**
     * A major anomaly of {@code agent} as a detector hands it over (the seed table throttles on
     * volume_spike and quarantines on error_rate); the incident as it is after.
     */
    private Incident anomaly(String agent, String detector, String summary) throws Exception {
        Incident i = s.server.warden().incidents().record(new Anomaly("anm_" + seq.incrementAndGet(), clock.instant(), agent,
                Optional.of("inventory.read"), detector, 1, AnomalySeverity.MAJOR, 240, Optional.of(12.5), 3,
                summary, List.of("dec_evidence_1", "dec_evidence_2")));
        clock.advance(Duration.ofSeconds(2));
        s.server.warden().alerts().awaitQueued(Duration.ofSeconds(5));
        return i;
    }

    private Map<String, Object> incident(String id) {
        TestServer.Reply r = s.get("/v1/incidents/" + id, TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> alerts() {
        TestServer.Reply r = s.get("/v1/alerts", TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) r.get("alerts");
    }

    private static List<String> kinds(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = KIND.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String row(String html, String attr, String id) {
        int from = html.indexOf("<tr " + attr + "=\"" + id + "\"");
        assertThat(from).as("no row %s in %s", id, html).isNotNegative();
        return html.substring(from, html.indexOf("</tr>", from));
    }

    @Test
    void theList_showsActiveIncidentsByDefault_andFiltersByStatusAndAgent() throws Exception {
        agent("billing-bot");
        Incident open = anomaly("support-bot", "volume_spike", "calls per minute 240 over a usual 12.5");
        Incident closed = anomaly("billing-bot", "error_rate", "failures 8 of 10");
        assertThat(s.post("/v1/incidents/" + closed.id() + "/resolve", TestServer.ADMIN, "{\"note\":\"fixed\"}").status()).isEqualTo(200);
        Browser b = signedIn("alice");

        HttpResponse<String> active = b.get("/console/incidents");
        assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
        assertThat(active.body()).contains("<h1>Incidents</h1>", "data-incident=\"" + open.id() + "\"",
                "href=\"/console/incidents/" + open.id() + "\"", "href=\"/console/alerts\">Alerts</a>")
                .doesNotContain("data-incident=\"" + closed.id() + "\"").doesNotContainPattern(INLINE_SCRIPT).doesNotContain("style=");
        assertThat(row(active.body(), "data-incident", open.id())).contains("major", "support-bot", "2026-12-07 10:00:00 UTC",
                "data-status=\"open\"", "calls per minute 240 over a usual 12.5");

        assertThat(b.get("/console/incidents?status=resolved").body()).contains("data-incident=\"" + closed.id() + "\"")
                .doesNotContain("data-incident=\"" + open.id() + "\"");
        assertThat(b.get("/console/incidents?status=open").body()).contains("data-incident=\"" + open.id() + "\"")
                .doesNotContain("data-incident=\"" + closed.id() + "\"");
        String all = b.get("/console/incidents?status=all").body();
        assertThat(all).contains("data-incident=\"" + open.id() + "\"", "data-incident=\"" + closed.id() + "\"");
        assertThat(all.indexOf(closed.id())).as("newest first").isLessThan(all.indexOf(open.id()));
        String billing = b.get("/console/incidents?status=all&agent=billing-bot").body();
        assertThat(billing).contains("data-incident=\"" + closed.id() + "\"", "data-agent=\"billing-bot\"",
                "href=\"/console/incidents?status=resolved&amp;agent=billing-bot\"").doesNotContain("data-incident=\"" + open.id() + "\"");
        assertThat(b.get("/console/incidents?agent=" + enc(XSS)).statusCode()).isEqualTo(400);
        assertThat(b.get("/console/incidents?status=bogus").statusCode()).isEqualTo(400);
        assertThat(b.get("/console/incidents?before=nope").statusCode()).isEqualTo(400);
        assertThat(b.get("/console/incidents/inc_" + "0".repeat(32)).statusCode()).isEqualTo(404);
    }

    @Test
    void theList_pages_withOlderIncidentsBehindALink() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 52; n++) {
            String agent = "pager-" + n;
            agent(agent);
            ids.add(anomaly(agent, "access_pattern", "new tool " + n).id());
        }
        Browser b = signedIn("alice");

        String first = b.get("/console/incidents").body();
        assertThat(kindsOfRows(first)).hasSize(50);
        assertThat(first).contains("data-incident=\"" + ids.getLast() + "\"").doesNotContain("data-incident=\"" + ids.getFirst() + "\"");
        String next = "/console/incidents?status=active&amp;before=" + ids.get(2);
        assertThat(first).contains("href=\"" + next + "\"");
        String second = b.get(next.replace("&amp;", "&")).body();
        assertThat(kindsOfRows(second)).hasSize(2);
        assertThat(second).contains("data-incident=\"" + ids.getFirst() + "\"", "data-incident=\"" + ids.get(1) + "\"");
    }

    private static List<String> kindsOfRows(String html) {
        return Pattern.compile("<tr data-incident=\"").matcher(html).results().map(r -> r.group()).toList();
    }

    @Test
    void theTimeline_listsAnomaliesResponsesAndOperatorActions_inOrder_withFiguresAndActors() throws Exception {
        Incident i = anomaly("support-bot", "volume_spike", "calls per minute 240 over a usual 12.5");
        anomaly("support-bot", "error_rate", "failures 8 of 10");
        Browser b = signedIn("alice");
        b.get("/console/incidents/" + i.id());
        assertThat(b.submit("/console/incidents/" + i.id() + "/ack").statusCode()).isEqualTo(303);
        b.get("/console/incidents/" + i.id());
        assertThat(b.submit("/console/incidents/" + i.id() + "/responses/1/undo").statusCode()).isEqualTo(303);
        b.get("/console/incidents/" + i.id());
        assertThat(b.submit("/console/incidents/" + i.id() + "/resolve", "note", "rate back to normal").statusCode()).isEqualTo(303);

        HttpResponse<String> r = b.get("/console/incidents/" + i.id());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("<ol data-timeline", "data-status=\"resolved\"").doesNotContainPattern(INLINE_SCRIPT)
                .doesNotContain("style=");
        List<String> kinds = kinds(r.body());
        assertThat(kinds.getFirst()).isEqualTo("anomaly");
        assertThat(kinds).containsSubsequence("anomaly", "response", "anomaly", "response", "operator", "response_undone", "operator");
        assertThat(kinds.subList(kinds.size() - 3, kinds.size())).containsExactly("operator", "response_undone", "operator");
        String first = r.body().substring(r.body().indexOf("<li data-kind=\"anomaly\">"));
        first = first.substring(0, first.indexOf("</li>"));
        assertThat(first).contains("detector volume_spike", "calls per minute 240 over a usual 12.5", "<dt>observed</dt><dd>240</dd>",
                "<dt>baseline</dt><dd>12.5</dd>", "<dt>threshold</dt><dd>3</dd>", "<dt>tool</dt><dd>inventory.read</dd>",
                "dec_evidence_1, dec_evidence_2", "2026-12-07 10:00:00 UTC");
        String response = r.body().substring(r.body().indexOf("<li data-kind=\"response\">"));
        assertThat(response.substring(0, response.indexOf("</li>"))).contains("system:incidents", "<dt>action</dt><dd>throttle</dd>",
                "<dt>detector</dt><dd>volume_spike</dd>");
        assertThat(r.body()).contains("operator:alice", "rate back to normal", "Marked acknowledged", "Marked resolved",
                "Response undone");
        // the throttle is undone; the quarantine (response of the second anomaly) is still in force and undoable
        assertThat(row(r.body(), "data-response", "1")).contains("undone by operator:alice").doesNotContain("data-action=\"undo\"");
        assertThat(r.body()).contains("data-confirm=\"Undo response").doesNotContain("data-action=\"resolve\"", "data-action=\"ack\"");
    }

    @Test
    void acknowledge_resolve_andFalsePositive_throughTheForms_changeTheState_andAuditTheOperator() throws Exception {
        agent("billing-bot");
        Incident a = anomaly("support-bot", "volume_spike", "spike");
        Incident f = anomaly("billing-bot", "access_pattern", "new tool");
        Browser b = signedIn("alice");

        String page = b.get("/console/incidents/" + a.id()).body();
        assertThat(page).contains("button type=\"submit\" data-action=\"ack\"", "data-action=\"resolve\"",
                "data-action=\"false-positive\"", "<label for=\"resolve-note\">", "data-action=\"undo\"");
        HttpResponse<String> ack = b.submit("/console/incidents/" + a.id() + "/ack");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(303);
        assertThat(ack.headers().firstValue("Location")).hasValue("/console/incidents/" + a.id());
        assertThat(incident(a.id()).get("state")).isEqualTo("acknowledged");
        assertThat(b.get("/console/incidents/" + a.id()).body()).doesNotContain("data-action=\"ack\"").contains("data-action=\"resolve\"");
        assertThat(b.submit("/console/incidents/" + a.id() + "/ack").statusCode()).as("acknowledged twice").isEqualTo(409);

        assertThat(b.submit("/console/incidents/" + a.id() + "/resolve", "note", "load test, expected").statusCode()).isEqualTo(303);
        assertThat(incident(a.id()).get("state")).isEqualTo("resolved");
        assertThat(b.submit("/console/incidents/" + f.id() + "/false-positive", "note", "new tool was approved").statusCode()).isEqualTo(303);
        assertThat(incident(f.id()).get("state")).isEqualTo("false_positive");
        assertThat(b.get("/console/incidents/" + f.id()).body()).contains("new tool was approved", "false positive")
                .doesNotContain("data-action=\"resolve\"", "data-action=\"false-positive\"");

        assertThat(AuditTrail.after(s, 0, "incident.acknowledged")).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("operator:alice"));
        assertThat(AuditTrail.after(s, 0, "incident.resolved")).singleElement().satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo("operator:alice");
            assertThat(e.get("note")).isEqualTo("load test, expected");
        });
        assertThat(AuditTrail.after(s, 0, "incident.false_positive")).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("operator:alice"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void undoingAResponse_liftsIt_andAuditsTheOperator() throws Exception {
        agent("billing-bot");
        Incident i = anomaly("billing-bot", "error_rate", "failures 8 of 10");
        assertThat(s.get("/v1/agents/billing-bot", TestServer.ADMIN).get("status")).isEqualTo("quarantined");
        Browser b = signedIn("alice");
        String page = b.get("/console/incidents/" + i.id()).body();
        assertThat(row(page, "data-response", "1")).contains("quarantine", "in force", "error_rate",
                "action=\"/console/incidents/" + i.id() + "/responses/1/undo\"", "data-confirm=", "data-action=\"undo\"");

        HttpResponse<String> r = b.submit("/console/incidents/" + i.id() + "/responses/1/undo");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        Map<String, Object> first = ((List<Map<String, Object>>) incident(i.id()).get("responses")).getFirst();
        assertThat(first.get("in_force")).isEqualTo(false);
        assertThat(first.get("undone_by")).isEqualTo("operator:alice");
        assertThat(s.get("/v1/agents/billing-bot", TestServer.ADMIN).get("status")).isEqualTo("active");
        assertThat(AuditTrail.after(s, 0, "incident.response_undone")).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("operator:alice"));
        assertThat(b.submit("/console/incidents/" + i.id() + "/responses/1/undo").statusCode()).as("undone twice").isEqualTo(409);
        assertThat(b.submit("/console/incidents/" + i.id() + "/responses/9/undo").statusCode()).isEqualTo(404);
        assertThat(b.submit("/console/incidents/" + i.id() + "/responses/x/undo").statusCode()).isEqualTo(400);
    }

    @Test
    void aPostWithoutTheCsrfToken_isRefused_andChangesNothing() throws Exception {
        Incident i = anomaly("support-bot", "volume_spike", "spike");
        String alert = (String) alerts().getFirst().get("alert_id");
        Browser b = signedIn("alice");

        for (String path : List.of("/console/incidents/" + i.id() + "/ack", "/console/incidents/" + i.id() + "/resolve",
                "/console/incidents/" + i.id() + "/false-positive", "/console/incidents/" + i.id() + "/responses/1/undo",
                "/console/alerts/" + alert + "/ack")) {
            assertThat(b.post(path, Map.of("note", "x")).statusCode()).as(path).isEqualTo(403);
            assertThat(b.post(path, Map.of("_csrf", "wrong-token", "note", "x")).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(incident(i.id()).get("state")).isEqualTo("open");
        assertThat(incident(i.id()).toString()).contains("in_force=true");
        assertThat(alerts().getFirst().get("state")).isEqualTo("open");
    }

    @Test
    void anAuditorReads_withoutForms_andIsRefusedActions_anApproverMayNotRead() throws Exception {
        Incident i = anomaly("support-bot", "volume_spike", "spike");
        String alert = (String) alerts().getFirst().get("alert_id");
        Browser auditor = signedIn("audrey");

        assertThat(auditor.get("/console/incidents").statusCode()).isEqualTo(200);
        HttpResponse<String> page = auditor.get("/console/incidents/" + i.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<ol data-timeline").doesNotContain("data-action=");
        HttpResponse<String> alertsPage = auditor.get("/console/alerts");
        assertThat(alertsPage.body()).contains("data-alert=\"" + alert + "\"").doesNotContain("data-action=");
        for (String path : List.of("/console/incidents/" + i.id() + "/ack", "/console/incidents/" + i.id() + "/resolve",
                "/console/incidents/" + i.id() + "/false-positive", "/console/incidents/" + i.id() + "/responses/1/undo",
                "/console/alerts/" + alert + "/ack")) {
            HttpResponse<String> r = auditor.submit(path, "note", "x");
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).contains("admin");
        }
        assertThat(incident(i.id()).get("state")).isEqualTo("open");
        assertThat(incident(i.id()).toString()).contains("in_force=true");
        assertThat(alerts().getFirst().get("state")).isEqualTo("open");
        // each refusal is on record as the API records one, with the operator and the request
        assertThat(AuditTrail.after(s, 0, "operator.refused")).hasSize(5)
                .allSatisfy(e -> assertThat(List.of(e.get("actor"), e.get("code"))).containsExactly("operator:audrey", "forbidden"));

        Browser approver = signedIn("april");
        assertThat(approver.get("/console/incidents").statusCode()).isEqualTo(403);
        assertThat(approver.get("/console/incidents/" + i.id()).statusCode()).isEqualTo(403);
        assertThat(approver.get("/console/alerts").statusCode()).isEqualTo(403);
        assertThat(new Browser().get("/console/alerts").statusCode()).as("signed out").isEqualTo(303);
    }

    @Test
    void alerts_areListed_andAcknowledgedThroughTheForm() throws Exception {
        anomaly("support-bot", "volume_spike", "spike of support-bot");
        Map<String, Object> raised = alerts().getFirst();
        String id = (String) raised.get("alert_id");
        Browser b = signedIn("alice");

        HttpResponse<String> page = b.get("/console/alerts");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Alerts</h1>").doesNotContainPattern(INLINE_SCRIPT).doesNotContain("style=");
        assertThat(row(page.body(), "data-alert", id)).contains((String) raised.get("severity"), (String) raised.get("kind"),
                "support-bot", "spike of support-bot", "data-acked=\"false\"", "action=\"/console/alerts/" + id + "/ack\"",
                "data-action=\"ack\"");

        HttpResponse<String> ack = b.submit("/console/alerts/" + id + "/ack");

        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(303);
        assertThat(ack.headers().firstValue("Location")).hasValue("/console/alerts");
        assertThat(alerts().getFirst()).containsEntry("state", "acked").containsEntry("acked_by", "operator:alice");
        String after = b.get("/console/alerts").body();
        assertThat(row(after, "data-alert", id)).contains("data-acked=\"true\"", "operator:alice").doesNotContain("data-action");
        assertThat(b.get("/console/alerts?state=open").body()).doesNotContain("data-alert=\"" + id + "\"");
        assertThat(b.get("/console/alerts?state=acked").body()).contains("data-alert=\"" + id + "\"");
        assertThat(b.get("/console/alerts?state=bogus").statusCode()).isEqualTo(400);
        assertThat(AuditTrail.after(s, 0, "alert.acked")).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("operator:alice"));
        assertThat(b.submit("/console/alerts/" + id + "/ack").statusCode()).as("acknowledged twice").isEqualTo(409);
        assertThat(b.submit("/console/alerts/alr_" + "0".repeat(32) + "/ack").statusCode()).isEqualTo(404);
    }

    @Test
    void agentInfluencedText_isEscaped_onEveryPage() throws Exception {
        Incident i = anomaly("support-bot", "volume_spike", "spike " + XSS + " \"quoted\" & <b>bold</b>");
        Browser b = signedIn("alice");

        for (String path : List.of("/console/incidents", "/console/incidents/" + i.id(), "/console/alerts")) {
            String body = b.get(path).body();
            assertThat(body).as(path).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt;")
                    .doesNotContain(XSS, "<b>bold</b>").doesNotContainPattern(INLINE_SCRIPT);
        }
    }
}
