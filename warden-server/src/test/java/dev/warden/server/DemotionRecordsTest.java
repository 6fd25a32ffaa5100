package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.json.JsonReader;
import dev.warden.testing.MutableClock;
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

/**
 * The demotion process recorded step by step (ATF §4.2) on the quickstart server with its SQLite
 * store: records opened by incident responses, operators and restores; root cause, reactivation,
 * undo; the incident-record gate's {@code demotions_closed} check; the audit records.
 */
class DemotionRecordsTest {
    private static final String AGENT = "support-bot"; // senior, owned by alice@example.com
    @TempDir
    Path dir;
    private TestServer s;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final AtomicInteger seq = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(dir.resolve("data"), clock);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /** A critical anomaly as a detector hands it over; the seed table quarantines on error_rate, throttles on volume_spike. */
    private void critical(String detector) {
        s.server.warden().incidents().accept(new Anomaly("anm_" + seq.incrementAndGet(), clock.instant(), AGENT, Optional.empty(),
                detector, 1, AnomalySeverity.CRITICAL, 10, Optional.of(1.0), 4, detector + " of " + AGENT, List.of()));
        clock.advance(Duration.ofMillis(5));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> demotions(String token) {
        TestServer.Reply r = s.get("/v1/agents/" + AGENT + "/demotions", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) r.get("demotions");
    }

    private Map<String, Object> only() {
        List<Map<String, Object>> all = demotions(TestServer.ADMIN);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> step(Map<String, Object> demotion, String name) {
        return ((List<Map<String, Object>>) demotion.get("steps")).stream().filter(x -> name.equals(x.get("step")))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no step " + name + " in " + demotion));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> demotion, String name) {
        return (Map<String, Object>) step(demotion, name).get("detail");
    }

    @SuppressWarnings("unchecked")
    private static List<String> steps(Map<String, Object> demotion) {
        return ((List<Map<String, Object>>) demotion.get("steps")).stream().map(x -> (String) x.get("step")).toList();
    }

    private Map<String, Object> agent() {
        return s.get("/v1/agents/" + AGENT, TestServer.ADMIN).json();
    }

    private String incidentId() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) s.get("/v1/incidents?agent=" + AGENT, TestServer.ADMIN).get("incidents");
        return (String) list.getFirst().get("incident_id");
    }

    private TestServer.Reply rootCause(String id, String token, String body) {
        return s.post("/v1/agents/" + AGENT + "/demotions/" + id + "/root-cause", token, body);
    }

