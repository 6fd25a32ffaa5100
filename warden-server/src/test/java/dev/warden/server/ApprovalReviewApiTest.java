package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.alert.Alert;
import dev.warden.alert.AlertQuery;
import dev.warden.server.alert.WebhookDispatcher;
import dev.warden.server.api.v1.Json;
import dev.warden.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals reach approvers (a signed Slack message on their channel), show the approver what it
 * needs (the review), and resist rubber-stamping (alerts, statistics), over HTTP.
 */
class ApprovalReviewApiTest {
    private static final String SECRET = "whsec-approvals-5e4d3c2b1a";
    private static final String URL_TOKEN = "T0KEN-of-the-approvers-hook";
    private static final String AWS_KEY = "AKIAQ7TZXR3VN4PLM2WD";
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String REFUND = "{\"action\":\"refund.process\",\"resource\":\"order/%1$s\","
            + "\"args\":{\"order_id\":\"%1$s\",\"amount\":20}}";

    @TempDir
    Path config;
    @TempDir
    Path data;
    private AlertReceiver receiver;
    private TestServer s;
    private final MutableClock clock = new MutableClock(Instant.now());

    @BeforeEach
    void setUp() throws Exception {
        receiver = new AlertReceiver();
        TestServer.quickstartCopy(config);
        Files.writeString(config.resolve("webhook.secret"), SECRET + "\n");
        Path yaml = config.resolve("warden.yaml");
        String text = Files.readString(yaml)
                .replace("http:\n", "http:\n  public_url: https://warden.example.com/\n")
                .replace("approvals:\n", "approvals:\n  review:\n    min_decision_seconds: 10\n    bulk: {count: 3, window: 10m}\n");
        text += "\nalerts:\n"
                + "  channels:\n"
                + "    approvers:\n"
                + "      url: " + receiver.url("/approvers/" + URL_TOKEN) + "\n"
                + "      format: slack\n"
                + "      secret_file: webhook.secret\n"
                + "  routes:\n"
                + "    - {project: shop, min_severity: info, kinds: [approval.requested], to: [approvers]}\n";
        Files.writeString(yaml, text);
        s = new TestServer(config, data, clock);
    }

    @AfterEach
    void tearDown() {
        if (s != null) {
            s.close();
        }
        receiver.close();
    }

    private String approvalFor(String order) throws Exception {
        TestServer.Reply d = s.decide(s.token("support-bot"), REFUND.formatted(order));
        assertThat(d.get("decision")).as(d.body()).isEqualTo("approval_required");
        return (String) d.get("approval_id");
    }

    private List<Alert> alerts(String kind) throws InterruptedException {
        s.server.warden().alerts().awaitQueued(Duration.ofSeconds(5));
        return s.server.warden().alerts().list(AlertQuery.newest(100)).stream().filter(a -> a.kind().equals(kind)).toList();
    }

