package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditQuery;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.testing.MutableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Incidents, KPIs and /metrics through the real HTTP server, anomalies handed over as the detectors do. */
class IncidentsApiTest {
    private static final String READ = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}";
    @TempDir
    Path dir;
    private TestServer s;
    private final MutableClock clock = new MutableClock(Instant.now());
    private final AtomicInteger seq = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(dir.resolve("data"), clock);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private void anomaly(String agent, String detector, AnomalySeverity severity, double baseline, List<String> evidence) {
        s.server.warden().incidents().accept(new Anomaly("anm_" + seq.incrementAndGet(), clock.instant(), agent, Optional.empty(),
                detector, 1, severity, 10, Optional.of(baseline), 4, detector + " of " + agent, evidence));
        clock.advance(Duration.ofMillis(5)); // ids order by the millisecond
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> incidents(String query) {
        TestServer.Reply r = s.get("/v1/incidents" + query, TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) r.get("incidents");
    }

    private String onlyIncident() {
        return (String) incidents("").getFirst().get("incident_id");
    }

    @Test
    void list_newestFirst_filtered_paged_andShowHasTheTimeline() {
        anomaly("support-bot", "deny_rate", AnomalySeverity.MAJOR, 1, List.of());
        anomaly("support-bot", "off_hours", AnomalySeverity.MAJOR, 1, List.of());
        anomaly("other-bot", "deny_rate", AnomalySeverity.MAJOR, 1, List.of());

        List<Map<String, Object>> all = incidents("");
        assertThat(all).extracting(i -> i.get("agent")).containsExactly("other-bot", "support-bot");
        assertThat(all.get(1)).containsEntry("severity", "major").containsEntry("state", "open").containsEntry("anomalies", 2L)
                .doesNotContainKey("timeline");
        assertThat(incidents("?agent=support-bot")).hasSize(1);
        assertThat(incidents("?state=resolved")).isEmpty();
        TestServer.Reply page = s.get("/v1/incidents?limit=1", TestServer.ADMIN);
        assertThat(incidents("?limit=1&before=" + page.get("next_before"))).extracting(i -> i.get("agent"))
                .containsExactly("support-bot");

        TestServer.Reply one = s.get("/v1/incidents/" + all.get(1).get("incident_id"), TestServer.ADMIN);
        assertThat(one.status()).isEqualTo(200);
        assertThat((List<?>) one.get("timeline")).hasSize(2);
    }

    @Test
    void operatorActions_moveTheState_auditedAsTheOperator_thenConflict() {
        anomaly("support-bot", "deny_rate", AnomalySeverity.MAJOR, 1, List.of());
        String id = onlyIncident();

        TestServer.Reply ack = s.post("/v1/incidents/" + id + "/ack", TestServer.ADMIN, "{\"note\":\"on it\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json()).containsEntry("state", "acknowledged");
        assertThat(s.post("/v1/incidents/" + id + "/ack", TestServer.ADMIN, "").get("error")).isEqualTo("incident_state");
        TestServer.Reply fp = s.post("/v1/incidents/" + id + "/false-positive", TestServer.ADMIN, "");
        assertThat(fp.json()).containsEntry("state", "false_positive");
        TestServer.Reply again = s.post("/v1/incidents/" + id + "/resolve", TestServer.ADMIN, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(s.server.warden().auditStore().read(new AuditQuery(0, 10, Optional.empty(), Optional.of("incident.acknowledged"))))
                .singleElement().satisfies(rec -> assertThat(rec.entry()).contains("operator:admin").contains("on it"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad state filter | GET | /v1/incidents?state=closed | | 400 | invalid_field | state",
        "bad before | GET | /v1/incidents?before=x | | 400 | invalid_field | before",
        "bad limit | GET | /v1/incidents?limit=0 | | 400 | invalid_field | limit",
        "unknown id | GET | /v1/incidents/inc_00000000000000000000000000000000 | | 404 | incident_not_found | no incident",
        "malformed id | POST | /v1/incidents/nope/ack | | 404 | incident_not_found | no incident",
        "unknown body field | POST | /v1/incidents/ID/resolve | {\"reason\":\"x\"} | 400 | invalid_field | reason",
        "note not a string | POST | /v1/incidents/ID/resolve | {\"note\":5} | 400 | invalid_field | note",
        "undo number not a number | POST | /v1/incidents/ID/responses/x/undo | | 400 | invalid_field | n must be",
        "undo unknown response | POST | /v1/incidents/ID/responses/7/undo | | 404 | response_not_found | no response 7",
        "bad kpi window | GET | /v1/kpis?window=-1h | | 400 | invalid_field | window",
        "kpi window too long | GET | /v1/kpis?window=90d | | 400 | invalid_field | window",
    })
    void badInput_isA4xxNamingTheField(String what, String method, String path, String body, int status, String code, String message) {
        anomaly("support-bot", "deny_rate", AnomalySeverity.MAJOR, 1, List.of());
        String p = path.replace("ID", onlyIncident());
        TestServer.Reply r = method.equals("GET") ? s.get(p, TestServer.ADMIN) : s.post(p, TestServer.ADMIN, body == null ? "" : body);

        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.get("error")).isEqualTo(code);
        assertThat((String) r.get("message")).contains(message);
    }

    @Test
    void endpoints_needTheOperatorCredential() throws Exception {
        String agent = s.token("support-bot");
        for (String path : List.of("/v1/incidents", "/v1/kpis", "/metrics")) {
            assertThat(s.get(path, null).status()).as(path).isEqualTo(401);
            assertThat(s.get(path, agent).status()).as(path).isEqualTo(403);
        }
    }

    @Test
    void volumeSpike_throttlesTheAgentOverHttp_andUndoThroughTheApiLiftsIt() throws Exception {
        String token = s.token("support-bot");
        anomaly("support-bot", "volume_spike", AnomalySeverity.MAJOR, 1, List.of());
        String id = onlyIncident();

        assertThat(s.decide(token, READ).get("decision")).isEqualTo("allow");
        TestServer.Reply over = s.decide(token, READ);
        assertThat(over.get("decision")).isEqualTo("deny");
        assertThat(LimitsTest.reason(over)).containsEntry("guard", "incident").containsEntry("code", "throttled")
                .containsKey("retry_after_ms");

        TestServer.Reply undo = s.post("/v1/incidents/" + id + "/responses/1/undo", TestServer.ADMIN, "");
        assertThat(undo.status()).as(undo.body()).isEqualTo(200);
        assertThat(s.decide(token, READ).get("decision")).isEqualTo("allow");
        assertThat(s.post("/v1/incidents/" + id + "/responses/1/undo", TestServer.ADMIN, "").get("error"))
                .isEqualTo("response_not_undoable");
    }

    @Test
    void incidentsAndThrottlesInForce_surviveARestart() throws Exception {
        anomaly("support-bot", "volume_spike", AnomalySeverity.MAJOR, 1, List.of());
        String id = onlyIncident();
        s.close();
        s = new TestServer(dir.resolve("data"), clock);
        String token = s.token("support-bot");

        assertThat(incidents("")).extracting(i -> i.get("incident_id")).containsExactly(id);
        assertThat(s.decide(token, READ).get("decision")).isEqualTo("allow");
        TestServer.Reply over = s.decide(token, READ);
        assertThat(LimitsTest.reason(over)).containsEntry("code", "throttled");
        anomaly("support-bot", "deny_rate", AnomalySeverity.MAJOR, 1, List.of());
        assertThat(incidents("")).singleElement().satisfies(i -> assertThat(i).containsEntry("anomalies", 2L));
    }

    @Test
    void errorRate_quarantinesTheAgent_andUndoRestoresIt() throws Exception {
        String token = s.token("support-bot");
        anomaly("support-bot", "error_rate", AnomalySeverity.MAJOR, 1, List.of());

        assertThat(s.decide(token, READ).get("decision")).isEqualTo("deny");
        s.post("/v1/incidents/" + onlyIncident() + "/responses/1/undo", TestServer.ADMIN, "");
        assertThat(s.decide(token, READ).get("decision")).isEqualTo("allow");
    }

    @Test
    void kpis_onAScriptedHistory() throws Exception {
        String token = s.token("support-bot");
        TestServer.Reply first = s.decide(token, READ);
        s.post("/v1/decisions/" + first.get("decision_id") + "/outcome", token, "{\"status\":\"completed\"}");
        s.decide(token, READ); // allowed, no outcome
        s.decide(token, "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o\",\"amount\":100000}}"); // denied
        clock.advance(Duration.ofSeconds(4));
        anomaly("support-bot", "error_rate", AnomalySeverity.MAJOR, 1, List.of((String) first.get("decision_id")));
        String id = onlyIncident();
        clock.advance(Duration.ofSeconds(60));
        s.post("/v1/incidents/" + id + "/responses/1/undo", TestServer.ADMIN, "");
        s.post("/v1/incidents/" + id + "/false-positive", TestServer.ADMIN, "");
        anomaly("other-bot", "deny_rate", AnomalySeverity.MAJOR, 1, List.of());
        s.post("/v1/incidents/" + onlyIncident() + "/resolve", TestServer.ADMIN, "");

        TestServer.Reply k = s.get("/v1/kpis?window=1h", TestServer.ADMIN);

        assertThat(k.status()).as(k.body()).isEqualTo(200);
        assertThat(k.json()).containsKeys("mttd_seconds", "alert_delivery_seconds", "false_positive_rate", "authorization_rate",
                "audit_completeness", "recovery_seconds").containsEntry("window_seconds", 3600L);
        assertThat(((Number) k.get("mttd_seconds")).doubleValue()).isEqualTo(4.0);
        assertThat(((Number) k.get("false_positive_rate")).doubleValue()).isEqualTo(0.5);
        assertThat(((Number) k.get("authorization_rate")).doubleValue()).isEqualTo(2.0 / 3);
        assertThat(((Number) k.get("audit_completeness")).doubleValue()).isEqualTo(0.5);
        assertThat(((Number) k.get("recovery_seconds")).doubleValue()).isBetween(60.0, 60.01);
        assertThat(k.get("alert_delivery_seconds")).isNull(); // the quickstart routes alerts nowhere
    }

    @Test
    void metrics_scrapeHasPerAgentDecisionCounters_incidentCounters_andTheKpis() throws Exception {
        String token = s.token("support-bot");
        s.decide(token, READ);
        s.decide(token, READ);
        s.decide(token, "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o\",\"amount\":100000}}");
        anomaly("support-bot", "volume_spike", AnomalySeverity.MAJOR, 100, List.of());

        HttpResponse<String> r = s.getText("/metrics", TestServer.ADMIN);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body())
                .contains("warden_decisions_total{agent=\"support-bot\",decision=\"allow\"} 2.0")
                .contains("warden_decisions_total{agent=\"support-bot\",decision=\"deny\"} 1.0")
                .contains("warden_incidents_opened_total{agent=\"support-bot\"} 1.0")
                .contains("warden_anomalies_total{agent=\"support-bot\"} 1.0")
                .contains("warden_incident_responses_total{action=\"throttle\"} 1.0")
                .contains("warden_incidents_active 1.0")
                .contains("warden_kpi{kpi=\"authorization_rate\"}");
    }
}