    private TestServer.Reply reactivate(String id, String token) {
        return s.post("/v1/agents/" + AGENT + "/demotions/" + id + "/reactivate", token, "{\"reason\":\"RCA done, fix deployed\"}");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> demotionsClosedCheck() {
        TestServer.Reply r = s.get("/v1/agents/" + AGENT + "/readiness", TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Object> gate = ((List<Map<String, Object>>) r.get("gates")).stream()
                .filter(g -> "incident_record".equals(g.get("gate"))).findFirst().orElseThrow();
        return ((List<Map<String, Object>>) gate.get("checks")).stream().filter(c -> "demotions_closed".equals(c.get("name")))
                .findFirst().orElseThrow();
    }

    private double openCount() {
        return ((Number) demotionsClosedCheck().get("observed")).doubleValue();
    }

    private List<Map<String, Object>> stepRecords() {
        return s.server.warden().auditStore().read(new AuditQuery(0, 1000, Optional.of(AGENT), Optional.of("agent.demotion_step")))
                .stream().map(AuditRecord::entry).map(JsonReader::parseObject).toList();
    }

    private String operator(String name, String role) {
        String password = "correct horse battery staple 42";
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[\"%s\"],\"password\":\"%s\"}".formatted(name, role, password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return (String) s.post("/v1/login", null, "{\"name\":\"%s\",\"password\":\"%s\"}".formatted(name, password)).get("token");
    }

    @Test
    void aCriticalIncident_opensARecord_triggerIncidentAndRule_newLevelIntern_isolationByTheQuarantine_controls() {
        critical("error_rate"); // the seed table quarantines, the critical-incident rule demotes to intern

        Map<String, Object> d = only();
        assertThat(d).containsEntry("agent", AGENT).containsEntry("state", "open").containsEntry("level_before", "senior")
                .containsEntry("level", "intern").containsEntry("closed_at", null);
        assertThat(steps(d)).containsExactly("trigger", "isolation", "new_level", "controls");
        assertThat(d.get("pending")).isEqualTo(List.of("root_cause", "reactivation"));
        Map<String, Object> trigger = detail(d, "trigger");
        assertThat(trigger).containsEntry("kind", "critical_incident").containsEntry("rule", "critical_incident")
                .containsEntry("incident_id", incidentId()).containsEntry("detector", "error_rate");
        assertThat(trigger.get("incidents")).isEqualTo(List.of(incidentId()));
        assertThat(step(d, "trigger").get("actor")).isEqualTo("system:incidents");
        assertThat(detail(d, "isolation")).containsEntry("isolated", true).containsEntry("status", "quarantined")
                .containsEntry("when", "at_demotion");
        assertThat(detail(d, "new_level")).containsEntry("level_before", "senior").containsEntry("level", "intern");
        Map<String, Object> controls = detail(d, "controls");
        assertThat(controls).containsEntry("level", "intern").containsKeys("missing", "required", "all_in_force");
        assertThat(controls.get("required")).isInstanceOf(List.class); // what intern requires under the quickstart
        assertThat(agent()).containsEntry("level", "intern").containsEntry("status", "quarantined");

        TestServer.Reply one = s.get("/v1/agents/" + AGENT + "/demotions/" + d.get("id"), TestServer.ADMIN);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.get("id")).isEqualTo(d.get("id"));
    }

    @Test
    void reactivation_needsTheRootCause_thenRestoresAtTheNewLevel_notTheOld_andClosesTheRecord_andGate4FollowsIt() {
        critical("error_rate");
        String id = (String) only().get("id");
        assertThat(demotionsClosedCheck()).containsEntry("passed", false);
        assertThat(openCount()).isEqualTo(1.0);

        TestServer.Reply early = reactivate(id, TestServer.ADMIN);
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.get("error")).isEqualTo("root_cause_missing");
        assertThat(agent()).containsEntry("status", "quarantined");

        TestServer.Reply rca = rootCause(id, TestServer.ADMIN,
                "{\"note\":\"a retry loop hammered the API\",\"remediation\":\"backoff added\"}");
        assertThat(rca.status()).as(rca.body()).isEqualTo(200);
        assertThat(detail(rca.json(), "root_cause")).containsEntry("note", "a retry loop hammered the API")
                .containsEntry("remediation", "backoff added");
        assertThat(step(rca.json(), "root_cause").get("actor")).isEqualTo("operator:admin");

        TestServer.Reply done = reactivate(id, TestServer.ADMIN);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json()).containsEntry("state", "closed").containsEntry("pending", List.of());
        assertThat(done.get("closed_at")).isNotNull();
        assertThat(detail(done.json(), "reactivation")).containsEntry("status_before", "quarantined")
                .containsEntry("status", "active").containsEntry("restored", true).containsEntry("level", "intern");
        assertThat(agent()).containsEntry("status", "active").containsEntry("level", "intern");
        assertThat(demotionsClosedCheck()).containsEntry("passed", true);
        assertThat(openCount()).isEqualTo(0.0);

        TestServer.Reply again = reactivate(id, TestServer.ADMIN);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.get("error")).isEqualTo("demotion_closed");
    }

    @Test
    void anOperatorsLevelLowering_opensARecordWithTriggerOperator_andAnActiveAgentGetsIsolationNotNeeded() {
        String alice = operator("alice@example.com", "owner");
        TestServer.Reply down = s.post("/v1/agents/" + AGENT + "/level", TestServer.ADMIN, "{\"level\":\"junior\",\"reason\":\"refund mistakes\"}");
        assertThat(down.status()).as(down.body()).isEqualTo(200);

        Map<String, Object> d = only();
        assertThat(d).containsEntry("level_before", "senior").containsEntry("level", "junior");
        assertThat(detail(d, "trigger")).containsEntry("kind", "operator").containsEntry("operator", "operator:admin")
                .containsEntry("reason", "refund mistakes");
        assertThat(steps(d)).doesNotContain("isolation");
        assertThat(d.get("pending")).isEqualTo(List.of("isolation", "root_cause", "reactivation"));

        // the owner records the root cause; reactivating an active agent only records it
        assertThat(rootCause((String) d.get("id"), alice, "{\"note\":\"prompt allowed refunds without checking the order\"}")
                .status()).isEqualTo(200);
        TestServer.Reply done = reactivate((String) d.get("id"), TestServer.ADMIN);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(detail(done.json(), "isolation")).containsEntry("isolated", false).containsEntry("outcome", "not_needed");
        assertThat(detail(done.json(), "reactivation")).containsEntry("restored", false).containsEntry("level", "junior");
        assertThat(agent()).containsEntry("status", "active").containsEntry("level", "junior");

        // a raise is no demotion: no record
        s.post("/v1/agents/" + AGENT + "/level", TestServer.ADMIN, "{\"level\":\"senior\",\"reason\":\"back\"}");
        assertThat(demotions(TestServer.ADMIN)).hasSize(1);
    }

