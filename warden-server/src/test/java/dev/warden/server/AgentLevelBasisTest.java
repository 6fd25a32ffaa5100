package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A starting level above intern is granted without gates: it needs a reason, is recorded, and is flagged. */
class AgentLevelBasisTest {
    private static final String BODY = """
            {"name":"%s","purpose":"p","owner":"o","capabilities":["inventory.read"],"version":"1",
             "config_digest":"sha256:0","project":"shop","environment":"prod"%s,
             "public_keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}""";

    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;

    @BeforeEach
    void start() throws Exception {
        TestServer.quickstartCopy(config);
        s = new TestServer(config, data, java.time.Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void aStartingLevelAboveIntern_withoutAReason_is400_namingLevelReason_andNothingIsRegistered() {
        TestServer.Reply r = s.post("/v1/agents", TestServer.ADMIN, BODY.formatted("eager", ",\"level\":\"principal\""));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.get("error")).isEqualTo("missing_field");
        assertThat((String) r.get("message")).startsWith("level_reason");
        assertThat(s.get("/v1/agents/eager", TestServer.ADMIN).get("error")).isEqualTo("agent_not_found");
    }

    @Test
    void aGrantedLevel_isRecordedAsSuch_andFlaggedUntilEarned_whileAnInternStartIsNot() throws Exception {
        TestServer.Reply granted = s.post("/v1/agents", TestServer.ADMIN,
                BODY.formatted("vendor-bot", ",\"level\":\"senior\",\"level_reason\":\"vendor agent, reviewed by security\""));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.get("level_basis")).isEqualTo("granted");
        assertThat(granted.get("level_gated")).isEqualTo(false);
        TestServer.Reply intern = s.post("/v1/agents", TestServer.ADMIN, BODY.formatted("new-bot", ""));
        assertThat(intern.get("level_basis")).isEqualTo("started");
        assertThat(intern.get("level_gated")).isEqualTo(true);

        List<AuditTrail.Entry> registered = AuditTrail.after(s, 0, "agent.registered");
        assertThat(registered).filteredOn(e -> "vendor-bot".equals(e.get("agent"))).singleElement().satisfies(e -> {
            assertThat(e.json().get("granted_without_gates")).isEqualTo(true);
            assertThat(e.get("level_reason")).isEqualTo("vendor agent, reviewed by security");
        });
        assertThat(registered).filteredOn(e -> "new-bot".equals(e.get("agent"))).singleElement()
                .satisfies(e -> assertThat(e.json()).doesNotContainKey("granted_without_gates"));

        TestServer.Reply demoted = s.post("/v1/agents/vendor-bot/level", TestServer.ADMIN, "{\"level\":\"junior\",\"reason\":\"review\"}");
        assertThat(demoted.get("level_basis")).as(demoted.body()).isEqualTo("demoted");
        assertThat(demoted.get("level_gated")).isEqualTo(true);
        assertThat((String) demoted.get("level_since")).isGreaterThan((String) granted.get("level_since"));
        TestServer.Reply raised = s.post("/v1/agents/vendor-bot/level", TestServer.ADMIN, "{\"level\":\"senior\",\"reason\":\"back\"}");
        assertThat(raised.get("level_basis")).isEqualTo("granted");
    }
}
