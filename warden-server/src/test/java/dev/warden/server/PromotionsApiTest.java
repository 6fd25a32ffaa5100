package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/agents/{name}/promotions} on the quickstart server: refusals, bad input, who may ask. */
class PromotionsApiTest {
    @TempDir
    java.nio.file.Path tmp;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(tmp.resolve("data"), clock);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private String operator(String name, String role) {
        String password = "correct horse battery staple 42";
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[\"%s\"],\"password\":\"%s\"}".formatted(name, role, password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return (String) s.post("/v1/login", null, "{\"name\":\"%s\",\"password\":\"%s\"}".formatted(name, password)).get("token");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onTimeAlone_thePromotionIsRefused_409_namingEveryFailingCheck_andTheAgentIsUnchanged() {
        clock.advance(java.time.Duration.ofDays(60)); // senior for 60 days: the time at level is met, nothing else

        TestServer.Reply r = s.post("/v1/agents/support-bot/promotions", TestServer.ADMIN,
                "{\"to\":\"principal\",\"reason\":\"sixty quiet days\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.get("error")).isEqualTo("gates_not_passed");
        List<Map<String, Object>> failures = (List<Map<String, Object>>) r.get("failures");
        assertThat(failures).extracting(f -> f.get("gate") + "." + f.get("check"))
                .contains("performance.operations", "controls.rollback")
                .doesNotContain("performance.time_at_level");
        assertThat(failures).allSatisfy(f -> assertThat((String) f.get("why")).isNotBlank());
        assertThat((List<String>) r.get("controls_missing")).contains("rollback");
        assertThat((String) r.get("message")).contains("did not pass");
        assertThat(((Map<String, Object>) r.get("readiness")).get("next_level")).isEqualTo("principal");
        assertThat(s.get("/v1/agents/support-bot", TestServer.ADMIN).get("level")).isEqualTo("senior");
    }

    @Test
    void badInput_namesTheField() {
        TestServer.Reply skip = s.post("/v1/agents/support-bot/promotions", TestServer.ADMIN, "{\"to\":\"intern\",\"reason\":\"x\"}");
        assertThat(skip.status()).isEqualTo(400);
        assertThat((String) skip.get("message")).startsWith("to: ");
        TestServer.Reply unknown = s.post("/v1/agents/support-bot/promotions", TestServer.ADMIN, "{\"to\":\"boss\",\"reason\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(400);
        TestServer.Reply noTo = s.post("/v1/agents/support-bot/promotions", TestServer.ADMIN, "{\"reason\":\"x\"}");
        assertThat(noTo.status()).isEqualTo(400);
        assertThat((String) noTo.get("message")).contains("to");
        TestServer.Reply noReason = s.post("/v1/agents/support-bot/promotions", TestServer.ADMIN, "{\"to\":\"principal\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat((String) noReason.get("message")).startsWith("reason: ");
        TestServer.Reply extra = s.post("/v1/agents/support-bot/promotions", TestServer.ADMIN,
                "{\"to\":\"principal\",\"reason\":\"x\",\"force\":true}");
        assertThat(extra.status()).isEqualTo(400);
        TestServer.Reply nobody = s.post("/v1/agents/nobody/promotions", TestServer.ADMIN, "{\"to\":\"junior\",\"reason\":\"x\"}");
        assertThat(nobody.status()).isIn(403, 404);
    }

    @Test
    void anApproverAnAuditorAnotherOwnerAndTheAgentItself_mayNotAsk_theOwnerMay() throws Exception {
        for (String[] who : new String[][] {{"amy", "approver"}, {"audrey", "auditor"}, {"mallory@example.com", "owner"}}) {
            TestServer.Reply r = s.post("/v1/agents/support-bot/promotions", operator(who[0], who[1]),
                    "{\"to\":\"principal\",\"reason\":\"x\"}");
            assertThat(r.status()).as(who[1] + ": " + r.body()).isEqualTo(403);
            assertThat(r.get("error")).isEqualTo("forbidden_role");
        }
        TestServer.Reply self = s.post("/v1/agents/support-bot/promotions", s.token("support-bot"),
                "{\"to\":\"principal\",\"reason\":\"trust me\"}");
        assertThat(self.status()).isIn(401, 403);
        TestServer.Reply owner = s.post("/v1/agents/support-bot/promotions", operator("alice@example.com", "owner"),
                "{\"to\":\"principal\",\"reason\":\"my agent\"}");
        assertThat(owner.status()).as(owner.body()).isEqualTo(409); // allowed to ask; the gates refuse
    }

    @Test
    void aRaiseThroughTheLevelEndpoint_needsAReason_aCutDoesNot() {
        TestServer.Reply raise = s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"principal\"}");
        assertThat(raise.status()).isEqualTo(400);
        assertThat(raise.get("error")).isEqualTo("missing_field");
        assertThat((String) raise.get("message")).startsWith("reason: ");
        assertThat(s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"junior\"}").status()).isEqualTo(200);
    }
}
