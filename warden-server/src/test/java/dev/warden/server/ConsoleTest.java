package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator console over real HTTP: sign-in, sessions, CSRF, headers, escaping, visibility. */
class ConsoleTest {
    static final String PASSWORD = "correct-horse-battery-staple";
    static final String XSS = "<script>alert(1)</script>";
    /** A script element without a src: the console never has one (the CSP would block it anyway). */
    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern CSS = Pattern.compile("href=\"(/console/assets/console\\.[0-9a-f]{10}\\.css)\"");

    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    MutableClock clock = new MutableClock(Instant.now());
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

    /** A browser: the console cookie it holds. */
    final class Browser extends ConsoleBrowser {
        Browser() {
            super(s);
        }
    }

    private static Optional<String> setCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("warden_console=")).findFirst();
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
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

    @Test
    void loginPage_hasTheLabelledForm_andTheSecurityHeaders() throws Exception {
        HttpResponse<String> r = new Browser().get("/console/login");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
        assertThat(r.body()).contains("<html lang=\"en\">", "<meta name=\"viewport\"", "<title>Sign in",
                "<form method=\"post\" action=\"/console/login\"", "<label for=\"name\">", "<input name=\"name\" id=\"name\"",
                "<label for=\"password\">", "<input name=\"password\" id=\"password\" type=\"password\"",
                "<button type=\"submit\">Sign in</button>", "name=\"_csrf\"");
        assertThat(r.body()).doesNotContain("<script", "style=", "<style");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void wrongPassword_and_unknownName_answer401WithTheSameAlert() throws Exception {
        HttpResponse<String> wrong = new Browser().signIn("alice", "not-the-password");
        HttpResponse<String> unknown = new Browser().signIn("mallory", PASSWORD);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("<p role=\"alert\"", "<form method=\"post\" action=\"/console/login\"");
        String alert = wrong.body().substring(wrong.body().indexOf("role=\"alert\""));
        assertThat(unknown.body()).contains(alert.substring(0, alert.indexOf("</p>")));
        assertThat(AuditTrail.after(s, 0, "operator.login_failed")).isNotEmpty();
    }

    @Test
    void failedSignIns_throughTheApi_lockTheConsoleToo_evenWithTheRightPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            s.post("/v1/login", null, "{\"name\":\"alice\",\"password\":\"guess-%d-guess\"}".formatted(i));
        }
        Browser b = new Browser();
        HttpResponse<String> r = b.signIn("alice", PASSWORD);

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).contains("<p role=\"alert\"");
        assertThat(b.get("/console/").statusCode()).isEqualTo(303);
    }

    @Test
    void signIn_setsAStrictHttpOnlyCookie_withANewId_andRedirectsToTheOverview() throws Exception {
        Browser b = new Browser();
        b.get("/console/login");
        String before = b.cookie;
        HttpResponse<String> r = b.signIn("alice", PASSWORD);

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/");
        String cookie = setCookie(r).orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/console");
        assertThat(cookie).doesNotContainIgnoringCase("Secure;").doesNotEndWith("Secure");
        // fixation: the pre-sign-in id is dropped, and does not become signed in
        assertThat(b.cookie).isNotEqualTo(before).hasSizeGreaterThanOrEqualTo(43);
        Browser attacker = new Browser();
        attacker.cookie = before;
        assertThat(attacker.get("/console/").statusCode()).isEqualTo(303);
        assertThat(AuditTrail.after(s, 0, "operator.login")).anyMatch(e -> "alice".equals(e.get("operator")));
    }

    @Test
    void overview_showsTheOperator_theNavigation_andEveryFigure() throws Exception {
        Browser b = new Browser();
        b.signIn("alice", PASSWORD);
        HttpResponse<String> r = b.get("/console/");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("<header>", "alice", "<form method=\"post\" action=\"/console/logout\">",
                "<button type=\"submit\">Sign out</button>", "<nav", "href=\"/console/\">Overview</a>",
                "href=\"/console/agents\">Agents</a>", "<main>", "<h1>Overview</h1>", "<title>Overview");
        for (String k : List.of("open_incidents", "pending_approvals", "mttd_seconds", "alert_delivery_seconds",
                "false_positive_rate", "authorization_rate", "audit_completeness", "recovery_seconds",
                "agents_level_intern", "agents_status_active")) {
            assertThat(r.body()).contains("data-kpi=\"" + k + "\"");
        }
        assertThat(r.body()).doesNotContain("style=").doesNotContainPattern(INLINE_SCRIPT)
                .contains("<script src=\"/console/assets/htmx.", "<script src=\"/console/assets/console.");
    }

    @Test
    void withoutASession_pagesRedirectToSignIn() throws Exception {
        HttpResponse<String> r = new Browser().get("/console/agents");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/login");
        Browser forged = new Browser();
        forged.cookie = "A".repeat(43);
        assertThat(forged.get("/console/").statusCode()).isEqualTo(303);
    }

    @Test
    void logout_withoutTheCsrfToken_isRefused_withIt_endsTheSession() throws Exception {
        Browser b = new Browser();
        b.signIn("alice", PASSWORD);
        String csrf = csrf(b.get("/console/").body());
        String session = b.cookie;

        HttpResponse<String> noToken = b.post("/console/logout", Map.of());
        HttpResponse<String> wrongToken = b.post("/console/logout", Map.of("_csrf", "x" + csrf));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(b.get("/console/").statusCode()).isEqualTo(200);

        HttpResponse<String> out = b.post("/console/logout", Map.of("_csrf", csrf));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/console/login");
        Browser replay = new Browser();
        replay.cookie = session;
        assertThat(replay.get("/console/").statusCode()).isEqualTo(303);
        assertThat(AuditTrail.after(s, 0, "operator.logout")).anyMatch(e -> "alice".equals(e.get("operator")));
    }

    @Test
    void signIn_withoutThePreSessionToken_isRefused() throws Exception {
        Browser b = new Browser();
        b.get("/console/login");
        HttpResponse<String> r = b.post("/console/login", Map.of("name", "alice", "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        // a cross-site form has neither the cookie nor the token
        HttpResponse<String> cross = new Browser().post("/console/login", Map.of("_csrf", "x", "name", "alice", "password", PASSWORD));
        assertThat(cross.statusCode()).isEqualTo(403);
        assertThat(setCookie(cross)).isEmpty();
    }

    @Test
    void idleSession_expires_andAbsoluteLimitHolds() throws Exception {
        Browser b = new Browser();
        b.signIn("alice", PASSWORD);
        clock.advance(Duration.ofMinutes(29));
        assertThat(b.get("/console/").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> r = b.get("/console/");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/login");

        Browser busy = new Browser();
        busy.signIn("alice", PASSWORD);
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            busy.get("/console/agents");
        }
        // 11 h 36 min of clicks keep it; past 12 h it ends however busy
        clock.advance(Duration.ofMinutes(25));
        assertThat(busy.get("/console/agents").statusCode()).isEqualTo(303);
    }

    @Test
    void disabledOperator_isSignedOutAtTheNextRequest() throws Exception {
        operator("bob", "auditor");
        Browser b = new Browser();
        b.signIn("bob", PASSWORD);
        assertThat(b.get("/console/").statusCode()).isEqualTo(200);
        assertThat(s.post("/v1/operators/bob/disable", TestServer.ADMIN, "").status()).isEqualTo(200);
        assertThat(b.get("/console/").statusCode()).isEqualTo(303);
    }

    @Test
    void stylesheet_isServedUnderItsHash_immutable_andNothingElseIs() throws Exception {
        Browser b = new Browser();
        Matcher m = CSS.matcher(b.get("/console/login").body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> css = b.get(m.group(1));

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(css.headers().firstValue("Content-Security-Policy")).isPresent();
        String hash = m.group(1).replaceAll(".*console\\.([0-9a-f]{10})\\.css", "$1");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(css.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(sha).startsWith(hash);

        HttpResponse<String> other = b.get("/console/assets/console.0000000000.css");
        HttpResponse<String> traversal = b.get("/console/assets/..%2F..%2Fwarden.yaml");
        assertThat(traversal.statusCode()).isIn(400, 404);
        assertThat(traversal.body()).doesNotContain("issuer");
        HttpResponse<String> missing = b.get("/console/nothing-here");
        for (HttpResponse<String> r : List.of(other, missing)) {
            assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("Exception", "\"error\"").contains("<html lang=\"en\">");
        }
    }

    @Test
    void agents_escapeWhatOwnersWrote_andOwnersSeeOnlyTheirOwn() throws Exception {
        operator("olga", "owner");
        operator("carl", "approver");
        agent("evil-bot", "olga", XSS + " \"quoted\" & more");
        agent("other-bot", "someone-else", "inventory");

        Browser admin = new Browser();
        admin.signIn("alice", PASSWORD);
        HttpResponse<String> all = admin.get("/console/agents");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("<h1>Agents</h1>", "<caption>", "<th scope=\"col\">Name</th>", "<th scope=\"col\">Level</th>",
                "<th scope=\"col\">Basis</th>", "<th scope=\"col\">Status</th>", "<th scope=\"col\">Owner</th>",
                "<th scope=\"col\">Project</th>", "<th scope=\"col\">Purpose</th>",
                "<tr data-agent=\"evil-bot\">", "<tr data-agent=\"other-bot\">", "<tr data-agent=\"support-bot\">",
                "&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(all.body()).doesNotContain(XSS).doesNotContainPattern(INLINE_SCRIPT);

        Browser owner = new Browser();
        owner.signIn("olga", PASSWORD);
        HttpResponse<String> own = owner.get("/console/agents");
        assertThat(own.body()).contains("<tr data-agent=\"evil-bot\">").doesNotContain("data-agent=\"other-bot\"",
                "data-agent=\"support-bot\"");

        Browser approver = new Browser();
        approver.signIn("carl", PASSWORD);
        assertThat(approver.get("/console/agents").body()).contains("data-agent=\"other-bot\"", "data-agent=\"evil-bot\"");
    }

    @Test
    void consoleErrors_areHtml_andTheApiStaysJson() throws Exception {
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(s.uri("/console/agents"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(s.get("/v1/no-such-thing", TestServer.ADMIN).get("error")).isNotNull();
    }
}
