package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's agent page and its actions over real HTTP: sections, escaping, the activity JSON
 * against the decisions made, kill / quarantine / restore through the forms with the API's roles,
 * visibility for owners, and the admins' scoped kill.
 */
class ConsoleAgentPageTest {
    static final String PASSWORD = "correct-horse-battery-staple";
    static final String XSS = "<script>alert(1)</script>";
    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final String READ = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}";
    static final String UNKNOWN = "{\"action\":\"no.such_tool\",\"args\":{}}";
    static final List<String> SECTIONS = List.of("behaviour", "incidents", "limits", "readiness", "actions");

    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    final MutableClock clock = new MutableClock(Instant.now());
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        TestServer.quickstartCopy(config);
        s = new TestServer(config, data, clock);
        operator("alice", "admin");
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    /** A browser holding the console cookie. */
    final class Browser extends ConsoleBrowser {
        Browser() {
            super(s);
        }

        /** Posts a form with the session's CSRF token unless it carries one. */
        @Override
        HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
            Map<String, String> form = new HashMap<>(fields);
            form.putIfAbsent("_csrf", csrf);
            return super.post(path, form);
        }

        /** Signs in; then holds a page's CSRF token. */
        Browser signIn(String name) throws Exception {
            get("/console/login");
            HttpResponse<String> r = post("/console/login", Map.of("name", name, "password", PASSWORD));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            get("/console/");
            return this;
        }
    }

    private void operator(String name, String... roles) {
        String list = String.join(",", List.of(roles).stream().map(r -> "\"" + r + "\"").toList());
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[%s],\"password\":\"%s\"}".formatted(name, list, PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private void agent(String name, String owner, String purpose) {
        TestServer.Reply r = s.post("/v1/agents", TestServer.ADMIN, """
                {"name":"%s","purpose":%s,"owner":%s,"capabilities":["inventory.read"],"version":"1",
                 "config_digest":"sha256:0","project":"shop","environment":"prod",
                 "public_keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"""
                .formatted(name, dev.warden.server.api.v1.Json.write(purpose), dev.warden.server.api.v1.Json.write(owner)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String status(String agent) {
        return (String) s.get("/v1/agents/" + agent, TestServer.ADMIN).get("status");
    }

    @Test
    void agentPage_hasEverySection_theChartAndItsTable_andLinksFromTheList() throws Exception {
        Browser admin = new Browser().signIn("alice");

        HttpResponse<String> list = admin.get("/console/agents");
        assertThat(list.body()).contains("<tr data-agent=\"support-bot\"><td><a href=\"/console/agents/support-bot\">support-bot</a>");

        HttpResponse<String> r = admin.get("/console/agents/support-bot");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (String section : SECTIONS) {
            assertThat(r.body()).contains("<section data-section=\"" + section + "\"");
        }
        assertThat(r.body()).contains("<h1>Agent support-bot</h1>", "data-field=\"level\">senior<", "data-field=\"owner\">alice@example.com<",
                "data-activity=\"/console/agents/support-bot/activity.json\"", "data-kpi=\"allowed_7d\"",
                "/console/assets/uPlot.", "/console/assets/agent.", "data-limit=\"rate_per_tool\"", "60 calls a minute",
                "data-limit=\"budget:refund_daily\"", "hx-get=\"/console/agents/support-bot/readiness\" hx-trigger=\"load\"",
                "data-action=\"kill\"", "data-action=\"quarantine\"", "data-action=\"restore\"", "data-confirm=\"Kill support-bot?");
        // readiness reads the audit trail: it comes after the page, as a fragment for htmx or as a page of its own
        HttpResponse<String> fragment = admin.get("/console/agents/support-bot/readiness", "HX-Request", "true");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).startsWith("<section data-section=\"readiness\"").doesNotContain("<html")
                .contains("data-gate=\"performance\"", "data-control=", "data-shadow=\"would_allow\"");
        HttpResponse<String> own = admin.get("/console/agents/support-bot/readiness");
        assertThat(own.body()).contains("<html", "<h1>Agent support-bot: promotion readiness</h1>", "data-gate=\"performance\"");
        assertThat(INLINE_SCRIPT.matcher(r.body()).find()).isFalse();
        assertThat(r.body()).doesNotContain("style=", " onclick", " onload");
        // every action form carries the CSRF token and a required reason
        assertThat(r.body().split("name=\"reason\" type=\"text\" required", -1)).hasSize(4);
    }

    @Test
    void purpose_withAScript_isShownAsText() throws Exception {
        agent("xss-bot", "bob", XSS);
        Browser admin = new Browser().signIn("alice");

        HttpResponse<String> r = admin.get("/console/agents/xss-bot");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(XSS).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(INLINE_SCRIPT.matcher(r.body()).find()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void activityJson_countsTheDecisionsMade_perValue_andInTheCurrentHour() throws Exception {
        String token = s.token("support-bot");
        Map<String, Integer> made = new HashMap<>();
        for (String body : List.of(READ, READ, READ, UNKNOWN, UNKNOWN)) {
            made.merge((String) s.decide(token, body).get("decision"), 1, Integer::sum);
        }
        assertThat(made).containsEntry("allow", 3).containsEntry("deny", 2);
        Browser admin = new Browser().signIn("alice");

        Map<String, Object> json = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) { // a denial's record may be committed just after its answer
            HttpResponse<String> r = admin.get("/console/agents/support-bot/activity.json");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            json = dev.warden.server.api.v1.Json.parseObject(r.body());
            if (((Map<String, Object>) json.get("totals")).get("denied").equals(2L)) {
                break;
            }
            Thread.sleep(50);
        }
        Map<String, Object> totals = (Map<String, Object>) json.get("totals");
        assertThat(totals).containsEntry("allowed", 3L).containsEntry("denied", 2L).containsEntry("held", 0L);
        List<Object> hours = (List<Object>) json.get("hours");
        List<Object> allowed = (List<Object>) json.get("allowed");
        assertThat(hours).hasSize(168);
        assertThat(allowed).hasSize(168);
        assertThat(allowed.getLast()).isEqualTo(3L); // all in the current hour, the last bucket
        assertThat(((List<Object>) json.get("denied")).getLast()).isEqualTo(2L);
        assertThat(((Number) hours.getLast()).longValue()).isEqualTo(clock.instant().getEpochSecond() / 3600 * 3600);
        assertThat(json.get("expected")).isInstanceOf(List.class); // the baseline saw the agent
        assertThat((List<Object>) json.get("band_high")).hasSize(168);

        HttpResponse<String> page = admin.get("/console/agents/support-bot");
        assertThat(page.body()).contains("<tr data-kpi=\"allowed_7d\"><th scope=\"row\">Allowed, last 7 days</th><td>3</td>",
                "<tr data-kpi=\"denied_7d\"><th scope=\"row\">Denied, last 7 days</th><td>2</td>");
    }

    @Test
    void activityJson_withoutASession_leadsToTheSignIn() throws Exception {
        HttpResponse<String> r = new Browser().get("/console/agents/support-bot/activity.json");

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/login");
    }

    @Test
    void killThroughTheForm_killsTheAgent_recordsTheOperator_andItsNextDecisionIsDenied() throws Exception {
        String token = s.token("support-bot");
        assertThat(s.decide(token, READ).get("decision")).isEqualTo("allow");
        Browser admin = new Browser().signIn("alice");
        admin.get("/console/agents/support-bot");

        HttpResponse<String> r = admin.post("/console/agents/support-bot/kill", Map.of("reason", "leaking data"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/agents/support-bot");
        assertThat(status("support-bot")).isEqualTo("killed");
        assertThat(s.decide(token, READ).get("decision")).isEqualTo("deny");
        HttpResponse<String> audit = s.getText("/v1/audit/entries?agent=support-bot&kind=agent.killed", TestServer.ADMIN);
        assertThat(audit.body()).contains("operator:alice", "leaking data");
        assertThat(admin.get("/console/agents/support-bot").body()).contains("data-field=\"status\" class=\"status-killed\">killed<");

        // restore through its form: active again, one level lower, as the API's restore does
        HttpResponse<String> restored = admin.post("/console/agents/support-bot/restore", Map.of("reason", "fixed"));
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(303);
        assertThat(status("support-bot")).isEqualTo("active");
        assertThat(s.get("/v1/agents/support-bot", TestServer.ADMIN).get("level")).isEqualTo("junior");
    }

    @Test
    void quarantineThroughTheForm_deniesDecisions_andRestoringAnActiveAgentIsAConflictPage() throws Exception {
        String token = s.token("support-bot");
        Browser admin = new Browser().signIn("alice");

        HttpResponse<String> active = admin.post("/console/agents/support-bot/restore", Map.of("reason", "r"));
        assertThat(active.statusCode()).isEqualTo(409);
        assertThat(active.body()).contains("is active");

        assertThat(admin.post("/console/agents/support-bot/quarantine", Map.of("reason", "odd")).statusCode()).isEqualTo(303);
        assertThat(status("support-bot")).isEqualTo("quarantined");
        assertThat(s.decide(token, READ).get("decision")).isEqualTo("deny");
    }

    @Test
    void missingReason_isA400Page_andChangesNothing() throws Exception {
        Browser admin = new Browser().signIn("alice");

        HttpResponse<String> blank = admin.post("/console/agents/support-bot/kill", Map.of("reason", "  "));
        HttpResponse<String> none = admin.post("/console/agents/support-bot/quarantine", Map.of());

        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("Reason missing");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(status("support-bot")).isEqualTo("active");
    }

    @Test
    void withoutTheCsrfToken_aKillIsRefused() throws Exception {
        Browser admin = new Browser().signIn("alice");

        HttpResponse<String> r = admin.post("/console/agents/support-bot/kill", Map.of("_csrf", "wrong", "reason", "r"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(status("support-bot")).isEqualTo("active");
    }

    @Test
    void approverAndAuditor_seeThePage_withoutActionForms_andTheirPostsAre403() throws Exception {
        operator("ann", "approver");
        operator("audrey", "auditor");
        for (String name : List.of("ann", "audrey")) {
            Browser b = new Browser().signIn(name);
            HttpResponse<String> page = b.get("/console/agents/support-bot");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<section data-section=\"actions\"", "Your roles allow no action")
                    .doesNotContain("data-action=", "/console/agents/support-bot/kill");

            for (String action : List.of("kill", "quarantine", "restore")) {
                HttpResponse<String> r = b.post("/console/agents/support-bot/" + action, Map.of("reason", "r"));
                assertThat(r.statusCode()).as(name + " " + action).isEqualTo(403);
            }
            assertThat(status("support-bot")).isEqualTo("active");
        }
        // each refused action is on record as the API records one
        assertThat(AuditTrail.after(s, 0, "operator.refused")).hasSize(6)
                .allSatisfy(e -> assertThat(e.get("code")).isEqualTo("forbidden"))
                .extracting(e -> e.get("actor")).containsOnly("operator:ann", "operator:audrey");
    }

    @Test
    void owner_seesAndKillsItsOwnAgent_butNotAnothers_andCannotRestore() throws Exception {
        operator("bob", "owner");
        agent("bob-bot", "bob", "bob's helper");
        Browser bob = new Browser().signIn("bob");

        assertThat(bob.get("/console/agents/support-bot").statusCode()).isEqualTo(404);
        assertThat(bob.get("/console/agents/support-bot/activity.json").statusCode()).isEqualTo(404);
        assertThat(bob.get("/console/agents/no-such-bot").statusCode()).isEqualTo(404);
        HttpResponse<String> own = bob.get("/console/agents/bob-bot");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("data-action=\"kill\"", "data-action=\"quarantine\"").doesNotContain("data-action=\"restore\"");

        assertThat(bob.post("/console/agents/support-bot/kill", Map.of("reason", "r")).statusCode()).isEqualTo(404);
        assertThat(status("support-bot")).isEqualTo("active");
        assertThat(bob.post("/console/agents/bob-bot/kill", Map.of("reason", "mine")).statusCode()).isEqualTo(303);
        assertThat(status("bob-bot")).isEqualTo("killed");
        assertThat(bob.post("/console/agents/bob-bot/restore", Map.of("reason", "r")).statusCode()).isEqualTo(403);
        assertThat(status("bob-bot")).isEqualTo("killed");
    }

    @Test
    void scopedKill_isForAdminsOnly_andKillsTheScope() throws Exception {
        operator("ann", "approver");
        operator("bob", "owner");
        agent("bob-bot", "bob", "one");
        agent("bob-bot-2", "bob", "two");
        Browser ann = new Browser().signIn("ann");
        assertThat(ann.get("/console/kill").statusCode()).isEqualTo(403);
        assertThat(ann.post("/console/kill", Map.of("scope", "all", "reason", "r")).statusCode()).isEqualTo(403);
        Browser bob = new Browser().signIn("bob");
        assertThat(bob.post("/console/kill", Map.of("scope", "owner", "value", "bob", "reason", "r")).statusCode()).isEqualTo(403);
        assertThat(status("support-bot")).isEqualTo("active");
        assertThat(status("bob-bot")).isEqualTo("active");

        Browser admin = new Browser().signIn("alice");
        HttpResponse<String> form = admin.get("/console/kill");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<form method=\"post\" action=\"/console/kill\"", "data-confirm=", "name=\"reason\"",
                "value=\"owner\"", "value=\"project\"", "value=\"all\"");
        assertThat(admin.post("/console/kill", Map.of("scope", "owner", "value", "bob", "reason", " ")).statusCode()).isEqualTo(400);
        assertThat(admin.post("/console/kill", Map.of("scope", "owner", "value", "", "reason", "r")).statusCode()).isEqualTo(400);
        assertThat(admin.post("/console/kill", Map.of("scope", "nothing", "reason", "r")).statusCode()).isEqualTo(400);
        assertThat(status("bob-bot")).isEqualTo("active");

        HttpResponse<String> r = admin.post("/console/kill", Map.of("scope", "owner", "value", "bob", "reason", "bob left"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("data-result=\"kill\"", "owner bob: 2 agent(s) (bob-bot, bob-bot-2)");
        assertThat(status("bob-bot")).isEqualTo("killed");
        assertThat(status("bob-bot-2")).isEqualTo("killed");
        assertThat(status("support-bot")).isEqualTo("active");
        HttpResponse<String> audit = s.getText("/v1/audit/entries?kind=agent.kill_scoped", TestServer.ADMIN);
        assertThat(audit.body()).contains("operator:alice", "bob left");
    }

    @Test
    void agentAsset_isServedHashed() throws Exception {
        Browser admin = new Browser().signIn("alice");
        Matcher m = Pattern.compile("src=\"(/console/assets/agent\\.[0-9a-f]{10}\\.js)\"")
                .matcher(admin.get("/console/agents/support-bot").body());
        assertThat(m.find()).isTrue();

        HttpResponse<String> js = admin.get(m.group(1));

        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("new uPlot(");
        assertThat(Optional.ofNullable(js.headers().firstValue("Cache-Control").orElse(null))).hasValue("public, max-age=31536000, immutable");
    }
}
