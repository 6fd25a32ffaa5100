package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.cite.CitationCheck;
import dev.warden.audit.cite.CitationVerifier;
import dev.warden.audit.note.KeyRing;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/agents/{name}/dossier}: the evidence sections, and citations with proofs that verify offline. */
class DossierApiTest {
    private static final String READ = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}";
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(dir.resolve("data"), clock);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private Map<String, Object> dossier(String agent) {
        TestServer.Reply r = s.get("/v1/agents/" + agent + "/dossier", TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JsonReader.parseObject(r.body());
    }

    private String incident(String note) {
        s.server.warden().incidents().accept(new Anomaly("anm_1", clock.instant(), "support-bot", Optional.empty(),
                "deny_rate", 1, AnomalySeverity.MAJOR, 10, Optional.of(1.0), 4, "deny rate of support-bot", List.of()));
        TestServer.Reply list = s.get("/v1/incidents?agent=support-bot", TestServer.ADMIN);
        @SuppressWarnings("unchecked")
        String id = (String) ((List<Map<String, Object>>) list.get("incidents")).getFirst().get("incident_id");
        TestServer.Reply resolved = s.post("/v1/incidents/" + id + "/resolve", TestServer.ADMIN,
                "{\"note\":" + dev.warden.json.CanonicalJson.write(note) + "}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        return id;
    }

    @Test
    @SuppressWarnings("unchecked")
    void dossier_holdsEverySection_andCitesLevelAndIncidentRecords_withProofsThatVerify() throws Exception {
        String bot = s.token("support-bot");
        for (int i = 0; i < 3; i++) {
            assertThat(s.decide(bot, READ).get("decision")).isEqualTo("allow");
        }
        clock.advance(Duration.ofDays(1));
        String id = incident("root cause: a retry loop in the <script>alert(1)</script> client");
        TestServer.Reply down = s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"junior\",\"reason\":\"review\"}");
        assertThat(down.status()).as(down.body()).isEqualTo(200);
        clock.advance(Duration.ofDays(1));

        Map<String, Object> d = dossier("support-bot");

        assertThat(d.get("format")).isEqualTo("warden.agent.dossier/v1");
        Map<String, Object> agent = (Map<String, Object>) d.get("agent");
        assertThat(agent).containsEntry("name", "support-bot").containsEntry("level", "junior").containsEntry("owner", "alice@example.com");
        assertThat(agent).containsKeys("level_basis", "level_since", "status", "version", "config_digest", "granted_without_gates");
        Map<String, Object> readiness = (Map<String, Object>) d.get("readiness");
        assertThat(readiness.get("next_level")).isEqualTo("senior");
        assertThat((List<Map<String, Object>>) readiness.get("gates")).extracting(g -> g.get("gate")).contains("performance", "incident_record");
        assertThat(readiness).containsKey("controls");
        assertThat((Map<String, Object>) d.get("shadow")).containsEntry("next_level", "senior");

        List<Map<String, Object>> incidents = (List<Map<String, Object>>) d.get("incidents");
        assertThat(incidents).hasSize(1);
        assertThat(incidents.getFirst()).containsEntry("incident_id", id).containsEntry("state", "resolved")
                .containsEntry("root_cause", "root cause: a retry loop in the <script>alert(1)</script> client");
        assertThat((List<Map<String, Object>>) incidents.getFirst().get("timeline")).isNotEmpty();
        assertThat((List<Map<String, Object>>) incidents.getFirst().get("records")).extracting(r -> r.get("kind"))
                .contains("incident.opened", "incident.resolved");

        List<Map<String, Object>> history = (List<Map<String, Object>>) d.get("level_history");
        assertThat(history).extracting(h -> h.get("kind")).containsSubsequence("agent.registered", "agent.level_changed");
        assertThat(history).filteredOn(h -> "agent.level_changed".equals(h.get("kind"))).last()
                .satisfies(h -> assertThat(h).containsEntry("level_before", "senior").containsEntry("level", "junior")
                        .containsEntry("reason", "review"));
        assertThat((List<Object>) d.get("sign_offs")).isEmpty();
        // the cut to junior opened a demotion record: its steps are cited in order
        List<Map<String, Object>> demotions = (List<Map<String, Object>>) d.get("demotions");
        assertThat(demotions).hasSize(1);
        assertThat((List<Map<String, Object>>) demotions.getFirst().get("steps")).extracting(x -> x.get("step"))
                .containsSubsequence("trigger", "new_level", "controls");

        List<Map<String, Object>> days = (List<Map<String, Object>>) ((Map<String, Object>) d.get("series")).get("days");
        assertThat(days).extracting(x -> x.get("date")).containsExactly("2026-12-07", "2026-12-08", "2026-12-09");
        assertThat(days.getFirst()).containsEntry("decisions", 3L).containsEntry("allowed", 3L).containsEntry("denied", 0L);
        assertThat(days.getFirst().get("accuracy")).isNull(); // no outcome and no approval decided

        Map<String, Object> cited = (Map<String, Object>) d.get("cited");
        List<Map<String, Object>> records = (List<Map<String, Object>>) cited.get("records");
        assertThat(records).extracting(r -> r.get("kind")).contains("agent.registered", "agent.level_changed",
                "incident.opened", "incident.resolved").doesNotContain("decision", "token.issued");
        assertThat((List<Object>) cited.get("not_covered")).isEmpty();
        assertThat(((Map<String, Object>) cited.get("checkpoint")).get("size")).isEqualTo(s.server.auditLog().treeHead().size());

        KeyRing keys = KeyRing.parse(s.get("/v1/audit/keys", TestServer.ADMIN).body());
        CitationCheck check = new CitationVerifier(keys).verify(cited);
        assertThat(check).as(check.toString()).isInstanceOf(CitationCheck.Verified.class);
        CitationCheck.Verified v = (CitationCheck.Verified) check;
        assertThat(v.entries()).hasSize(records.size());
        assertThat(CitationVerifier.references(v, "level_history", history)).isNull();
        assertThat(CitationVerifier.references(v, "incidents", (List<?>) incidents.getFirst().get("records"))).isNull();

        // a section that says something its record does not is caught
        history.getLast().put("level", "principal");
        assertThat(CitationVerifier.references(v, "level_history", history)).isNotNull()
                .satisfies(f -> assertThat(f.message()).contains("field level differs"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLevelGrantedWithoutGates_isFlagged_andAPrincipalHasNoReadiness() {
        TestServer.Reply up = s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"principal\",\"reason\":\"trust me\"}");
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        Map<String, Object> d = dossier("support-bot");
        assertThat((Map<String, Object>) d.get("agent")).containsEntry("granted_without_gates", true);
        assertThat((Map<String, Object>) d.get("readiness")).containsEntry("next_level", null).containsKey("note");
        assertThat((Map<String, Object>) d.get("shadow")).containsEntry("next_level", null);
        List<Map<String, Object>> history = (List<Map<String, Object>>) d.get("level_history");
        assertThat(history.getLast()).containsEntry("level", "principal").containsEntry("granted_without_gates", true);
    }

    private void record(String kind, String agent, Map<String, Object> fields) {
        var event = agent == null ? dev.warden.audit.AuditEvent.of(kind, clock.instant(), fields)
                : dev.warden.audit.AuditEvent.forAgent(kind, clock.instant(), agent, fields);
        s.server.warden().auditLog().appendDurably(event);
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void signOffsDemotionsAndPromotions_areRenderedFromTheirRecordsWhateverTheirFields_andCited() throws Exception {
        // as the promotion workflow records them: a sign-off naming the agent as target (no agent column), its withdrawal,
        // another agent's sign-off, a two-step demotion recorded out of order, a promotion
        record("maturity.signed_off", null, Map.of("id", "so_1", "actor", "operator:carol", "role", "risk", "level", "principal",
                "target", "support-bot", "note", "<b>ok</b>"));
        record("maturity.signed_off", null, Map.of("id", "so_2", "actor", "operator:carol", "role", "risk", "level", "senior",
                "target", "other-bot", "note", "not ours"));
        record("maturity.attested", "support-bot", Map.of("id", "at_1", "actor", "operator:sec", "role", "security", "level", "senior",
                "target", "support-bot", "result", "pass", "evidence_ref", "https://example.com/r", "evidence_digest", "sha256:00", "note", ""));
        record("maturity.sign_off_withdrawn", null, Map.of("id", "so_1", "actor", "operator:carol", "reason", "changed my mind"));
        record("agent.demotion_step", "support-bot", Map.of("demotion_id", "dem_1", "step", 2L, "actor", "system:demotion",
                "level_before", "junior", "level", "intern", "detail", "second step"));
        record("agent.demotion_step", "support-bot", Map.of("demotion_id", "dem_1", "step", 1L, "actor", "system:demotion",
                "level_before", "senior", "level", "junior", "detail", "first step"));
        record("agent.promoted", "support-bot", Map.of("actor", "operator:admin", "reason", "gates passed", "level_before", "intern",
                "level", "junior"));

        Map<String, Object> d = dossier("support-bot");

        List<Map<String, Object>> signOffs = (List<Map<String, Object>>) d.get("sign_offs");
        assertThat(signOffs).extracting(x -> x.get("kind"))
                .containsExactly("maturity.signed_off", "maturity.attested", "maturity.sign_off_withdrawn");
        assertThat(signOffs.getFirst()).containsEntry("id", "so_1").containsEntry("role", "risk").containsEntry("withdrawn", true)
                .containsEntry("note", "<b>ok</b>");
        assertThat(signOffs.get(1)).containsEntry("result", "pass").containsEntry("evidence_digest", "sha256:00");
        List<Map<String, Object>> demotions = (List<Map<String, Object>>) d.get("demotions");
        assertThat(demotions).hasSize(1);
        assertThat((List<Map<String, Object>>) demotions.getFirst().get("steps")).extracting(x -> x.get("detail"))
                .containsExactly("first step", "second step");
        List<Map<String, Object>> history = (List<Map<String, Object>>) d.get("level_history");
        assertThat(history).extracting(h -> h.get("kind")).endsWith("agent.demotion_step", "agent.demotion_step", "agent.promoted");

        Map<String, Object> cited = (Map<String, Object>) d.get("cited");
        CitationCheck check = new CitationVerifier(KeyRing.parse(s.get("/v1/audit/keys", TestServer.ADMIN).body())).verify(cited);
        assertThat(check).as(check.toString()).isInstanceOf(CitationCheck.Verified.class);
        CitationCheck.Verified v = (CitationCheck.Verified) check;
        assertThat(v.entries().values()).extracting(e -> e.get("kind")).contains("maturity.signed_off", "maturity.sign_off_withdrawn",
                "maturity.attested", "agent.demotion_step", "agent.promoted");
        assertThat(v.entries().values()).noneMatch(e -> "so_2".equals(e.get("id")));
        assertThat(CitationVerifier.references(v, "sign_offs", signOffs)).isNull();
        assertThat(CitationVerifier.references(v, "demotions", (List<?>) demotions.getFirst().get("steps"))).isNull();
        assertThat(CitationVerifier.references(v, "level_history", history)).isNull();
    }

    private String operator(String name, String role) {
        String password = "correct horse battery staple 42";
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[\"%s\"],\"password\":\"%s\"}".formatted(name, role, password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return (String) s.post("/v1/login", null, "{\"name\":\"%s\",\"password\":\"%s\"}".formatted(name, password)).get("token");
    }

    @Test
    void theOwnerAndAnAuditorReadIt_anApproverAnotherOwnerAndTheAgentAreRefused_anUnknownAgentIs404() throws Exception {
        assertThat(s.get("/v1/agents/support-bot/dossier", operator("alice@example.com", "owner")).status()).isEqualTo(200);
        assertThat(s.get("/v1/agents/support-bot/dossier", operator("audrey@example.com", "auditor")).status()).isEqualTo(200);
        TestServer.Reply approver = s.get("/v1/agents/support-bot/dossier", operator("bob@example.com", "approver"));
        assertThat(approver.status()).as(approver.body()).isEqualTo(403);
        assertThat(approver.get("error")).isEqualTo("forbidden_role");
        TestServer.Reply other = s.get("/v1/agents/support-bot/dossier", operator("mallory@example.com", "owner"));
        assertThat(other.status()).isEqualTo(403);
        assertThat(s.get("/v1/agents/support-bot/dossier", s.token("support-bot")).status()).isIn(401, 403);
        TestServer.Reply unknown = s.get("/v1/agents/nobody/dossier", TestServer.ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("error")).isEqualTo("agent_not_found");
    }
}