    private String operator(String name, String role) {
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[\"%s\"],\"password\":\"%s\"}".formatted(name, role, PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        TestServer.Reply login = s.post("/v1/login", null, "{\"name\":\"%s\",\"password\":\"%s\"}".formatted(name, PASSWORD));
        return (String) login.get("token");
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOpenedApproval_reachesTheApproversChannel_asOneSignedSlackMessage_withMaskedArgs_andNoSecret() throws Exception {
        TestServer.Reply d = s.decide(s.token("support-bot"), "{\"action\":\"product.update_description\","
                + "\"resource\":\"product/A-1\",\"args\":{\"sku\":\"A-1\",\"description\":\"Deploy key: " + AWS_KEY + "\"}}");
        assertThat(d.get("decision")).as(d.body()).isEqualTo("approval_required");
        String id = (String) d.get("approval_id");

        assertThat(receiver.awaitReceived(1, 10_000)).isTrue();
        assertThat(alerts("approval.requested")).singleElement()
                .satisfies(a -> assertThat(a.numbers()).containsEntry("approval_id", id));
        Thread.sleep(300); // nothing else follows
        assertThat(receiver.received).hasSize(1);
        AlertReceiver.Received r = receiver.received.getFirst();
        assertThat(r.path()).isEqualTo("/approvers/" + URL_TOKEN);

        String sig = r.header("X-Warden-Signature");
        long t = Long.parseLong(sig.substring(2, sig.indexOf(',')));
        assertThat(sig).isEqualTo(WebhookDispatcher.signature(SECRET.getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(t), r.body()));

        Map<String, Object> body = Json.parseObject(r.body());
        String expires = (String) s.get("/v1/approvals/" + id, TestServer.ADMIN).get("expires_at");
        assertThat((String) body.get("text")).contains("support-bot", "product.update_description", "product/A-1",
                "risk medium", expires, "<https://warden.example.com/console/approvals/" + id + "|");
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) body.get("blocks");
        assertThat(blocks).extracting(b -> b.get("type")).contains("header", "section", "actions", "context");
        assertThat(r.body()).contains("https://warden.example.com/v1/approvals/" + id, "[secret]", "*Risk*", "*Deadline*",
                "support-update-description");
        assertThat(r.body()).doesNotContain(AWS_KEY, SECRET, URL_TOKEN, TestServer.ADMIN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApproverSeesTheReview_rubberStampingAlerts_andStatisticsAreForAdminsAndAuditorsOnly() throws Exception {
        String first = approvalFor("o-1");
        clock.advance(Duration.ofSeconds(30));
        assertThat(s.post("/v1/approvals/" + first + "/approve", TestServer.ADMIN, "").status()).isEqualTo(200);
        String second = approvalFor("o-1"); // the same call again

        TestServer.Reply got = s.get("/v1/approvals/" + second, TestServer.ADMIN);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        Map<String, Object> review = (Map<String, Object>) got.get("review");
        assertThat((Map<String, Object>) review.get("agent")).containsEntry("name", "support-bot")
                .containsEntry("project", "shop").containsKeys("level", "owner");
        assertThat((Map<String, Object>) review.get("record_7d")).containsEntry("calls", 2L)
                .containsEntry("approval_required", 2L).containsEntry("denied", 0L).containsEntry("incidents", 0L);
        assertThat(review.get("risk")).isEqualTo("medium");
        assertThat((List<Object>) ((Map<String, Object>) review.get("why")).get("policy_ids")).contains("support-small-refunds");
        assertThat((Map<String, Object>) review.get("same_call")).containsEntry("approved_before", 1L)
                .containsEntry("last_approval_id", first).containsEntry("last_approved_by", "operator:admin");

        assertThat(alerts("approval.rubber_stamp")).isEmpty(); // 30 s is above the floor
        assertThat(s.post("/v1/approvals/" + second + "/approve", TestServer.ADMIN, "").status()).isEqualTo(200);
        assertThat(alerts("approval.rubber_stamp")).singleElement().satisfies(a -> assertThat(a.numbers())
                .containsEntry("check", "fast").containsEntry("operator", "operator:admin"));
        for (String order : List.of("o-3", "o-4")) { // four approvals in the window: more than the configured 3
            String id = approvalFor(order);
            clock.advance(Duration.ofSeconds(11));
            assertThat(s.post("/v1/approvals/" + id + "/approve", TestServer.ADMIN, "").status()).isEqualTo(200);
        }
        assertThat(alerts("approval.rubber_stamp")).filteredOn(a -> "bulk".equals(a.numbers().get("check")))
                .singleElement().satisfies(a -> assertThat(a.numbers()).containsEntry("approvals_in_window", 4L));
        assertThat(AuditTrail.after(s, 0, "alert.raised")).filteredOn(e -> "approval.rubber_stamp".equals(e.get("alert_kind")))
                .hasSize(2).allSatisfy(e -> assertThat(e.text()).contains("operator:admin"));

        String auditor = operator("olga", "auditor");
        String approver = operator("fiona", "approver@shop:refund.*");
        TestServer.Reply stats = s.get("/v1/approvals/stats?days=7", auditor);
        assertThat(stats.status()).as(stats.body()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) stats.get("approvers")).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("operator", "operator:admin").containsEntry("approved", 4L).containsEntry("denied", 0L);
            assertThat(num(a, "approval_rate")).isEqualTo(1.0); // decided after 30, 0, 11 and 11 s
            assertThat(num(a, "median_seconds")).isEqualTo(11.0);
            assertThat(num(a, "p10_seconds")).isEqualTo(0.0);
            assertThat(num(a, "decisions_per_day")).isEqualTo(4 / 7.0);
        });
        assertThat((List<Map<String, Object>>) stats.get("agents")).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("agent", "support-bot").containsEntry("requested", 4L).containsEntry("approved", 4L);
            assertThat(num(a, "acceptance_rate")).isEqualTo(1.0);
        });
        assertThat(s.get("/v1/approvals/stats", TestServer.ADMIN).get("days")).isEqualTo(30L);

        TestServer.Reply refused = s.get("/v1/approvals/stats", approver);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.get("error")).isEqualTo("forbidden_role");
        TestServer.Reply agent = s.get("/v1/approvals/stats", s.token("support-bot"));
        assertThat(agent.status()).isEqualTo(403);
        assertThat(agent.get("error")).isEqualTo("forbidden");
        assertThat(AuditTrail.after(s, 0, "operator.refused")).anySatisfy(e -> assertThat(e.text())
                .contains("operator:fiona", "/v1/approvals/stats", "forbidden_role"));
        for (String bad : List.of("0", "abc", "367", "-1")) {
            TestServer.Reply r = s.get("/v1/approvals/stats?days=" + bad, auditor);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat((String) r.get("message")).contains("days");
        }
    }

    @Test
    void withoutAPublicUrl_theLinksNameTheAddressTheServerListensOn(@TempDir Path otherConfig, @TempDir Path otherData)
            throws Exception {
        s.close();
        s = new TestServer(TestServer.quickstartCopy(otherConfig), otherData, clock);
        String id = approvalFor("o-9");
        assertThat(alerts("approval.requested")).singleElement().satisfies(a -> assertThat(a.numbers())
                .containsEntry("console_url", s.server.url() + "/console/approvals/" + id)
                .containsEntry("api_url", s.server.url() + "/v1/approvals/" + id));
    }
}
