package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.warden.server.token.SigningKey;
import dev.warden.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /v1/kill}: the kill switch by agent, owner, project or for all agents. */
class ScopedKillTest {
    static final String READ = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}";
    static final String REPLY = "{\"action\":\"customer.reply\",\"args\":{\"ticket_id\":\"t\",\"message\":\"m\"}}";

    @TempDir
    Path data;
    TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(data, new MutableClock(Instant.now()));
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /** Registers an agent of {@code owner} in project shop; its key. */
    private OctetKeyPair register(String name, String owner) throws Exception {
        OctetKeyPair key = SigningKey.withThumbprintId(SigningKey.generate(null), name);
        TestServer.Reply reg = s.post("/v1/agents", TestServer.ADMIN, """
                {"name":"%s","owner":"%s","purpose":"testing","capabilities":["inventory.read"],
                 "version":"1","config_digest":"sha256:00","project":"shop","environment":"prod",
                 "public_keys":[{"kty":"OKP","crv":"Ed25519","kid":"%s","x":"%s"}]}"""
                .formatted(name, owner, key.getKeyID(), key.getX()));
        assertThat(reg.status()).as(reg.body()).isEqualTo(201);
        return key;
    }

    private String token(String agent, OctetKeyPair key) throws Exception {
        return (String) s.tokenRequest(s.assertion(agent, key)).get("access_token");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> codes(TestServer.Reply r) {
        return ((List<Map<String, Object>>) r.get("reasons")).stream().map(m -> m.get("code")).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"reason\":\"r\"}                                       | 400 | missing_field | agent, owner, project or all",
            "{\"owner\":\"alice@example.com\"}                        | 400 | missing_field | reason",
            "{\"owner\":\"a\",\"project\":\"shop\",\"reason\":\"r\"}   | 400 | invalid_field | owner, project",
            "{\"all\":false,\"reason\":\"r\"}                         | 400 | invalid_field | all must be true",
            "{\"all\":\"true\",\"reason\":\"r\"}                      | 400 | invalid_field | all must be true",
            "{\"owner\":7,\"reason\":\"r\"}                           | 400 | invalid_field | owner",
            "{\"owner\":\"\",\"reason\":\"r\"}                        | 400 | missing_field | owner",
            "{\"owner\":\"a\",\"reason\":\"r\",\"why\":1}              | 400 | invalid_field | why",
            "[]                                                       | 400 | invalid_request | JSON object",
            "{\"agent\":\"nobody\",\"reason\":\"r\"}                  | 404 | agent_not_found | nobody",
    })
    void kill_badBody_clearErrorAndNothingKilled(String body, int status, String error, String mentions) throws Exception {
        TestServer.Reply r = s.post("/v1/kill", TestServer.ADMIN, body);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.get("error")).as(r.body()).isEqualTo(error);
        assertThat((String) r.get("message")).contains(mentions);
        assertThat(s.decide(s.token("support-bot"), READ).get("decision")).isEqualTo("allow");
    }

    @Test
    void kill_withoutOperatorToken_unauthorized() throws Exception {
        TestServer.Reply r = s.post("/v1/kill", null, "{\"all\":true,\"reason\":\"r\"}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(s.decide(s.token("support-bot"), READ).get("decision")).isEqualTo("allow");
    }

    @Test
    void killByOwner_killsExactlyThatOwnersAgents() throws Exception {
        OctetKeyPair bobKey = register("bob-bot", "bob@example.com");
        OctetKeyPair helperKey = register("bob-helper", "bob@example.com");
        String supportToken = s.token("support-bot");
        String bobToken = token("bob-bot", bobKey);
        String helperToken = token("bob-helper", helperKey);
        s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"junior\",\"reason\":\"test\"}");
        assertThat(s.decide(supportToken, REPLY).get("decision")).isEqualTo("approval_required");
        s.pendingApproval("customer.reply", "support-bot", Duration.ofSeconds(10));
        long head = AuditTrail.head(s);

        TestServer.Reply r = s.post("/v1/kill", TestServer.ADMIN, "{\"owner\":\"bob@example.com\",\"reason\":\"leak\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("killed", List.of("bob-bot", "bob-helper"), "already_killed", List.of()));
        assertThat(codes(s.decide(bobToken, READ))).containsExactly("token_revoked");
        assertThat(codes(s.decide(helperToken, READ))).containsExactly("token_revoked");
        assertThat(s.decide(supportToken, READ).get("decision")).as("another owner's agent").isEqualTo("allow");
        assertThat(s.pendingApprovals()).as("another owner's approvals").hasSize(1);

        List<AuditTrail.Entry> killed = AuditTrail.after(s, head, "agent.killed");
        assertThat(killed).extracting(e -> e.get("agent")).containsExactly("bob-bot", "bob-helper");
        assertThat(killed).allSatisfy(e -> {
            assertThat(e.json().get("scope")).isEqualTo(Map.of("owner", "bob@example.com"));
            assertThat(e.get("reason")).isEqualTo("leak");
            assertThat(e.get("actor")).startsWith("operator");
        });
        List<AuditTrail.Entry> scoped = AuditTrail.after(s, head, "agent.kill_scoped");
        assertThat(scoped).hasSize(1);
        assertThat(scoped.getFirst().json().get("killed")).isEqualTo(List.of("bob-bot", "bob-helper"));

        TestServer.Reply alice = s.post("/v1/kill", TestServer.ADMIN, "{\"owner\":\"alice@example.com\",\"reason\":\"r\"}");
        assertThat(alice.json()).isEqualTo(Map.of("killed", List.of("support-bot"), "already_killed", List.of()));
        assertThat(codes(s.decide(supportToken, READ))).containsExactly("token_revoked");
        assertThat(s.pendingApprovals()).as("the killed agent's pending approvals are revoked").isEmpty();

        TestServer.Reply again = s.post("/v1/kill", TestServer.ADMIN, "{\"agent\":\"bob-bot\",\"reason\":\"again\"}");
        assertThat(again.json()).as("not killed twice")
                .isEqualTo(Map.of("killed", List.of(), "already_killed", List.of("bob-bot")));
        assertThat(AuditTrail.after(s, head, "agent.killed")).hasSize(3);
    }

    @Test
    void killByOwnerOrProjectWithNoAgents_emptyLists() {
        for (String body : List.of("{\"owner\":\"nobody@example.com\",\"reason\":\"r\"}", "{\"project\":\"none\",\"reason\":\"r\"}")) {
            TestServer.Reply r = s.post("/v1/kill", TestServer.ADMIN, body);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json()).isEqualTo(Map.of("killed", List.of(), "already_killed", List.of()));
        }
    }

    @Test
    void killAll_killsEveryAgentOnce() throws Exception {
        OctetKeyPair bobKey = register("bob-bot", "bob@example.com");
        String bobToken = token("bob-bot", bobKey);
        String supportToken = s.token("support-bot");
        s.post("/v1/agents/bob-bot/kill", TestServer.ADMIN, "{}");

        TestServer.Reply r = s.post("/v1/kill", TestServer.ADMIN, "{\"all\":true,\"reason\":\"incident 7\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("killed", List.of("support-bot"), "already_killed", List.of("bob-bot")));
        assertThat(codes(s.decide(supportToken, READ))).containsExactly("token_revoked");
        assertThat(codes(s.decide(bobToken, READ))).containsExactly("token_revoked");
        assertThat(s.get("/v1/agents/support-bot", TestServer.ADMIN).get("status")).isEqualTo("killed");
    }

    @Test
    void killByProject_killsItsAgents() throws Exception {
        String supportToken = s.token("support-bot");
        TestServer.Reply r = s.post("/v1/kill", TestServer.ADMIN, "{\"project\":\"shop\",\"reason\":\"r\"}");
        assertThat(r.json()).isEqualTo(Map.of("killed", List.of("support-bot"), "already_killed", List.of()));
        assertThat(codes(s.decide(supportToken, READ))).containsExactly("token_revoked");
    }
}
