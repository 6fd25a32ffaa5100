package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.alert.Alert;
import dev.warden.alert.AlertDelivery;
import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertQuery;
import dev.warden.alert.AlertSeverity;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.server.alert.WebhookDispatcher;
import dev.warden.server.api.v1.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts delivered to a real local webhook receiver: signed, retried, kept across restarts, never in the way of decisions. */
class AlertDeliveryTest {
    private static final String SECRET = "whsec-test-9f8e7d6c5b4a";
    private static final String URL_TOKEN = "T0KEN-in-the-url-path";

    @TempDir
    Path dir;
    private AlertReceiver receiver;
    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logs.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        receiver = new AlertReceiver();
        Logger.getLogger("dev.warden").addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("dev.warden").removeHandler(capture);
        receiver.close();
    }

    /** The quickstart config with an alerts section sending everything to {@code oncall} (and owners to {@code owners}). */
    private Path config(String format) throws Exception {
        Path config = SiemExportTest.configWithSiem(dir, "");
        Files.writeString(config.resolve("webhook.secret"), SECRET + "\n");
        String alerts = "alerts:\n"
                + "  owner_channel: owners\n"
                + "  channels:\n"
                + "    oncall:\n"
                + "      url: " + receiver.url("/oncall/" + URL_TOKEN) + "\n"
                + "      format: " + format + "\n"
                + "      secret_file: webhook.secret\n"
                + "    owners:\n"
                + "      url: " + receiver.url("/owners") + "\n"
                + "      secret_file: webhook.secret\n"
                + "  routes:\n"
                + "    - {min_severity: info, to: [oncall]}\n"
                + "    - {project: shop, min_severity: critical, to: [owner]}\n";
        Files.writeString(config.resolve("warden.yaml"), Files.readString(config.resolve("warden.yaml")) + alerts);
        return config;
    }

    private static AlertDraft draft(String kind, String summary) {
        return new AlertDraft(AlertSeverity.WARNING, kind, Optional.of("support-bot"), Optional.empty(), summary,
                Map.of("limit", 60, "used", 61), List.of("dec_0123456789abcdef0123456789abcdef"));
    }

    private static Alert onlyAlert(TestServer s) throws InterruptedException {
        s.server.warden().alerts().awaitQueued(Duration.ofSeconds(5));
        List<Alert> all = s.server.warden().alerts().list(AlertQuery.newest(10));
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> alertOf(AlertReceiver.Received r) {
        return (Map<String, Object>) Json.parseObject(r.body()).get("alert");
    }

    @Test
    void kill_isDeliveredSignedToOncallAndToTheOwner() throws Exception {
        try (TestServer s = new TestServer(config("generic"), dir.resolve("data"), Clock.systemUTC())) {
            TestServer.Reply kill = s.post("/v1/agents/support-bot/kill", TestServer.ADMIN, "{\"reason\":\"refund loop\"}");
            assertThat(kill.status()).isEqualTo(200);

            assertThat(receiver.awaitReceived(2, 10_000)).isTrue();
            Alert alert = onlyAlert(s);
            assertThat(alert.kind()).isEqualTo("agent.killed");
            AlertReceiver.Received oncall = receiver.received.stream().filter(r -> r.path().startsWith("/oncall")).findFirst().orElseThrow();
            AlertReceiver.Received owner = receiver.received.stream().filter(r -> r.path().equals("/owners")).findFirst().orElseThrow();
            for (AlertReceiver.Received r : List.of(oncall, owner)) {
                assertThat(r.header("X-Warden-Alert-Id")).isEqualTo(alert.id());
                assertThat(r.header("X-Warden-Delivery-Id")).matches("dlv_[0-9a-f]{32}");
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
                assertThat(verifies(r, SECRET)).isTrue();
                assertThat(verifies(r, SECRET + "x")).isFalse();
                assertThat(alertOf(r)).containsEntry("alert_id", alert.id()).containsEntry("kind", "agent.killed")
                        .containsEntry("severity", "critical").containsEntry("agent", "support-bot");
                assertThat((String) alertOf(r).get("summary")).contains("refund loop");
            }
            assertThat(Json.parseObject(owner.body())).containsEntry("to", "alice@example.com");
            assertThat(Json.parseObject(oncall.body())).containsEntry("to", null);
            awaitDelivered(s, alert.id(), 2);
            assertThat(records(s, "alert.delivered")).hasSize(2);
        }
    }

    @Test
    void notifyOwnerObligation_reachesTheOwnerWithTheDecisionAsEvidence() throws Exception {
        try (TestServer s = new TestServer(config("generic"), dir.resolve("data"), Clock.systemUTC())) {
            String token = s.token("support-bot");
            TestServer.Reply d = s.decide(token,
                    "{\"action\":\"customer.reply\",\"args\":{\"ticket_id\":\"t1\",\"message\":\"hi\"}}");
            assertThat(d.get("decision")).isEqualTo("allow");
            assertThat(d.body()).contains("notify_owner");

            // info: below no route's minimum for the owner, yet an owner notification goes to its owner
            assertThat(receiver.awaitReceived(2, 10_000)).isTrue();
            AlertReceiver.Received owner = receiver.received.stream().filter(r -> r.path().equals("/owners")).findFirst().orElseThrow();
            assertThat(Json.parseObject(owner.body())).containsEntry("to", "alice@example.com");
            assertThat(alertOf(owner)).containsEntry("kind", "owner.notify").containsEntry("severity", "info")
                    .containsEntry("evidence", List.of(d.get("decision_id")));
        }
    }

    /** The receiver's check: recompute HMAC-SHA256 over "t.body" with the shared secret. */
    private static boolean verifies(AlertReceiver.Received r, String secret) {
        String header = r.header("X-Warden-Signature");
        String t = header.substring(2, header.indexOf(','));
        String expected = WebhookDispatcher.signature(secret.getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(Long.parseLong(t)), r.body());
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void receiverFailing_isRetriedWithBackoff_withTheSameIds_untilItAccepts() throws Exception {
        receiver.failNext.set(3);
        try (TestServer s = new TestServer(config("generic"), dir.resolve("data"), Clock.systemUTC())) {
            s.server.alertDelivery().firstRetry(Duration.ofMillis(100));
            s.server.warden().alerts().raise(draft("limit.exceeded", "calls per minute over 60"));

            assertThat(receiver.awaitReceived(1, 15_000)).isTrue();
            Alert alert = onlyAlert(s);
            assertThat(receiver.attempts.get()).isEqualTo(4);
            AlertReceiver.Received r = receiver.received.getFirst();
            assertThat(r.header("X-Warden-Attempt")).isEqualTo("4");
            AlertDelivery d = awaitDelivered(s, alert.id(), 1).getFirst();
            assertThat(d.id()).isEqualTo(r.header("X-Warden-Delivery-Id"));
            assertThat(d.attempts()).isEqualTo(4);
            assertThat(d.lastError()).contains("HTTP 503");
            Thread.sleep(300); // nothing more goes out once it is delivered
            assertThat(receiver.attempts.get()).isEqualTo(4);
        }
    }

    @Test
    void receiverDownAcrossARestartOfWarden_theAlertIsDeliveredOnceWithItsIdsAfterBoth() throws Exception {
        receiver.stop();
        Path config = config("generic");
        String alertId;
        try (TestServer s = new TestServer(config, dir.resolve("data"), Clock.systemUTC())) {
            s.server.warden().alerts().raise(draft("limit.exceeded", "calls per minute over 60"));
            alertId = onlyAlert(s).id();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (s.server.warden().alerts().store().deliveries(alertId).getFirst().attempts() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(s.server.warden().alerts().store().deliveries(alertId).getFirst().lastError())
                    .hasValueSatisfying(e -> assertThat(e).startsWith("not reachable"));
        }
        assertThat(receiver.received).isEmpty();
        receiver.restart();
        try (TestServer s = new TestServer(config, dir.resolve("data"), Clock.systemUTC())) {
            assertThat(receiver.awaitReceived(1, 15_000)).isTrue();
            List<AlertDelivery> ds = awaitDelivered(s, alertId, 1);
            Thread.sleep(1500); // a second poll finds nothing due
            assertThat(receiver.received).singleElement().satisfies(r -> {
                assertThat(r.header("X-Warden-Alert-Id")).isEqualTo(alertId);
                assertThat(r.header("X-Warden-Delivery-Id")).isEqualTo(ds.getFirst().id());
                assertThat(alertOf(r)).containsEntry("alert_id", alertId);
            });
        }
    }

    @Test
    void hangingReceiver_holdsNoDecision_norTheOtherChannels_andAlertsAreStillRecorded() throws Exception {
        receiver.hangPrefix = "/oncall";
        try (TestServer s = new TestServer(config("generic"), dir.resolve("data"), Clock.systemUTC())) {
            for (int i = 0; i < 10; i++) {
                s.server.warden().alerts().raise(draft("limit.exceeded", "limit " + i));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (receiver.hanging.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String token = s.token("support-bot");
            for (int i = 0; i < 20; i++) {
                TestServer.Reply r = s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-" + i + "\"}}");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.get("decision")).isEqualTo("allow");
            }
            // a critical alert also goes to the owner channel, which is not stuck
            s.post("/v1/agents/support-bot/kill", TestServer.ADMIN, "{\"reason\":\"while oncall hangs\"}");
            assertThat(receiver.awaitReceived(1, 10_000)).isTrue();
            assertThat(receiver.received).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/owners");
                assertThat(alertOf(r)).containsEntry("kind", "agent.killed");
            });
            s.server.warden().alerts().awaitQueued(Duration.ofSeconds(5));
            assertThat(s.server.warden().alerts().list(AlertQuery.newest(100))).hasSize(11);
            assertThat(receiver.hanging.get()).isEqualTo(2); // bounded per channel: no more requests opened to it
        }
    }

    @Test
    void slackChannel_getsASlackIncomingWebhookMessage() throws Exception {
        try (TestServer s = new TestServer(config("slack"), dir.resolve("data"), Clock.systemUTC())) {
            s.server.warden().alerts().raise(draft("limit.exceeded", "refunds <over> budget & more"));

            assertThat(receiver.awaitReceived(1, 10_000)).isTrue();
            Map<String, Object> body = Json.parseObject(receiver.received.getFirst().body());
            assertThat(body.keySet()).containsExactly("text", "blocks");
            assertThat((String) body.get("text")).contains("WARNING").contains("limit.exceeded");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> blocks = (List<Map<String, Object>>) body.get("blocks");
            assertThat(blocks).extracting(b -> b.get("type")).containsExactly("header", "section", "section", "section", "context");
            assertThat(blocks).allSatisfy(b -> assertThat(b.keySet()).isSubsetOf("type", "text", "fields", "elements"));
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = (Map<String, Object>) blocks.get(1).get("text");
            assertThat(summary).containsEntry("type", "mrkdwn").containsEntry("text", "refunds &lt;over&gt; budget &amp; more");
            assertThat(verifies(receiver.received.getFirst(), SECRET)).isTrue();
        }
    }

    @Test
    void secretAndChannelUrl_appearInNoAuditRecordAndNoLogLine() throws Exception {
        receiver.failNext.set(2); // failures are logged: they must not carry the secret or the URL either
        try (TestServer s = new TestServer(config("generic"), dir.resolve("data"), Clock.systemUTC())) {
            s.server.alertDelivery().firstRetry(Duration.ofMillis(50));
            s.post("/v1/agents/support-bot/kill", TestServer.ADMIN, "{\"reason\":\"leak test\"}");
            assertThat(receiver.awaitReceived(2, 15_000)).isTrue();
            Alert alert = onlyAlert(s);
            awaitDelivered(s, alert.id(), 2);
            s.server.warden().auditLog().appendDurably(dev.warden.audit.AuditEvent.of("test.flush", Instant.now(), Map.of()));

            List<AuditRecord> all = s.server.warden().auditStore().read(new AuditQuery(0, 1000, Optional.empty(), Optional.empty()));
            assertThat(all).extracting(AuditRecord::kind).contains("alert.raised", "alert.delivered");
            assertThat(all).allSatisfy(r -> assertThat(r.entry()).doesNotContain(SECRET).doesNotContain(URL_TOKEN));
            assertThat(logs).isNotEmpty();
            List<String> lines = new ArrayList<>();
            for (LogRecord r : logs) {
                lines.add(String.valueOf(r.getMessage()) + " " + (r.getThrown() == null ? "" : r.getThrown().toString()));
            }
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("failed (attempt 1)"));
            assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain(SECRET).doesNotContain(URL_TOKEN));
            assertThat(s.get("/v1/alerts/" + alert.id(), TestServer.ADMIN).body()).doesNotContain(SECRET).doesNotContain(URL_TOKEN);
        }
    }

    private static List<AlertDelivery> awaitDelivered(TestServer s, String alertId, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<AlertDelivery> ds = s.server.warden().alerts().store().deliveries(alertId);
            if (ds.stream().filter(d -> d.deliveredAt().isPresent()).count() >= n) {
                return ds;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not delivered: " + s.server.warden().alerts().store().deliveries(alertId));
    }

    private static List<AuditRecord> records(TestServer s, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<AuditRecord> out = List.of();
        while (System.nanoTime() < deadline) {
            out = s.server.warden().auditStore().read(new AuditQuery(0, 1000, Optional.empty(), Optional.of(kind)));
            if (!out.isEmpty()) {
                Thread.sleep(100);
                return s.server.warden().auditStore().read(new AuditQuery(0, 1000, Optional.empty(), Optional.of(kind)));
            }
            Thread.sleep(20);
        }
        return out;
    }
}
