package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's incident step on the quickstart through the real server: an agent that reports a
 * burst of failed outcomes trips the seed table's error-rate rule, is quarantined, and an
 * incident is opened with an alert, all from the default configuration.
 */
class ErrorBurstTest {
    private static final String READ = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}";

    @TempDir
    Path data;

    private static void outcome(TestServer s, String token, String status) {
        TestServer.Reply d = s.decide(token, READ);
        assertThat(d.get("decision")).as(d.body()).isEqualTo("allow");
        TestServer.Reply o = s.post("/v1/decisions/" + d.get("decision_id") + "/outcome", token,
                "{\"status\":\"" + status + "\"}");
        assertThat(o.status()).as(o.body()).isEqualTo(201);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(TestServer s, String path, String key) {
        TestServer.Reply r = s.get(path, TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) r.get(key);
    }

    @Test
    void aBurstOfFailedOutcomes_quarantinesTheAgent_opensAnIncident_andRaisesAnAlert() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestServer s = new TestServer(data, clock)) {
            String token = s.token("support-bot");
            for (int i = 0; i < 16; i++) {
                outcome(s, token, "completed");
            }
            for (int i = 0; i < 3; i++) {
                outcome(s, token, "failed");
            }
            assertThat(list(s, "/v1/incidents?agent=support-bot", "incidents")).as("3 of the latest 10 can be chance").isEmpty();
            outcome(s, token, "failed");
            outcome(s, token, "failed"); // 5 of the latest 10 failed: 50% > 15%, and not chance at a 2% usual rate

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!"quarantined".equals(s.get("/v1/agents/support-bot", TestServer.ADMIN).get("status"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(s.get("/v1/agents/support-bot", TestServer.ADMIN).get("status")).isEqualTo("quarantined");
            assertThat(s.decide(token, READ).body()).contains("\"decision\":\"deny\"").contains("agent_quarantined");
            List<Map<String, Object>> incidents = list(s, "/v1/incidents?agent=support-bot", "incidents");
            assertThat(incidents).singleElement().satisfies(i -> {
                assertThat(i).containsEntry("state", "open").containsEntry("severity", "critical");
            });
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (list(s, "/v1/alerts?agent=support-bot", "alerts").stream().noneMatch(a -> "incident.opened".equals(a.get("kind")))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(list(s, "/v1/alerts?agent=support-bot", "alerts")).extracting(a -> a.get("kind")).contains("incident.opened");
        }
    }
}
