package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import dev.warden.testing.MutableClock;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Attestations, business value and sign-offs over HTTP on the quickstart server (support-bot: senior, to principal). */
class PromotionEvidenceApiTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String ROLES = "\nmaturity:\n  sign_off_roles:\n    technical_owner: [tess]\n    business_owner: [bob]\n"
            + "    security: [carol]\n    risk_committee: [dave, erin]\n    stakeholder: [frank]\n";

    @TempDir
    Path tmp;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    TestServer s;
    Path config;

    @BeforeEach
    void start() throws Exception {
        config = TestServer.quickstartCopy(tmp.resolve("config"));
        Files.writeString(config.resolve("warden.yaml"), Files.readString(config.resolve("warden.yaml")) + ROLES);
        s = new TestServer(config, tmp.resolve("data"), clock);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private String operator(String name) {
        String password = "correct horse battery staple 42";
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[\"approver\"],\"password\":\"%s\"}".formatted(name, password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return (String) s.post("/v1/login", null, "{\"name\":\"%s\",\"password\":\"%s\"}".formatted(name, password)).get("token");
    }

    private TestServer.Reply delete(String path, String token, String body) {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private TestServer.Reply signOff(String token, String role) {
        return s.post("/v1/agents/support-bot/sign-offs", token, "{\"role\":\"" + role + "\",\"note\":\"reviewed\"}");
    }

    private TestServer.Reply attest(String token, String kind, String result) {
        return s.post("/v1/agents/support-bot/attestations", token, ("{\"kind\":\"%s\",\"result\":\"%s\",\"evidence_ref\":"
                + "\"https://evidence.example/%s\",\"evidence_digest\":\"%s\"}").formatted(kind, result, kind, DIGEST));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> gate(TestServer.Reply r, String gate) {
        return ((List<Map<String, Object>>) r.get("gates")).stream().filter(g -> gate.equals(g.get("gate"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(TestServer.Reply r, String gate, String name) {
        return ((List<Map<String, Object>>) gate(r, gate).get("checks")).stream().filter(c -> name.equals(c.get("name")))
                .findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPieceOfEvidence_isStored_listed_audited_andCountsInTheReadiness() throws Exception {
        String carol = operator("carol");
        String tess = operator("tess");
        String bob = operator("bob");
        String dave = operator("dave");
        String frank = operator("frank");
        for (String kind : List.of("vulnerability_assessment", "code_review", "configuration_audit", "penetration_test",
                "adversarial_testing")) {
            TestServer.Reply a = attest(carol, kind, "passed");
            assertThat(a.status()).as(a.body()).isEqualTo(201);
            assertThat(a.get("role")).isEqualTo("security");
        }
        assertThat(attest(tess, "documentation", "passed").status()).isEqualTo(201);
        TestServer.Reply v = s.post("/v1/agents/support-bot/business-value", bob, "{\"metrics\":[{\"name\":\"handling_time\","
                + "\"unit\":\"minutes\",\"baseline\":30,\"current\":18.5,\"direction\":\"decrease\"}],\"roi\":{\"ratio\":2.4,"
                + "\"evidence_ref\":\"https://roi.example/q3\",\"evidence_digest\":\"" + DIGEST + "\"}}");
        assertThat(v.status()).as(v.body()).isEqualTo(201);
        for (String[] who : new String[][]{{tess, "technical_owner"}, {bob, "business_owner"}, {carol, "security"},
                {dave, "risk_committee"}, {frank, "stakeholder"}}) {
            TestServer.Reply r = signOff(who[0], who[1]);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat((String) r.get("id")).matches("evd_[0-9a-f]{32}");
            assertThat(r.get("level")).isEqualTo("senior");
            assertThat(r.get("target")).isEqualTo("principal");
        }

        TestServer.Reply list = s.get("/v1/agents/support-bot/sign-offs", TestServer.ADMIN);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat((List<Object>) list.get("items")).hasSize(12);

        TestServer.Reply r = s.get("/v1/agents/support-bot/readiness", TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) r.get("gates")).extracting(g -> g.get("gate")).containsExactly("performance",
                "security_validation", "business_value", "incident_record", "governance_sign_off");
        assertThat(r.get("pending")).isEqualTo(List.of());
        assertThat(gate(r, "security_validation").get("passed")).as(r.body()).isEqualTo(true);
        assertThat(gate(r, "governance_sign_off").get("passed")).as(r.body()).isEqualTo(true);
        assertThat(check(r, "business_value", "improvement_demonstrated").get("passed")).isEqualTo(true);
        assertThat(check(r, "business_value", "roi_calculated").get("passed")).isEqualTo(true);
        assertThat(check(r, "business_value", "stakeholder_sign_off").get("passed")).isEqualTo(true);
        // the quickstart's behaviour monitor has not seen support-bot: its baseline is not established
        assertThat(check(r, "business_value", "baseline_established").get("passed")).isEqualTo(false);
        assertThat((String) check(r, "business_value", "baseline_established").get("why")).contains("no baseline of support-bot");
        // a member of a sign-off role reads the list; an operator in none (an approver) does not
        assertThat(s.get("/v1/agents/support-bot/sign-offs", frank).status()).isEqualTo(200);
        assertThat(s.get("/v1/agents/support-bot/sign-offs", operator("mallory")).status()).isEqualTo(403);

        List<AuditTrail.Entry> signed = AuditTrail.after(s, 0, "maturity.signed_off");
        assertThat(signed).hasSize(5);
        assertThat(signed.getFirst().json()).containsEntry("agent", "support-bot").containsEntry("actor", "operator:tess")
                .containsEntry("role", "technical_owner").containsEntry("level", "senior").containsEntry("target", "principal")
                .containsEntry("note", "reviewed").containsKey("id");
        Map<String, Object> attested = AuditTrail.after(s, 0, "maturity.attested").getFirst().json();
        assertThat(attested).containsEntry("attestation_kind", "vulnerability_assessment").containsEntry("result", "passed")
                .containsEntry("evidence_digest", DIGEST).containsKeys("id", "actor", "role", "level", "target", "evidence_ref", "note");
        Map<String, Object> value = AuditTrail.after(s, 0, "maturity.business_value").getFirst().json();
        assertThat(value).containsEntry("actor", "operator:bob").containsKeys("id", "role", "level", "target", "metrics", "roi", "note");
    }

    @Test
    void attack_anOperatorSignsInARoleTheyDoNotHold_isRefused403_andTheRefusalIsAudited() throws Exception {
        String mallory = operator("mallory");
        TestServer.Reply r = signOff(mallory, "security");
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.get("error")).isEqualTo("not_in_sign_off_role");
        assertThat(attest(operator("bob"), "code_review", "passed").get("error")).isEqualTo("not_in_sign_off_role");
        // the bootstrap admin token is no named operator: it cannot sign either
        assertThat(signOff(TestServer.ADMIN, "security").get("error")).isEqualTo("not_in_sign_off_role");
        assertThat(AuditTrail.after(s, 0, "operator.refused")).anySatisfy(e ->
                assertThat(e.text()).contains("mallory").contains("not_in_sign_off_role"));
        assertThat(AuditTrail.after(s, 0, "maturity.signed_off")).isEmpty();
    }

    @Test
    void aWithdrawnSignOff_noLongerCounts_andOnlyItsAuthorOrAnAdminMayWithdrawIt() throws Exception {
        String tess = operator("tess");
        String id = (String) signOff(tess, "technical_owner").get("id");
        assertThat(check(s.get("/v1/agents/support-bot/readiness", TestServer.ADMIN), "governance_sign_off", "technical_owner")
                .get("passed")).isEqualTo(true);

        TestServer.Reply stranger = delete("/v1/agents/support-bot/sign-offs/" + id, operator("carol"), "{\"reason\":\"mine\"}");
        assertThat(stranger.status()).as(stranger.body()).isEqualTo(403);
        TestServer.Reply noReason = delete("/v1/agents/support-bot/sign-offs/" + id, tess, "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.get("message").toString()).contains("reason");
        TestServer.Reply ok = delete("/v1/agents/support-bot/sign-offs/" + id, tess, "{\"reason\":\"found a gap\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.get("withdrawn")).isEqualTo(true);
        assertThat(check(s.get("/v1/agents/support-bot/readiness", TestServer.ADMIN), "governance_sign_off", "technical_owner")
                .get("passed")).isEqualTo(false);
        assertThat(delete("/v1/agents/support-bot/sign-offs/" + id, TestServer.ADMIN, "{\"reason\":\"x\"}").status()).isEqualTo(409);
        assertThat(delete("/v1/agents/support-bot/sign-offs/evd_nothing", TestServer.ADMIN, "{\"reason\":\"x\"}").status()).isEqualTo(404);
        assertThat(AuditTrail.after(s, 0, "maturity.sign_off_withdrawn")).singleElement().satisfies(e ->
                assertThat(e.json()).containsEntry("id", id).containsEntry("actor", "operator:tess").containsEntry("reason", "found a gap")
                        .containsEntry("agent", "support-bot"));
        TestServer.Reply list = s.get("/v1/agents/support-bot/sign-offs", TestServer.ADMIN);
        assertThat(list.body()).contains("\"withdrawn\":true").contains("found a gap");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"kind\":\"code_review\",\"result\":\"passed\",\"evidence_ref\":\"r\",\"evidence_digest\":\"md5:00\"}|evidence_digest: must be sha256: followed by 64 hex digits",
            "{\"kind\":\"code_review\",\"result\":\"passed\",\"evidence_digest\":\"" + "sha256:" + "abababababababababababababababababababababababababababababababab" + "\"}|evidence_ref",
            "{\"kind\":\"pentest\",\"result\":\"passed\",\"evidence_ref\":\"r\",\"evidence_digest\":\"md5:00\"}|kind:",
            "{\"kind\":\"code_review\",\"result\":\"ok\",\"evidence_ref\":\"r\",\"evidence_digest\":\"md5:00\"}|result:",
            "{\"kind\":\"code_review\",\"result\":\"passed\",\"evidence_ref\":\"r\",\"evidence_digest\":\"md5:00\",\"extra\":1}|extra"})
    void badAttestations_are400_namingTheField(String body, String message) {
        TestServer.Reply r = s.post("/v1/agents/support-bot/attestations", operator("carol"), body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.get("message").toString()).contains(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|metrics",
            "{\"metrics\":[]}|metrics:",
            "{\"metrics\":[{\"name\":\"a\",\"unit\":\"u\",\"baseline\":\"ten\",\"direction\":\"increase\"}]}|metrics[0].baseline",
            "{\"metrics\":[{\"name\":\"a\",\"unit\":\"u\",\"baseline\":1,\"direction\":\"up\"}]}|metrics[0].direction",
            "{\"metrics\":[{\"name\":\"a\",\"unit\":\"u\",\"baseline\":1,\"direction\":\"increase\"}],\"roi\":{\"ratio\":2}}|roi.evidence_ref"})
    void badBusinessValue_is400_namingTheField(String body, String message) {
        TestServer.Reply r = s.post("/v1/agents/support-bot/business-value", operator("bob"), body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.get("message").toString()).contains(message);
    }

    @Test
    void unknownAgent_is404_aBadRole_is400_andAPrincipalHasNoNextLevel() {
        String tess = operator("tess");
        TestServer.Reply unknown = s.post("/v1/agents/nobody/sign-offs", tess, "{\"role\":\"technical_owner\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("error")).isEqualTo("agent_not_found");
        TestServer.Reply role = s.post("/v1/agents/support-bot/sign-offs", tess, "{\"role\":\"ceo\"}");
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.get("message").toString()).startsWith("role:");
        assertThat(s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"principal\",\"reason\":\"t\"}").status())
                .isEqualTo(200);
        TestServer.Reply top = signOff(tess, "technical_owner");
        assertThat(top.status()).as(top.body()).isEqualTo(400);
        assertThat(top.get("message").toString()).startsWith("level:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ceo: [zoe]|ceo:|unknown key",
            "security: carol|security: carol|must be a list",
            "security: [\"not a name!\"]|not a name|operator name"})
    void badSignOffRoles_stopStartupAtTheirLine(String entry, String needle, String message) throws Exception {
        Path bad = TestServer.quickstartCopy(tmp.resolve("bad"));
        Files.writeString(bad.resolve("warden.yaml"), Files.readString(bad.resolve("warden.yaml"))
                + "\nmaturity:\n  sign_off_roles:\n    " + entry + "\n");
        int line = TestServer.lineOf(bad.resolve("warden.yaml"), needle);
        assertThatThrownBy(() -> ConfigLoader.load(bad)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:" + line + ":").hasMessageContaining(message);
    }
}
