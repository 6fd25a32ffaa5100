package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new version or configuration digest of an agent, over HTTP and from warden.yaml, opens a re-verification review. */
class AgentIdentityTest {
    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> incidents() {
        return (List<Map<String, Object>>) s.get("/v1/incidents?agent=support-bot", TestServer.ADMIN).get("incidents");
    }

    /** The one incident of support-bot, with its timeline. */
    private String theReview() {
        List<Map<String, Object>> all = incidents();
        assertThat(all).hasSize(1);
        return s.get("/v1/incidents/" + all.getFirst().get("incident_id"), TestServer.ADMIN).body();
    }

    @Test
    void anOperatorRecordsANewVersion_andAReviewOpens() throws Exception {
        TestServer.quickstartCopy(config);
        s = new TestServer(config, data, Clock.systemUTC());

        TestServer.Reply r = s.post("/v1/agents/support-bot/identity", TestServer.ADMIN,
                "{\"version\":\"1.5.0\",\"config_digest\":\"sha256:" + "ab".repeat(32) + "\",\"reason\":\"new prompt\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.get("version")).isEqualTo("1.5.0");
        assertThat(r.get("level")).isEqualTo("senior");
        assertThat(theReview()).contains("\"reverification\"").contains("1.5.0");
        assertThat(AuditTrail.after(s, 0, "agent.identity_changed")).singleElement()
                .satisfies(e -> assertThat(e.get("version_before")).isEqualTo("1.4.0"));
        TestServer.Reply missing = s.post("/v1/agents/support-bot/identity", TestServer.ADMIN, "{\"version\":\"1.6.0\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.get("error")).isEqualTo("missing_field");
        assertThat((String) missing.get("message")).startsWith("config_digest");
    }

    @Test
    void aSeedAgentsVersionChangedInWardenYaml_isReviewedAtTheNextStart() throws Exception {
        TestServer.quickstartCopy(config);
        s = new TestServer(config, data, Clock.systemUTC());
        assertThat(incidents()).isEmpty();
        s.close();
        Path yaml = config.resolve("warden.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("version: 1.4.0", "version: 1.4.1"));

        s = new TestServer(config, data, Clock.systemUTC());

        assertThat(s.get("/v1/agents/support-bot", TestServer.ADMIN).get("version")).isEqualTo("1.4.1");
        assertThat(theReview()).contains("1.4.0 -> 1.4.1");
        assertThat(AuditTrail.after(s, 0, "agent.identity_changed")).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("system:config"));
    }
}