    @Test
    void aQuarantineWhileOpen_isTheIsolationStep_andARestoreOneLevelBelow_opensARecordOfKindRestore() {
        s.post("/v1/agents/" + AGENT + "/level", TestServer.ADMIN, "{\"level\":\"junior\",\"reason\":\"review\"}");
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.post("/v1/agents/" + AGENT + "/quarantine", TestServer.ADMIN, "{\"reason\":\"stop it\"}").status()).isEqualTo(200);
        Map<String, Object> first = only();
        assertThat(detail(first, "isolation")).containsEntry("status", "quarantined").containsEntry("when", "while_open")
                .containsEntry("reason", "stop it");

        clock.advance(Duration.ofMinutes(1));
        TestServer.Reply restore = s.post("/v1/agents/" + AGENT + "/restore", TestServer.ADMIN, "{\"reason\":\"looked at it\"}");
        assertThat(restore.status()).as(restore.body()).isEqualTo(200);
        List<Map<String, Object>> all = demotions(TestServer.ADMIN);
        assertThat(all).hasSize(2);
        Map<String, Object> newest = all.getFirst(); // newest first; both stay open
        assertThat(newest).containsEntry("level_before", "junior").containsEntry("level", "intern").containsEntry("state", "open");
        assertThat(detail(newest, "trigger")).containsEntry("kind", "restore").containsEntry("operator", "operator:admin");
        assertThat(detail(newest, "isolation")).containsEntry("status", "quarantined").containsEntry("when", "before_demotion");
        assertThat(all.get(1)).containsEntry("state", "open").containsEntry("id", first.get("id"));
        assertThat(openCount()).isEqualTo(2.0);
    }

    @Test
    void attack_reactivatingAnOlderRecord_cannotRaiseTheLevel_pastALaterDemotion() {
        s.post("/v1/agents/" + AGENT + "/level", TestServer.ADMIN, "{\"level\":\"junior\",\"reason\":\"review\"}");
        String toJunior = (String) only().get("id");
        clock.advance(Duration.ofMinutes(1));
        critical("error_rate"); // quarantined, and down to intern: a second record, the first still open
        assertThat(demotions(TestServer.ADMIN)).hasSize(2).allSatisfy(d -> assertThat(d).containsEntry("state", "open"));

        assertThat(rootCause(toJunior, TestServer.ADMIN, "{\"note\":\"reviewed\"}").status()).isEqualTo(200);
        TestServer.Reply r = reactivate(toJunior, TestServer.ADMIN);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(agent()).containsEntry("status", "active").containsEntry("level", "intern");
        assertThat(detail(r.json(), "reactivation")).containsEntry("level", "intern");
        assertThat(demotions(TestServer.ADMIN).getFirst()).containsEntry("state", "open"); // the critical one still needs its RCA
    }

    @Test
    void theUndoOfTheDemotionResponse_closesTheRecordAsUndone_andTheGatePasses() {
        critical("volume_spike"); // throttled, not stopped; demoted to intern
        Map<String, Object> d = only();
        assertThat(detail(d, "trigger")).containsEntry("kind", "critical_incident");
        Number response = (Number) detail(d, "trigger").get("response");

        TestServer.Reply undo = s.post("/v1/incidents/" + incidentId() + "/responses/" + response + "/undo", TestServer.ADMIN, "");
        assertThat(undo.status()).as(undo.body()).isEqualTo(200);

        Map<String, Object> after = only();
        assertThat(after).containsEntry("state", "undone").containsEntry("pending", List.of());
        assertThat(detail(after, "undone")).containsEntry("incident_id", incidentId()).containsEntry("level", "senior")
                .containsEntry("state_before", "open");
        assertThat(step(after, "undone").get("actor")).isEqualTo("operator:admin");
        assertThat(agent()).containsEntry("level", "senior");
        assertThat(demotionsClosedCheck()).containsEntry("passed", true);
        TestServer.Reply late = rootCause((String) after.get("id"), TestServer.ADMIN, "{\"note\":\"x\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.get("error")).isEqualTo("demotion_closed");
    }

    @Test
    void everyStep_isAuditedAsAgentDemotionStep_withExactlyTheDocumentedFields() {
        critical("error_rate");
        String id = (String) only().get("id");
        rootCause(id, TestServer.ADMIN, "{\"note\":\"cause\"}");
        reactivate(id, TestServer.ADMIN);

        List<Map<String, Object>> records = stepRecords();
        assertThat(records).extracting(r -> r.get("step"))
                .containsExactly("trigger", "isolation", "new_level", "controls", "root_cause", "reactivation");
        for (Map<String, Object> r : records) {
            assertThat(r).containsKeys("demotion_id", "step", "actor", "level_before", "level", "detail")
                    .containsEntry("demotion_id", id).containsEntry("level_before", "senior").containsEntry("level", "intern");
            assertThat(r.get("detail")).isInstanceOf(Map.class);
        }
        assertThat(records.getFirst()).containsEntry("actor", "system:incidents");
        assertThat(records.get(4)).containsEntry("actor", "operator:admin");
        @SuppressWarnings("unchecked")
        Map<String, Object> rca = (Map<String, Object>) records.get(4).get("detail");
        assertThat(rca).containsEntry("note", "cause");
    }

    @Test
    void attack_onlyAdminsOrTheAgentsOwner_writeTheRootCause_andOnlyAdminsReactivate() {
        critical("error_rate");
        String id = (String) only().get("id");
        String mallory = operator("mallory@example.com", "owner");
        String auditor = operator("audrey@example.com", "auditor");
        String alice = operator("alice@example.com", "owner");

        TestServer.Reply byStranger = rootCause(id, mallory, "{\"note\":\"nothing to see\"}");
        assertThat(byStranger.status()).isEqualTo(403);
        assertThat(byStranger.get("error")).isEqualTo("forbidden_role");
        assertThat(rootCause(id, auditor, "{\"note\":\"nothing to see\"}").status()).isEqualTo(403);
        assertThat(s.get("/v1/agents/" + AGENT + "/demotions", mallory).status()).isEqualTo(403);
        assertThat(only().get("pending")).isEqualTo(List.of("root_cause", "reactivation"));

        assertThat(demotions(auditor)).hasSize(1);
        assertThat(rootCause(id, alice, "{\"note\":\"bad deploy\"}").status()).isEqualTo(200);
        TestServer.Reply ownerReactivates = reactivate(id, alice);
        assertThat(ownerReactivates.status()).isEqualTo(403);
        assertThat(agent()).containsEntry("status", "quarantined");
    }

    @Test
    void badInput_is400NamingTheField_unknownAgentOrRecord_is404() {
        critical("error_rate");
        String id = (String) only().get("id");

        TestServer.Reply none = rootCause(id, TestServer.ADMIN, "{\"remediation\":\"x\"}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.get("error")).isEqualTo("missing_field");
        assertThat((String) none.get("message")).contains("note");
        TestServer.Reply tooLong = rootCause(id, TestServer.ADMIN, "{\"note\":\"" + "x".repeat(10_001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.get("error")).isEqualTo("invalid_field");
        assertThat((String) tooLong.get("message")).startsWith("note");
        assertThat(rootCause(id, TestServer.ADMIN, "{\"note\":\"" + "x".repeat(10_000) + "\"}").status()).isEqualTo(200);
        TestServer.Reply unknown = rootCause(id, TestServer.ADMIN, "{\"note\":\"x\",\"level\":\"senior\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat((String) unknown.get("message")).contains("level");
        TestServer.Reply noReason = s.post("/v1/agents/" + AGENT + "/demotions/" + id + "/reactivate", TestServer.ADMIN, "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat((String) noReason.get("message")).contains("reason");

        TestServer.Reply noRecord = s.get("/v1/agents/" + AGENT + "/demotions/dem_0000", TestServer.ADMIN);
        assertThat(noRecord.status()).isEqualTo(404);
        assertThat(noRecord.get("error")).isEqualTo("demotion_not_found");
        TestServer.Reply noAgent = s.get("/v1/agents/nobody/demotions", TestServer.ADMIN);
        assertThat(noAgent.status()).isEqualTo(404);
        assertThat(noAgent.get("error")).isEqualTo("agent_not_found");
    }
}
