package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compensation of an MCP gateway tool: Warden forwards it to the upstream itself and records its outcome. */
class McpRollbackTest {
    @TempDir
    Path tmp;
    EchoUpstream echo;
    TestServer s;

    @BeforeEach
    void start() throws Exception {
        echo = EchoUpstream.start();
        Path config = tmp.resolve("config");
        Files.createDirectories(config.resolve("policies"));
        Files.writeString(config.resolve("warden.yaml"), """
                trust_domain: warden.local
                projects:
                  lab: [test]
                mcp:
                  pinning: trust_on_first_use
                  upstreams:
                    - name: remote
                      url: http://127.0.0.1:%d/mcp
                agents:
                  - {name: stamp-bot, owner: bob@example.com, purpose: rollback tests, capabilities: ["remote.stamp"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                """.formatted(echo.port()));
        Files.writeString(config.resolve("tools.yaml"), """
                tools:
                  - name: remote.stamp
                    effects: [write]
                    risk: low
                    input_schema: {type: object, properties: {doc: {type: string}}, required: [doc]}
                    compensate_with: {tool: remote.echo, args: {message: doc}}
                  - name: remote.echo
                    effects: [write]
                    risk: low
                    input_schema: {type: object, properties: {message: {type: string}}, required: [message]}
                """);
        Files.writeString(config.resolve("policies").resolve("lab.cedar"), """
                @id("stamps")
                permit(principal == Agent::"stamp-bot", action == Action::"remote.stamp", resource);

                @id("unstamp-as-ordered")
                permit(principal == Agent::"stamp-bot", action == Action::"remote.echo", resource)
                when { context has compensation && context.compensation };
                """);
        s = new TestServer(config, tmp.resolve("data"), new MutableClock(Instant.now()));
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
        echo.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void run_compensationOfAGatewayTool_isForwardedByWarden_andItsOutcomeRecorded() throws Exception {
        String token = s.token("stamp-bot");
        TestServer.Reply stamped = s.decide(token, "{\"action\":\"remote.stamp\",\"args\":{\"doc\":\"D-1\"}}");
        assertThat(stamped.get("decision")).as(stamped.body()).isEqualTo("allow");
        String original = (String) stamped.get("decision_id");
        assertThat(s.post("/v1/decisions/" + original + "/outcome", token, "{\"status\":\"completed\"}").status()).isEqualTo(201);
        s.post("/v1/kill", TestServer.ADMIN, "{\"agent\":\"stamp-bot\",\"reason\":\"stamped the wrong documents\"}");
        TestServer.Reply plan = s.post("/v1/rollback/plans", TestServer.ADMIN, "{\"agent\":\"stamp-bot\",\"since\":\"1h\"}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        long head = AuditTrail.head(s);

        TestServer.Reply run = s.post("/v1/rollback/plans/" + plan.get("plan_id") + "/run", TestServer.ADMIN, "");

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        Map<String, Object> item = ((List<Map<String, Object>>) run.get("items")).getFirst();
        assertThat(item.get("decision_id")).isEqualTo(original);
        assertThat(item.get("state")).as(run.body()).isEqualTo("forwarded");
        assertThat(run.get("owner_tasks")).isEqualTo(List.of());
        String compensation = (String) item.get("compensation_decision_id");
        List<AuditTrail.Entry> outcomes = AuditTrail.after(s, head, "outcome");
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.get("decision_id")).isEqualTo(compensation);
            assertThat(o.get("outcome")).isEqualTo("completed");
        });
        assertThat(AuditTrail.after(s, head, "decision")).singleElement()
                .satisfies(d -> assertThat(d.get("compensates")).isEqualTo(original));
    }
}
