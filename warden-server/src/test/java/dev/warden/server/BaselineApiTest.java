package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/agents/{name}/baseline} on the quickstart server (the seed table configured). */
class BaselineApiTest {
    @TempDir
    java.nio.file.Path tmp;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    TestServer s;
    String bot;

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(tmp.resolve("data"), clock);
        bot = s.token("support-bot");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void baseline_countsTheAgentsDecisions_andTheOperatorSeesIt() {
        for (int i = 0; i < 4; i++) {
            TestServer.Reply d = s.decide(bot, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-" + i + "\"}}");
            assertThat(d.get("decision")).as(d.body()).isEqualTo("allow");
        }
        TestServer.Reply r = s.get("/v1/agents/support-bot/baseline", TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.get("agent")).isEqualTo("support-bot");
        assertThat(r.get("learning")).isEqualTo(true);
        assertThat(r.get("operations")).isEqualTo(4L);
        assertThat((Map<String, Object>) r.get("tools")).containsOnlyKeys("inventory.read");
        assertThat((Map<String, Object>) r.get("monitor")).containsEntry("dropped", 0L);
    }

    @Test
    void anAgentWithoutCalls_isLearningWithNothingSeen() {
        TestServer.Reply r = s.get("/v1/agents/support-bot/baseline", TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.get("learning")).isEqualTo(true);
        assertThat(r.get("operations")).isEqualTo(0L);
    }

    @Test
    void unknownAgent_is404_andAnAgentCannotReadIt() {
        TestServer.Reply unknown = s.get("/v1/agents/nobody/baseline", TestServer.ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("error")).isEqualTo("agent_not_found");
        TestServer.Reply asAgent = s.get("/v1/agents/support-bot/baseline", bot);
        assertThat(asAgent.status()).isIn(401, 403);
    }
}
