package dev.warden.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditRecord;
import dev.warden.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A SIEM sorts by severity: every kind of kill and quarantine, and a rollback run, must stand out from routine entries. */
class OcsfSeverityTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"agent.killed, 3", "agent.kill_scoped, 3", "agent.quarantined, 3", "decision, 1", "agent.restored, 1",
            "rollback.run, 3", "rollback.planned, 1", "rollback.item, 1"})
    void severity_killsAndQuarantinesAreMedium(String kind, long severity) {
        String entry = "{\"kind\":\"" + kind + "\",\"schema\":\"warden.audit/v1\",\"seq\":1,\"time\":\"2026-12-07T00:00:00Z\"}";
        AuditRecord r = new AuditRecord(1, Instant.parse("2026-12-07T00:00:00Z"), kind, null, null, null, null, entry,
                "00".repeat(32), "00".repeat(32));

        byte[] line = new OcsfMapper("test/audit", "test").map(r);

        assertThat(JsonReader.parseObject(new String(line, StandardCharsets.UTF_8))).containsEntry("severity_id", severity);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"critical, 4, High", "warning, 3, Medium", "info, 1, Informational"})
    void severity_ofARaisedAlertIsTheAlerts(String alertSeverity, long severity, String name) {
        String entry = "{\"alert_id\":\"alr_1\",\"kind\":\"alert.raised\",\"schema\":\"warden.audit/v1\",\"seq\":1,"
                + "\"severity\":\"" + alertSeverity + "\",\"time\":\"2026-12-07T00:00:00Z\"}";
        AuditRecord r = new AuditRecord(1, Instant.parse("2026-12-07T00:00:00Z"), "alert.raised", null, null, null, null,
                entry, "00".repeat(32), "00".repeat(32));

        byte[] line = new OcsfMapper("test/audit", "test").map(r);

        assertThat(JsonReader.parseObject(new String(line, StandardCharsets.UTF_8)))
                .containsEntry("severity_id", severity).containsEntry("severity", name);
    }

    @ParameterizedTest(name = "to {0}")
    @CsvSource({"open, 2, Low", "half_open, 1, Informational", "closed, 1, Informational"})
    void severity_aBreakerOpeningIsLow_itsOtherTransitionsInformational(String to, long severity, String name) {
        String entry = "{\"kind\":\"breaker.transition\",\"schema\":\"warden.audit/v1\",\"seq\":1,"
                + "\"time\":\"2026-12-07T00:00:00Z\",\"to\":\"" + to + "\"}";
        AuditRecord r = new AuditRecord(1, Instant.parse("2026-12-07T00:00:00Z"), "breaker.transition", null, null, null,
                null, entry, "00".repeat(32), "00".repeat(32));

        byte[] line = new OcsfMapper("test/audit", "test").map(r);

        assertThat(JsonReader.parseObject(new String(line, StandardCharsets.UTF_8))).containsEntry("severity_id", severity)
                .containsEntry("severity", name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"critical, 4, High", "major, 3, Medium", "minor, 2, Low"})
    void severity_ofAnAnomalyIsTheAnomalys(String anomalySeverity, long severity, String name) {
        String entry = "{\"anomaly_id\":\"anm_1\",\"kind\":\"anomaly.detected\",\"schema\":\"warden.audit/v1\",\"seq\":1,"
                + "\"severity\":\"" + anomalySeverity + "\",\"time\":\"2026-12-07T00:00:00Z\"}";
        AuditRecord r = new AuditRecord(1, Instant.parse("2026-12-07T00:00:00Z"), "anomaly.detected", null, null, null,
                null, entry, "00".repeat(32), "00".repeat(32));

        byte[] line = new OcsfMapper("test/audit", "test").map(r);

        assertThat(JsonReader.parseObject(new String(line, StandardCharsets.UTF_8))).containsEntry("severity_id", severity)
                .containsEntry("severity", name);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"incident.opened, critical, 4", "incident.opened, major, 3", "incident.opened, minor, 2",
        "incident.anomaly_added, critical, 4", "incident.response, major, 3", "agent.tokens_revoked, , 3",
        "incident.resolved, , 1", "incident.false_positive, , 1", "incident.response_undone, , 1"})
    void severity_ofIncidentRecords_followsTheAnomaly_responsesAreMedium_operatorActionsInformational(String kind,
                                                                                                       String anomaly, long severity) {
        String entry = "{\"kind\":\"" + kind + "\",\"schema\":\"warden.audit/v1\",\"seq\":1,"
                + (anomaly == null ? "" : "\"severity\":\"" + anomaly + "\",") + "\"time\":\"2026-12-07T00:00:00Z\"}";
        AuditRecord r = new AuditRecord(1, Instant.parse("2026-12-07T00:00:00Z"), kind, null, null, null, null,
                entry, "00".repeat(32), "00".repeat(32));

        byte[] line = new OcsfMapper("test/audit", "test").map(r);

        assertThat(JsonReader.parseObject(new String(line, StandardCharsets.UTF_8))).containsEntry("severity_id", severity);
    }
}
