package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's approvals queue, an approval's page with its approve, deny and grant forms, and the
 * grants page, over real HTTP: what each operator sees, that decisions go through the API's rules
 * (scope, CSRF, already decided) and are the ones the agent then gets, and that agent-supplied text
 * is shown escaped.
 */
class ConsoleApprovalsTest {
    static final String PASSWORD = "correct-horse-battery-staple";
    static final String XSS = "<script>alert(1)</script>";
    static final String AWS_KEY = "AKIAQ7TZXR3VN4PLM2WD";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)");
    static final String REFUND = "{\"action\":\"refund.process\",\"resource\":\"order/%1$s\","
            + "\"args\":{\"order_id\":\"%1$s\",\"amount\":20}%2$s}";

    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    MutableClock clock = new MutableClock(Instant.now());
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String agentToken;

    @BeforeEach
    void start() throws Exception {
        TestServer.quickstartCopy(config);
        s = new TestServer(config, data, clock);
        operator("alice", "admin");
        agentToken = s.token("support-bot");
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

        /** Signs in; the browser then holds the session. */
        Browser signIn(String name) throws Exception {
            String csrf = csrf(get("/console/login").body());
            HttpResponse<String> r = post("/console/login", Map.of("_csrf", csrf, "name", name, "password", PASSWORD));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            return this;
        }

        /** The CSRF token of a signed-in page. */
        String token() throws Exception {
            return csrf(get("/console/approvals").body());
        }
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

    /** Asks for a refund of order {@code order}; the pending approval's id. */
    private String refund(String order, String extra) {
        TestServer.Reply d = s.decide(agentToken, REFUND.formatted(order, extra));
        assertThat(d.get("decision")).as(d.body()).isEqualTo("approval_required");
        return (String) d.get("approval_id");
    }

    private String refund(String order) {
        return refund(order, "");
    }

    /** The agent repeats the call with the approval id; the decision it gets. */
    private String retry(String order, String approvalId) {
        TestServer.Reply d = s.decide(agentToken, REFUND.formatted(order, ",\"approval_id\":\"" + approvalId + "\""));
        return (String) d.get("decision");
    }

    private TestServer.Reply api(String id) {
        return s.get("/v1/approvals/" + id, TestServer.ADMIN);
    }

    @Test
    void theQueue_listsPendingRequests_withTheirColumns_andTheFragmentTheSame() throws Exception {
        String id = refund("A-1");
        Browser b = new Browser().signIn("alice");

        HttpResponse<String> page = b.get("/console/approvals");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Approvals</h1>", "hx-get=\"/console/approvals/queue\"", "hx-trigger=\"every 3s\"",
                "<tr data-approval=\"" + id + "\"><td>support-bot</td><td>refund.process</td><td>order/A-1</td><td>medium</td>",
                "href=\"/console/approvals/" + id + "\"", "<th scope=\"col\">Deadline (UTC)</th>");
        assertThat(INLINE_SCRIPT.matcher(page.body()).find()).isFalse();
        assertThat(page.body()).doesNotContain("style=", "hx-on");
        HttpResponse<String> fragment = b.get("/console/approvals/queue");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("<tr data-approval=\"" + id + "\">").doesNotContain("<html", "<h1>");
    }

    @Test
    void theQueue_showsOnlyPendingRequests_andOnlyThoseInAnApproversScope() throws Exception {
        String decided = refund("A-2");
        String open = refund("A-3");
        assertThat(s.post("/v1/approvals/" + decided + "/deny", TestServer.ADMIN, "").status()).isEqualTo(200);
        operator("fran", "approver@shop:refund.*");
        operator("ivan", "approver@shop:inventory.*");

        String fran = new Browser().signIn("fran").get("/console/approvals/queue").body();
        String ivan = new Browser().signIn("ivan").get("/console/approvals/queue").body();

        assertThat(fran).contains("data-approval=\"" + open + "\"").doesNotContain(decided);
        assertThat(ivan).doesNotContain(open, decided).contains("No request is waiting");
    }

    @Test
    void anOwnerWithoutApproverRole_getsAPage403ForTheQueue_asTheApiRefusesIt() throws Exception {
        refund("A-4");
        operator("olga", "owner");

        HttpResponse<String> r = new Browser().signIn("olga").get("/console/approvals");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<!DOCTYPE html>", "may not list approvals").doesNotContain("support-bot");
    }

    @Test
    void theDetail_showsMaskedArguments_andEscapesHostileRationaleAndArguments() throws Exception {
        String id = refund("A-5", ",\"context\":{\"rationale\":\"" + XSS + " damaged\"}");
        TestServer.Reply masked = s.decide(agentToken, "{\"action\":\"product.update_description\",\"resource\":\"product/B-1\","
                + "\"args\":{\"sku\":\"B-1\",\"description\":\"" + XSS.replace("/", "\\/") + " key " + AWS_KEY + "\"}}");
        assertThat(masked.get("decision")).as(masked.body()).isEqualTo("approval_required");
        String maskedId = (String) masked.get("approval_id");
        Browser b = new Browser().signIn("alice");

        String page = b.get("/console/approvals/" + id).body();
        assertThat(page).contains("<h1>Approval request</h1>", "support-small-refunds", "alice@example.com", "senior",
                "<tr data-arg=\"amount\"><th scope=\"row\">amount</th><td><code>20</code></td></tr>",
                "&lt;script&gt;alert(1)&lt;/script&gt; damaged", "data-state=\"pending\"", "Last 7 days",
                "button type=\"submit\" data-action=\"approve\"", "button type=\"submit\" data-action=\"deny\"",
                "name=\"note\"", "action=\"/console/grants\"");
        assertThat(page).doesNotContain(XSS);
        assertThat(INLINE_SCRIPT.matcher(page).find()).isFalse();

        String other = b.get("/console/approvals/" + maskedId).body();
        assertThat(other).contains("[secret]", "&lt;script&gt;").doesNotContain(AWS_KEY, XSS);
        assertThat(b.get("/console/approvals/apr_" + "0".repeat(32)).statusCode()).isEqualTo(404);
    }

    @Test
    void approvingThroughTheForm_recordsTheOperatorAndNote_andTheAgentsRepeatedCallIsAllowed() throws Exception {
        String id = refund("A-7");
        Browser b = new Browser().signIn("alice");
        String token = csrf(b.get("/console/approvals/" + id).body());

        HttpResponse<String> r = b.post("/console/approvals/" + id + "/approve", Map.of("_csrf", token, "note", "checked the order"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/approvals/" + id);
        TestServer.Reply a = api(id);
        assertThat(a.get("state")).isEqualTo("approved");
        assertThat((String) a.get("decided_by")).contains("alice");
        assertThat(a.get("note")).isEqualTo("checked the order");
        String after = b.get("/console/approvals/" + id).body();
        assertThat(after).contains("data-state=\"approved\"", "checked the order").doesNotContain("data-action=\"approve\"");
        assertThat(b.get("/console/approvals/queue").body()).doesNotContain(id);
        assertThat(retry("A-7", id)).isEqualTo("allow");

        HttpResponse<String> again = b.post("/console/approvals/" + id + "/deny", Map.of("_csrf", token));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("<!DOCTYPE html>", "Conflict");
    }

    @Test
    void denyingThroughTheForm_isRecorded_andTheAgentsRetryIsDenied() throws Exception {
        String id = refund("A-8");
        Browser b = new Browser().signIn("alice");

        HttpResponse<String> r = b.post("/console/approvals/" + id + "/deny", Map.of("_csrf", b.token(), "note", "not eligible"));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(api(id).get("state")).isEqualTo("denied");
        assertThat(api(id).get("note")).isEqualTo("not eligible");
        assertThat(retry("A-8", id)).isEqualTo("deny");
    }

    @Test
    void aPostWithoutTheCsrfToken_is403_andDecidesNothing() throws Exception {
        String id = refund("A-9");
        Browser b = new Browser().signIn("alice");

        HttpResponse<String> none = b.post("/console/approvals/" + id + "/approve", Map.of("note", "x"));
        HttpResponse<String> wrong = b.post("/console/approvals/" + id + "/approve", Map.of("_csrf", "forged", "note", "x"));
        HttpResponse<String> grant = b.post("/console/grants", Map.of("agent", "support-bot", "tool", "refund.process",
                "expires_in", "1h", "reason", "x"));

        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(grant.statusCode()).isEqualTo(403);
        assertThat(api(id).get("state")).isEqualTo("pending");
        assertThat((List<?>) s.get("/v1/grants", TestServer.ADMIN).get("grants")).isEmpty();
    }

    @Test
    void anOperatorWhoMayNotDecide_readsTheRequestWithoutForms_andGets403OnPost() throws Exception {
        String id = refund("A-10");
        operator("bob", "auditor");
        operator("ivan", "approver@shop:inventory.*");
        Browser bob = new Browser().signIn("bob");
        Browser ivan = new Browser().signIn("ivan");

        String page = bob.get("/console/approvals/" + id).body();
        HttpResponse<String> approve = bob.post("/console/approvals/" + id + "/approve", Map.of("_csrf", bob.token()));
        HttpResponse<String> ivanReads = ivan.get("/console/approvals/" + id);
        HttpResponse<String> ivanDenies = ivan.post("/console/approvals/" + id + "/deny", Map.of("_csrf", ivan.token()));

        assertThat(page).contains("order/A-10", "You may read this request but not decide it")
                .doesNotContain("data-action=\"approve\"", "data-action=\"deny\"", "action=\"/console/grants\"");
        assertThat(approve.statusCode()).isEqualTo(403);
        assertThat(approve.body()).contains("may not approve");
        assertThat(ivanReads.statusCode()).isEqualTo(403);
        assertThat(ivanDenies.statusCode()).isEqualTo(403);
        assertThat(api(id).get("state")).isEqualTo("pending");
    }

    @Test
    void aGrantFromTheForm_isListed_letsTheCallThrough_andIsRevokedFromTheGrantsPage() throws Exception {
        String id = refund("A-11");
        Browser b = new Browser().signIn("alice");
        String token = csrf(b.get("/console/approvals/" + id).body());

        HttpResponse<String> created = b.post("/console/grants", Map.of("_csrf", token, "agent", "support-bot",
                "tool", "refund.process", "resource", "", "max_uses", "2", "expires_in", "1d", "reason", "refund week " + XSS));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        assertThat(created.headers().firstValue("Location")).hasValue("/console/grants");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> grants = (List<Map<String, Object>>) s.get("/v1/grants", TestServer.ADMIN).get("grants");
        assertThat(grants).hasSize(1);
        String grantId = (String) grants.getFirst().get("id");
        assertThat(grantId).isNotNull();
        assertThat((String) grants.getFirst().get("created_by")).contains("alice");
        String page = b.get("/console/grants").body();
        assertThat(page).contains("<tr data-grant=\"" + grantId + "\"><td>support-bot</td><td>refund.process</td><td>any</td><td>0 of 2</td>",
                "refund week &lt;script&gt;", "data-confirm=", "action=\"/console/grants/" + grantId + "/revoke\"")
                .doesNotContain(XSS);
        TestServer.Reply covered = s.decide(agentToken, REFUND.formatted("A-12", ""));
        assertThat(covered.get("decision")).as(covered.body()).isEqualTo("allow");

        HttpResponse<String> tooLong = b.post("/console/grants", Map.of("_csrf", token, "agent", "support-bot",
                "tool", "refund.process", "expires_in", "8d", "reason", "too long"));
        assertThat(tooLong.statusCode()).isEqualTo(400);

        HttpResponse<String> revoked = b.post("/console/grants/" + grantId + "/revoke", Map.of("_csrf", token));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(b.get("/console/grants").body()).doesNotContain(grantId).contains("No grant is in force");
        assertThat(s.get("/v1/grants/" + grantId, TestServer.ADMIN).body()).contains("revoked");
        assertThat(s.decide(agentToken, REFUND.formatted("A-13", "")).get("decision")).isEqualTo("approval_required");
    }

    @Test
    void anApproverOutOfScope_cannotGrant_andTheServiceRefusalIsAPage() throws Exception {
        operator("ivan", "approver@shop:inventory.*");
        Browser ivan = new Browser().signIn("ivan");

        HttpResponse<String> r = ivan.post("/console/grants", Map.of("_csrf", ivan.token(), "agent", "support-bot",
                "tool", "refund.process", "expires_in", "1h", "reason", "x"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<!DOCTYPE html>", "may not grant refund.process");
        assertThat((List<?>) s.get("/v1/grants", TestServer.ADMIN).get("grants")).isEmpty();
    }

    @Test
    void theAgentsOwner_mayNotApproveThroughTheConsole_butMayDeny_asTheSeparationOfDutiesSays() throws Exception {
        String id = refund("A-14");
        operator("alice@example.com", "owner", "approver"); // support-bot's owner in the quickstart
        Browser owner = new Browser().signIn("alice@example.com");

        HttpResponse<String> approve = owner.post("/console/approvals/" + id + "/approve", Map.of("_csrf", owner.token()));

        assertThat(approve.statusCode()).isEqualTo(403);
        assertThat(approve.body()).contains("<!DOCTYPE html>", "owner");
        assertThat(api(id).get("state")).isEqualTo("pending");
        HttpResponse<String> deny = owner.post("/console/approvals/" + id + "/deny", Map.of("_csrf", owner.token()));
        assertThat(deny.statusCode()).isEqualTo(303);
        assertThat(api(id).get("state")).isEqualTo("denied");
    }

    @Test
    void atTheTwoPersonRisk_oneApprovalThroughTheConsoleIsASignOff_andASecondApproverDecides() throws Exception {
        s.close();
        Path yaml = config.resolve("warden.yaml");
        java.nio.file.Files.writeString(yaml, java.nio.file.Files.readString(yaml) + "\nsod:\n  two_person_risk: medium\n");
        s = new TestServer(config, data.resolve("two-person"), clock);
        operator("alice", "admin");
        operator("fran", "approver@shop:refund.*");
        agentToken = s.token("support-bot");
        String id = refund("A-15");
        Browser alice = new Browser().signIn("alice");
        Browser fran = new Browser().signIn("fran");

        HttpResponse<String> first = alice.post("/console/approvals/" + id + "/approve", Map.of("_csrf", alice.token()));

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(api(id).get("state")).isEqualTo("pending");
        assertThat(alice.get("/console/approvals/" + id).body()).contains("(signed off: ", "alice", "data-state=\"pending\"");
        HttpResponse<String> again = alice.post("/console/approvals/" + id + "/approve", Map.of("_csrf", alice.token()));
        assertThat(again.statusCode()).isIn(403, 409);
        assertThat(api(id).get("state")).isEqualTo("pending");
        HttpResponse<String> second = fran.post("/console/approvals/" + id + "/approve", Map.of("_csrf", fran.token()));
        assertThat(second.statusCode()).isEqualTo(303);
        assertThat(api(id).get("state")).isEqualTo("approved");
        assertThat(retry("A-15", id)).isEqualTo("allow");
    }
}
