package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.mcp.McpClientProcess;
import dev.warden.mcp.NodeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resources and prompts come from the agent session's own upstream state: on a stdio upstream with
 * session processes, the session's own process; on a Streamable HTTP upstream, the session's own
 * upstream session (servers of their own here: the gateway tests' upstreams would make resource
 * URIs ambiguous).
 */
@ExtendWith(NodeFixture.class)
class McpSessionResourcesTest {
    static final Duration T = Duration.ofSeconds(30);
    @TempDir
    static Path tmp;
    static TestServer s;
    static String mcp;
    static EchoUpstream echo;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoUpstream.start(true);
        Path config = tmp.resolve("config");
        Files.createDirectories(config.resolve("policies"));
        Files.writeString(config.resolve("warden.yaml"), """
                trust_domain: warden.local
                projects:
                  lab: [test]
                mcp:
                  upstreams:
                    - name: memo
                      command: [node, %s, resources]
                      session_processes: 4
                    - name: remote
                      url: http://127.0.0.1:%d/mcp
                agents:
                  - {name: memo-bot, owner: alice@example.com, purpose: session resource tests, capabilities: ["memo.*", "remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                """.formatted(NodeFixture.dir().resolve("memo-server.mjs"), echo.port()));
        Files.writeString(config.resolve("tools.yaml"), """
                tools:
                  - {name: memo.remember, effects: [write], risk: low}
                  - {name: memo.recall, effects: [read], risk: low}
                  - {name: remote.session, effects: [read], risk: low}
                  - {name: remote.ask, effects: [read], risk: low}
                """);
        Files.writeString(config.resolve("policies").resolve("memo.cedar"), """
                @id("memo")
                permit(principal == Agent::"memo-bot", action in [Action::"memo.remember", Action::"memo.resources.read"], resource);
                @id("remote")
                permit(principal == Agent::"memo-bot", action in [Action::"remote.session", Action::"remote.resources.read",
                    Action::"remote.prompts.get", Action::"remote.ask", Action::"remote.elicitation.create"], resource);
                """);
        s = new TestServer(config, tmp.resolve("data"), Clock.systemUTC());
        mcp = s.server.url() + "/mcp";
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @SuppressWarnings("unchecked")
    static String contents(Map<String, Object> read) {
        assertThat(read.get("ok")).as("%s", read).isEqualTo(true);
        return (String) ((List<Map<String, Object>>) read.get("contents")).getFirst().get("text");
    }

    @Test
    void aSessionReadsItsOwnProcessesResource_andAnotherSessionDoesNotSeeIt() throws Exception {
        String token = s.token("memo-bot");
        List<Map<String, Object>> mine = McpClientProcess.run(mcp, token, McpGatewayTest.steps(
                Map.of("op", "call", "name", "memo.remember", "args", Map.of("note", "mine")),
                Map.of("op", "resources"), // the listing tells the gateway which upstream serves which URI
                Map.of("op", "read", "uri", "memo://notes"),
                Map.of("op", "close")), T);
        assertThat(contents(McpGatewayTest.step(mine, 2))).isEqualTo("[\"mine\"]");
        List<Map<String, Object>> other = McpClientProcess.run(mcp, token, McpGatewayTest.steps(
                Map.of("op", "read", "uri", "memo://notes"),
                Map.of("op", "close")), T);
        assertThat(contents(McpGatewayTest.step(other, 0))).isEqualTo("[]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onAStreamableHttpUpstream_aSessionReadsAndGetsPromptsInItsOwnUpstreamSession_notInASharedOne() throws Exception {
        String token = s.token("memo-bot");
        List<Map<String, Object>> mine = McpClientProcess.run(mcp, token, McpGatewayTest.steps(
                Map.of("op", "call", "name", "remote.session", "args", Map.of()),
                Map.of("op", "resources"), // the listing tells the gateway which upstream serves which URI
                Map.of("op", "read", "uri", "session://current"),
                Map.of("op", "prompt", "name", "remote.whoami"),
                Map.of("op", "close")), T);
        String upstreamSession = (String) new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(McpGatewayTest.text(McpGatewayTest.step(mine, 0)), Map.class).get("session");
        assertThat(upstreamSession).isNotBlank();
        // the read and the prompt arrived in the upstream session the session's calls use
        assertThat(contents(McpGatewayTest.step(mine, 2))).isEqualTo(upstreamSession);
        Map<String, Object> prompt = McpGatewayTest.step(mine, 3);
        assertThat(prompt.get("ok")).as("%s", prompt).isEqualTo(true);
        Map<String, Object> message = ((List<Map<String, Object>>) prompt.get("messages")).getFirst();
        assertThat(((Map<String, Object>) message.get("content")).get("text")).isEqualTo(upstreamSession);
        // another session of the same agent reads in an upstream session of its own
        List<Map<String, Object>> other = McpClientProcess.run(mcp, token, McpGatewayTest.steps(
                Map.of("op", "read", "uri", "session://current"),
                Map.of("op", "close")), T);
        assertThat(contents(McpGatewayTest.step(other, 0))).isNotBlank().isNotEqualTo(upstreamSession);
    }

    @Test
    void aReadThatOpensTheUpstreamSession_declaresWhatTheSessionsCallsRelay_soALaterCallCanStillAskTheUser() throws Exception {
        String options = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                "capabilities", Map.of("elicitation", Map.of()),
                "elicit", Map.of("action", "accept", "content", Map.of("answer", "Ada"))));
        List<Map<String, Object>> out = McpClientProcess.run(mcp, s.token("memo-bot"), McpGatewayTest.steps(
                Map.of("op", "resources"),
                Map.of("op", "read", "uri", "session://current"), // opens this session's upstream session
                Map.of("op", "call", "name", "remote.ask", "args", Map.of("question", "What is your name?")),
                Map.of("op", "close")), options, T);
        assertThat(contents(McpGatewayTest.step(out, 1))).isNotBlank();
        Map<String, Object> asked = McpGatewayTest.step(out, 2);
        assertThat(McpGatewayTest.isError(asked)).as("%s", asked).isFalse();
        assertThat(McpGatewayTest.text(asked)).contains("\"action\":\"accept\"", "Ada");
    }

    @Test
    void aUriNoListingNamedYet_isFoundByListingTheUpstreams_beforeItIsDecidedAndRead() throws Exception {
        // echo://... is served by a template of the HTTP upstream; no test here lists templates, and
        // with two upstreams serving resources the gateway cannot guess which one to ask
        List<Map<String, Object>> out = McpClientProcess.run(mcp, s.token("memo-bot"), McpGatewayTest.steps(
                Map.of("op", "read", "uri", "echo://hello"),
                Map.of("op", "close")), T);
        assertThat(contents(McpGatewayTest.step(out, 0))).isEqualTo("hello");
    }
}
