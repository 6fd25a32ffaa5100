package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.mcp.McpClientProcess;
import dev.warden.mcp.NodeFixture;
import dev.warden.mcp.Poll;
import java.net.http.HttpResponse;
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
 * The MCP gateway end to end: a real server with four stdio upstreams (the reference
 * server-everything and our rug-pull test server), driven by the official MCP TypeScript SDK
 * client ({@code client.mjs}) and raw HTTP.
 */
@ExtendWith(NodeFixture.class)
class McpGatewayTest {
    static final Duration T = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Path flag;
    static TestServer s;
    static String mcp;
    static McpHttp http;
    static EchoUpstream echo;

    @BeforeAll
    static void start() throws Exception {
        flag = tmp.resolve("rugpull.flag");
        echo = EchoUpstream.start();
        Path config = McpTestConfig.write(tmp.resolve("config"), flag, 4, echo.port());
        s = new TestServer(config, tmp.resolve("data"), Clock.systemUTC());
        mcp = s.server.url() + "/mcp";
        http = new McpHttp(mcp);
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

    static String steps(Object... steps) throws Exception {
        return JSON.writeValueAsString(List.of(steps));
    }

    static Map<String, Object> step(List<Map<String, Object>> lines, int i) {
        return lines.stream().filter(l -> Integer.valueOf(i).equals(l.get("step")) && l.containsKey("ok")).findFirst()
                .orElseThrow(() -> new AssertionError("no result for step " + i + " in " + lines));
    }

    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> stepResult) {
        Map<String, Object> result = (Map<String, Object>) stepResult.get("result");
        assertThat(result).as("call result of %s", stepResult).isNotNull();
        List<Map<String, Object>> content = (List<Map<String, Object>>) result.get("content");
        return content.stream().map(c -> String.valueOf(c.get("text"))).reduce("", String::concat);
    }

    @SuppressWarnings("unchecked")
    static List<String> names(Map<String, Object> stepResult) {
        return (List<String>) stepResult.get("tools");
    }

    @SuppressWarnings("unchecked")
    static boolean isError(Map<String, Object> stepResult) {
        return Boolean.TRUE.equals(((Map<String, Object>) stepResult.get("result")).get("isError"));
    }

    @Test
    void initialize_negotiatesCurrentVersion_andListsOnlyToolsTheAgentCouldUse() throws Exception {
        List<Map<String, Object>> out = McpClientProcess.run(mcp, s.token("mcp-bot"), steps(Map.of("op", "list")), T);
        Map<String, Object> connected = out.getFirst();
        assertThat(connected.get("event")).isEqualTo("connected");
        assertThat(connected.get("protocol")).isEqualTo("2025-11-25");
        @SuppressWarnings("unchecked")
        List<String> tools = (List<String>) step(out, 0).get("tools");
        assertThat(tools).contains("everything.echo", "everything.get-sum", "rug.weather", "rug.slow", "pinned.weather");
        // no policy permits tools with the default classification (write/high): hidden
        assertThat(tools).doesNotContain("rug.mutate", "everything.get-env");

        List<Map<String, Object>> intern = McpClientProcess.run(mcp, s.token("intern-bot"), steps(Map.of("op", "list")), T);
        @SuppressWarnings("unchecked")
        List<String> internTools = (List<String>) step(intern, 0).get("tools");
        assertThat(internTools).contains("everything.echo", "rug.weather")
                .doesNotContain("everything.get-sum", "pinned.weather");
    }

    @Test
    void allowedCall_isForwarded_withProgress_andItsOutcomeRecorded() throws Exception {
        List<Map<String, Object>> out = McpClientProcess.run(mcp, s.token("mcp-bot"), steps(
                Map.of("op", "call", "name", "everything.echo", "args", Map.of("message", "hello gateway")),
                Map.of("op", "call", "name", "rug.slow", "args", Map.of("ms", 300), "progress", true)), T);
        assertThat(isError(step(out, 0))).isFalse();
        assertThat(text(step(out, 0))).contains("hello gateway");
        assertThat(text(step(out, 1))).contains("slept 300");
        assertThat((List<?>) step(out, 1).get("progress")).isNotEmpty();
        long deadline = System.nanoTime() + T.toNanos();
        String outcomes = "";
        while (!outcomes.contains("\"outcome\":\"completed\"") && System.nanoTime() < deadline) {
            outcomes = s.get("/v1/audit/entries?agent=mcp-bot&kind=outcome&limit=1000", TestServer.ADMIN).body();
            Thread.sleep(50);
        }
        assertThat(outcomes).contains("\"outcome\":\"completed\"").contains("\"result_digest\":\"sha256:");
    }

    @Test
    void streamableHttpUpstream_isMergedAndCallable() throws Exception {
        List<Map<String, Object>> out = McpClientProcess.run(mcp, s.token("mcp-bot"), steps(
                Map.of("op", "list"),
                Map.of("op", "call", "name", "remote.echo", "args", Map.of("message", "over http"))), T);
        assertThat(names(step(out, 0))).contains("remote.echo", "everything.echo");
        assertThat(text(step(out, 1))).isEqualTo("over http");
        assertThat(state("remote")).isEqualTo("up");
        assertThat(upstream("remote").get("transport")).isEqualTo("http");
    }

    @Test
    void cancelledCall_isCancelledUpstream_andRecordedAsFailed() throws Exception {
        List<Map<String, Object>> out = McpClientProcess.run(mcp, s.token("mcp-bot"), steps(
                Map.of("op", "call", "name", "rug.slow", "args", Map.of("ms", 4321), "abortAfterMs", 500),
                Map.of("op", "call", "name", "everything.echo", "args", Map.of("message", "still here"))), T);
        assertThat(step(out, 0).get("ok")).isEqualTo(false);
        assertThat(text(step(out, 1))).contains("still here");
        long deadline = System.nanoTime() + T.toNanos();
        String outcomes = "";
        while (!outcomes.contains("cancelled by the client") && System.nanoTime() < deadline) {
            outcomes = s.get("/v1/audit/entries?agent=mcp-bot&kind=outcome&limit=1000", TestServer.ADMIN).body();
            Thread.sleep(50);
        }
        assertThat(outcomes).contains("cancelled by the client");
    }

    @Test
    void deniedCall_isAToolErrorNamingPolicyAndDecision_andNothingIsForwarded() throws Exception {
        List<Map<String, Object>> out = McpClientProcess.run(mcp, s.token("mcp-bot"), steps(
                Map.of("op", "call", "name", "rug.weather", "args", Map.of("city", "Pyongyang")),
                Map.of("op", "call", "name", "rug.mutate", "args", Map.of())), T);
        assertThat(isError(step(out, 0))).isTrue();
        assertThat(text(step(out, 0))).contains("Denied by Warden", "forbid_policy", "no-pyongyang")
                .containsPattern("dec_[0-9a-f]{32}").doesNotContain("Sunny");
        assertThat(isError(step(out, 1))).isTrue();
        assertThat(text(step(out, 1))).contains("no_permit");
    }

    @Test
    void approvalRequired_isHeld_andForwardedOnceAnOperatorApproves() throws Exception {
        try (McpClientProcess c = McpClientProcess.start(mcp, s.token("mcp-bot"), steps(
                Map.of("op", "call", "name", "everything.get-sum", "args", Map.of("a", 20, "b", 22))))) {
            String id = pendingApproval("everything.get-sum");
            assertThat(s.post("/v1/approvals/" + id + "/approve", TestServer.ADMIN, "{\"note\":\"ok\"}").status()).isEqualTo(200);
            Map<String, Object> r = c.step(0, T);
            assertThat(isError(r)).as("%s", r).isFalse();
            assertThat(text(r)).contains("42");
        }
    }

    @Test
    void approvalNotDecidedInTime_givesTheApprovalId_andTheSameCallRunsOnceApproved() throws Exception {
        String token = s.token("mcp-bot");
        Map<String, Object> call = Map.of("op", "call", "name", "everything.get-sum", "args", Map.of("a", 1, "b", 2));
        List<Map<String, Object>> first = McpClientProcess.run(mcp, token, steps(call), T);
        assertThat(isError(step(first, 0))).isTrue();
        String text = text(step(first, 0));
        assertThat(text).contains("needs a human approval").containsPattern("apr_[0-9a-f]{32}");
        String id = text.replaceAll("(?s).*?(apr_[0-9a-f]{32}).*", "$1");
        assertThat(s.post("/v1/approvals/" + id + "/approve", TestServer.ADMIN, "").status()).isEqualTo(200);
        List<Map<String, Object>> retry = McpClientProcess.run(mcp, token, steps(call, call), T);
        assertThat(text(step(retry, 0))).contains("3");
        assertThat(isError(step(retry, 0))).isFalse();
        // single use: the next identical call asks again (and is held, then answered with a new approval id)
        assertThat(isError(step(retry, 1))).isTrue();
        assertThat(text(step(retry, 1))).containsPattern("apr_[0-9a-f]{32}").doesNotContain(id);
    }

    @Test
    void pinnedToolChangedUpstream_isWithheldAndDenied_untilAnOperatorReapproves() throws Exception {
        try (McpClientProcess c = McpClientProcess.start(mcp, s.token("mcp-bot"), steps(
                Map.of("op", "list"),
                Map.of("op", "waitNotification", "method", "notifications/tools/list_changed", "timeout", 15000),
                Map.of("op", "list"),
                Map.of("op", "call", "name", "pinned.weather", "args", Map.of("city", "Oslo")),
                Map.of("op", "waitNotification", "method", "notifications/tools/list_changed", "timeout", 15000),
                Map.of("op", "list"),
                Map.of("op", "call", "name", "pinned.weather", "args", Map.of("city", "Oslo"))))) {
            assertThat(names(c.step(0, T))).contains("pinned.weather");
            Files.writeString(flag, "pull the rug");
            assertThat(c.step(1, T).get("ok")).as("%s", c.lines()).isEqualTo(true);
            assertThat(names(c.step(2, T))).doesNotContain("pinned.weather").contains("rug.weather");
            Map<String, Object> denied = c.step(3, T);
            assertThat(isError(denied)).isTrue();
            assertThat(text(denied)).contains("tool_definition_changed").doesNotContain("Sunny");
            // the refusal is an ordinary decision: decision id, audited at the decision point
            Object decisionId = ((Map<?, ?>) ((Map<?, ?>) denied.get("result")).get("_meta")).get("warden/decision_id");
            assertThat((String) decisionId).matches("dec_[0-9a-f]{32}");
            assertThat(s.get("/v1/audit/entries?agent=mcp-bot&kind=decision&limit=1000", TestServer.ADMIN).body())
                    .contains((String) decisionId).contains("tool_definition_changed");

            TestServer.Reply tools = s.get("/v1/mcp/tools", TestServer.ADMIN);
            assertThat(tools.status()).isEqualTo(200);
            Map<String, Object> pin = tool(tools, "pinned.weather");
            assertThat(pin.get("state")).isEqualTo("changed");
            assertThat((String) pin.get("pending_hash")).matches("[0-9a-f]{64}").isNotEqualTo(pin.get("hash"));
            assertThat((String) pin.get("pending_definition")).contains("IGNORE PREVIOUS INSTRUCTIONS");
            TestServer.Reply audit = s.get("/v1/audit/entries?kind=mcp.tool_changed", TestServer.ADMIN);
            assertThat(audit.body()).contains("pinned.weather").contains((String) pin.get("pending_hash"));

            TestServer.Reply approved = s.post("/v1/mcp/tools/pinned.weather/approve", TestServer.ADMIN,
                    "{\"hash\":\"" + pin.get("pending_hash") + "\"}");
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.get("state")).isEqualTo("approved");
            assertThat(c.step(4, T).get("ok")).isEqualTo(true);
            assertThat(names(c.step(5, T))).contains("pinned.weather");
            assertThat(text(c.step(6, T))).contains("Sunny in Oslo");
        }
        assertThat(s.get("/v1/audit/entries?kind=mcp.tool_approved", TestServer.ADMIN).body()).contains("operator:admin");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tool(TestServer.Reply tools, String name) {
        return ((List<Map<String, Object>>) tools.get("tools")).stream().filter(t -> name.equals(t.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + tools.body()));
    }

    @Test
    void upstreamCrash_isRestarted_andTheToolIsCallableAgain() throws Exception {
        String token = s.token("mcp-bot");
        Map<String, Object> call = Map.of("op", "call", "name", "crashy.weather", "args", Map.of("city", "Bergen"));
        assertThat(text(step(McpClientProcess.run(mcp, token, steps(call), T), 0))).contains("Sunny in Bergen");
        int restarts = restarts("crashy");
        ProcessHandle crashy = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("crashy")).findFirst().orElseThrow();
        crashy.destroyForcibly();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(restarts("crashy") > restarts && "up".equals(state("crashy"))) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(restarts("crashy")).isGreaterThan(restarts);
        assertThat(state("crashy")).isEqualTo("up");
        assertThat(ProcessHandle.current().descendants()
                .anyMatch(p -> p.isAlive() && p.info().commandLine().orElse("").contains("crashy"))).isTrue();
        assertThat(text(step(McpClientProcess.run(mcp, token, steps(call), T), 0))).contains("Sunny in Bergen");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> upstream(String name) {
        TestServer.Reply r = s.get("/v1/mcp/upstreams", TestServer.ADMIN);
        return ((List<Map<String, Object>>) r.get("upstreams")).stream().filter(u -> name.equals(u.get("name")))
                .findFirst().orElseThrow();
    }

    static int restarts(String name) {
        return ((Number) upstream(name).get("restarts")).intValue();
    }

    static String state(String name) {
        return (String) upstream(name).get("state");
    }

    @Test
    void killedAgent_midSession_hasItsCallFailAtOnce_andEveryLaterRequestRefused() throws Exception {
        String token = s.token("doomed-bot");
        try (McpClientProcess c = McpClientProcess.start(mcp, token, steps(
                Map.of("op", "call", "name", "rug.slow", "args", Map.of("ms", 10000), "timeout", 30000),
                Map.of("op", "list")))) {
            c.await(l -> "call_started".equals(l.get("event")), T);
            Thread.sleep(500);
            long killedAt = System.nanoTime();
            assertThat(s.post("/v1/agents/doomed-bot/kill", TestServer.ADMIN, "{\"reason\":\"test\"}").status()).isEqualTo(200);
            Map<String, Object> inFlight = c.step(0, T);
            long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertThat(inFlight.get("ok")).as("%s", inFlight).isEqualTo(false);
            assertThat(tookMs).isLessThan(3000);
            assertThat(c.step(1, T).get("ok")).isEqualTo(false);
        }
        HttpResponse<String> r = http.initialize(token, "2025-11-25", null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("token_revoked");
    }

    @Test
    void agentKilledByProject_midSession_hasItsCallFailAndItsSessionEnded() throws Exception {
        String token = s.token("project-doomed-bot");
        try (McpClientProcess c = McpClientProcess.start(mcp, token, steps(
                Map.of("op", "call", "name", "rug.slow", "args", Map.of("ms", 10000), "timeout", 30000),
                Map.of("op", "list")))) {
            c.await(l -> "call_started".equals(l.get("event")), T);
            Thread.sleep(500);
            TestServer.Reply kill = s.post("/v1/kill", TestServer.ADMIN, "{\"project\":\"lab2\",\"reason\":\"test\"}");
            assertThat(kill.json()).isEqualTo(Map.of("killed", List.of("project-doomed-bot"), "already_killed", List.of()));
            Map<String, Object> inFlight = c.step(0, T);
            assertThat(inFlight.get("ok")).as("%s", inFlight).isEqualTo(false);
            assertThat(c.step(1, T).get("ok")).isEqualTo(false);
        }
        HttpResponse<String> r = http.initialize(token, "2025-11-25", null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("token_revoked");
    }

    @Test
    void tokensRevokedByAnIncidentResponse_midSession_endTheSession_theAgentStaysActive_andANewTokenWorks() throws Exception {
        String token = s.token("revoked-bot");
        try (McpClientProcess c = McpClientProcess.start(mcp, token, steps(
                Map.of("op", "call", "name", "rug.slow", "args", Map.of("ms", 10000), "timeout", 30000),
                Map.of("op", "list")))) {
            c.await(l -> "call_started".equals(l.get("event")), T);
            Thread.sleep(500);
            s.server.warden().agents().revokeTokens("revoked-bot", dev.warden.Actor.system("incidents"), "incident test");
            assertThat(c.step(0, T).get("ok")).isEqualTo(false);
            assertThat(c.step(1, T).get("ok")).isEqualTo(false);
        }
        HttpResponse<String> old = http.initialize(token, "2025-11-25", null);
        assertThat(old.statusCode()).isEqualTo(403);
        assertThat(old.body()).contains("token_revoked");
        assertThat(http.initialize(s.token("revoked-bot"), "2025-11-25", null).statusCode()).isEqualTo(200);
    }

    /**
     * Calls held for an operator each occupy the request's thread for the whole wait. More of them
     * than Jetty has platform threads must still each be decided (none queued behind a held one),
     * and the kill switch must still answer at once and end them all.
     */
    @Test
    void moreHeldCallsThanPlatformThreads_allReachTheirDecision_andTheKillSwitchStillAnswers() throws Exception {
        String token = s.token("held-bot");
        String session = http.openSession(token);
        int held = 16; // more than WardenServer's platform threads
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
        try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < held; i++) {
                Map<String, Object> args = Map.of("a", i, "b", 1000);
                calls.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return http.call(token, session, "everything.get-sum", args);
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, callers));
            }
            // every call is decided and waiting for an operator (approval_wait_seconds is 4 in this config)
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            long pending = 0;
            while (pending < held && System.nanoTime() < deadline) {
                pending = pendingFor("held-bot");
                Thread.sleep(20);
            }
            assertThat(pending).as("held calls decided while the others wait").isEqualTo(held);
            assertThat(calls).noneMatch(java.util.concurrent.CompletableFuture::isDone);
            long killedAt = System.nanoTime();
            assertThat(s.post("/v1/agents/held-bot/kill", TestServer.ADMIN, "{\"reason\":\"test\"}").status()).isEqualTo(200);
            for (java.util.concurrent.CompletableFuture<HttpResponse<String>> c : calls) {
                HttpResponse<String> r = c.get(T.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.body()).contains("Session terminated by Warden").doesNotContain("\"result\"");
            }
            assertThat((System.nanoTime() - killedAt) / 1_000_000).as("ms from kill until every held call ended").isLessThan(3000);
            // and the kill revoked what they waited for: nothing of held-bot's is left for an operator to approve
            assertThat(pendingFor("held-bot")).isZero();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> denied = (List<Map<String, Object>>) s.get("/v1/approvals?state=denied&limit=100",
                    TestServer.ADMIN).get("approvals");
            assertThat(denied.stream().filter(a -> "held-bot".equals(a.get("agent"))))
                    .hasSize(held).allSatisfy(a -> assertThat(a).containsEntry("decided_by", "system:kill_switch"));
        }
    }

    private static long pendingFor(String agent) {
        return s.pendingApprovals().stream().filter(a -> agent.equals(a.get("agent"))).count();
    }

    /** The MCP Java SDK's Streamable HTTP client transport to Warden's /mcp, with an agent's token. */
    private static io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport javaSdkTransport(String token) {
        return io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport.builder(s.server.url())
                .endpoint("/mcp")
                .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + token))
                .build();
    }

    @Test
    void javaSdkClient_endToEnd_toolsResourcesAndPrompts() throws Exception {
        var transport = javaSdkTransport(s.token("mcp-bot"));
        try (var client = io.modelcontextprotocol.client.McpClient.sync(transport).requestTimeout(T).build()) {
            var init = client.initialize();
            assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
            assertThat(init.serverInfo().name()).isEqualTo("warden");
            var tools = client.listTools().tools().stream().map(t -> t.name()).toList();
            assertThat(tools).contains("everything.echo").doesNotContain("everything.get-env");
            var echo = client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("everything.echo",
                    Map.of("message", "from java")));
            assertThat(echo.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(echo.content().toString()).contains("from java");
            var denied = client.callTool(new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("rug.weather",
                    Map.of("city", "Pyongyang")));
            assertThat(denied.isError()).isTrue();

            var resources = client.listResources().resources();
            assertThat(resources).isNotEmpty();
            var read = client.readResource(new io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest(resources.getFirst().uri()));
            assertThat(read.contents()).isNotEmpty();
            assertThat(client.listResourceTemplates().resourceTemplates()).isNotEmpty();

            var prompts = client.listPrompts().prompts().stream().map(p -> p.name()).toList();
            assertThat(prompts).contains("everything.simple-prompt");
            var prompt = client.getPrompt(new io.modelcontextprotocol.spec.McpSchema.GetPromptRequest("everything.simple-prompt", Map.of()));
            assertThat(prompt.messages()).isNotEmpty();
            // a prompt can embed a resource: prompts/get is decided, and this one is forbidden by policy
            assertThatThrownBy(() -> client.getPrompt(new io.modelcontextprotocol.spec.McpSchema.GetPromptRequest(
                    "everything.resource-prompt", Map.of("resourceType", "Text", "resourceId", "1"))))
                    .hasMessageContaining("no-embedded-resource-prompt");
            client.ping();
        }
        String decisions = s.get("/v1/audit/entries?agent=mcp-bot&kind=decision&limit=1000", TestServer.ADMIN).body();
        assertThat(decisions).contains("everything.resources.read").contains("everything.prompts.get")
                .contains("everything.simple-prompt").contains("everything.resource-prompt");
    }

    @Test
    void promptsOfAnUpstream_areHiddenAndRefused_forAnAgentThatMayNotGetThem() throws Exception {
        var transport = javaSdkTransport(s.token("tools-only-bot"));
        try (var client = io.modelcontextprotocol.client.McpClient.sync(transport).requestTimeout(T).build()) {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactly("everything.echo");
            assertThat(client.listPrompts().prompts()).isEmpty();
            assertThatThrownBy(() -> client.getPrompt(new io.modelcontextprotocol.spec.McpSchema.GetPromptRequest(
                    "everything.simple-prompt", Map.of()))).hasMessageContaining("everything.prompts.get");
        }
    }

    @Test
    void resourceSubscription_isDecided_relayedUpstream_andItsUpdatesReachTheSubscriber() throws Exception {
        var transport = javaSdkTransport(s.token("mcp-bot"));
        List<String> updated = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var client = io.modelcontextprotocol.client.McpClient.sync(transport).requestTimeout(T)
                // the Java SDK reads a resource when told it changed, and hands on what it read
                .resourcesUpdateConsumer(contents -> contents.forEach(c -> updated.add(c.uri())))
                .build()) {
            var init = client.initialize();
            assertThat(init.capabilities().resources().subscribe()).isTrue();
            String uri = client.listResources().resources().getFirst().uri();
            assertThatThrownBy(() -> client.subscribeResource(new io.modelcontextprotocol.spec.McpSchema.SubscribeRequest("demo://secret")))
                    .hasMessageContaining("no-secret-resource"); // denied like a read: nothing subscribed upstream

            client.subscribeResource(new io.modelcontextprotocol.spec.McpSchema.SubscribeRequest(uri));
            var toggle = new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("everything.toggle-subscriber-updates", Map.of());
            assertThat(client.callTool(toggle).isError()).isNotEqualTo(Boolean.TRUE); // the upstream starts sending updates
            try {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
                while (!updated.contains(uri) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(updated).contains(uri);
                client.unsubscribeResource(new io.modelcontextprotocol.spec.McpSchema.UnsubscribeRequest(uri));
            } finally {
                client.callTool(toggle); // stop the upstream's updates
            }
        }
        String decisions = s.get("/v1/audit/entries?agent=mcp-bot&kind=decision&limit=1000", TestServer.ADMIN).body();
        // the subscription and the SDK's read after the update are both decided reads of that resource
        assertThat(decisions).contains("everything.resources.read");
    }

    @Test
    void http_withoutToken_is401WithBearerChallenge_andBadOriginOrVersionRefused() throws Exception {
        HttpResponse<String> none = http.initialize(null, "2025-11-25", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(http.initialize("not-a-token", "2025-11-25", null).statusCode()).isEqualTo(401);
        assertThat(http.initialize(TestServer.ADMIN, "2025-11-25", null).statusCode()).isEqualTo(401);

        String token = s.token("mcp-bot");
        HttpResponse<String> old = http.initialize(token, "2025-03-26", null);
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(old.body()).contains("\"protocolVersion\":\"2025-03-26\"");
        assertThat(http.initialize(token, "1999-01-01", null).body()).contains("\"protocolVersion\":\"2025-11-25\"");
        String session = old.headers().firstValue("Mcp-Session-Id").orElseThrow();

        HttpResponse<String> badVersion = http.raw(token, session, "1999-01-01", null,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        assertThat(badVersion.statusCode()).isEqualTo(400);
        assertThat(http.raw(token, session, "2025-03-26", "http://evil.example",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").statusCode()).isEqualTo(403);
        assertThat(http.raw(token, session, "2025-03-26", "http://localhost:1234",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").statusCode()).isEqualTo(200);
        // another agent cannot use this session
        assertThat(http.raw(s.token("intern-bot"), session, "2025-03-26", null,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void plainToolsCall_isAnsweredWithOneJsonBody_andACallAskingForProgress_withAnEventStream() throws Exception {
        String token = s.token("mcp-bot");
        HttpResponse<String> init = http.initialize(token, "2025-11-25", null);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        http.raw(token, session, "2025-11-25", null, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        HttpResponse<String> plain = http.raw(token, session, "2025-11-25", null, """
                {"jsonrpc":"2.0","id":"call-7","method":"tools/call","params":{"name":"remote.echo","arguments":{"message":"json body"}}}""");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        Map<?, ?> reply = JSON.readValue(plain.body(), Map.class);
        assertThat(reply.get("id")).isEqualTo("call-7");
        assertThat(plain.body()).contains("\"text\":\"json body\"").doesNotContain("\"isError\":true");

        HttpResponse<String> withProgress = http.raw(token, session, "2025-11-25", null, """
                {"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"remote.echo","arguments":{"message":"as events"},
                 "_meta":{"progressToken":"p-1"}}}""");
        assertThat(withProgress.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(withProgress.body()).startsWith("id:").contains("\"id\":8").contains("as events");

        HttpResponse<String> badParams = http.raw(token, session, "2025-11-25", null, """
                {"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"remote.echo","arguments":"not an object"}}""");
        assertThat(badParams.statusCode()).isEqualTo(200);
        Map<?, ?> error = (Map<?, ?>) JSON.readValue(badParams.body(), Map.class).get("error");
        assertThat(error.get("code")).isEqualTo(-32602);
        assertThat((String) error.get("message")).contains("invalid tools/call params");
    }

    @Test
    void numberBombsInToolArguments_areInvalidParamsNamingTheField_andNothingIsDecided() throws Exception {
        String token = s.token("mcp-bot");
        String session = http.openSession(token);
        int before = decisionCount();
        for (String bomb : List.of("1e999999999", "1e100000000", "-1e101", "1e-400", "1" + "0".repeat(300))) {
            for (String meta : List.of("", ",\"_meta\":{\"progressToken\":\"p\"}")) { // JSON answer and SDK event stream
                HttpResponse<String> r = http.post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"remote.echo\",\"arguments\":{\"message\":\"m\",\"n\":" + bomb + "}" + meta + "}}");
                assertThat(r.body()).as(bomb + meta).hasSizeLessThan(2_000);
                if (bomb.startsWith("1000")) { // a 301-digit text is refused by the parser: not JSON-RPC, HTTP 400
                    assertThat(r.statusCode()).as(bomb + meta).isEqualTo(400);
                } else {
                    assertThat(r.statusCode()).as(bomb + meta).isEqualTo(200);
                    assertThat(r.body()).as(bomb + meta).contains("-32602").contains("arguments.n");
                }
            }
        }
        assertThat(decisionCount()).isEqualTo(before);

        HttpResponse<String> big = http.post(token, session, """
                {"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"remote.echo","arguments":{"message":"m","n":1e19}}}""");
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(big.body()).contains("\"result\"");
        assertThat(s.get("/v1/audit/entries?kind=decision&limit=1000", TestServer.ADMIN).status()).isEqualTo(200);
    }

    @Test
    void deeplyNestedArgumentsOfACallNeedingApproval_areDenied_andTheApprovalQueueStaysReadable() throws Exception {
        // 300 levels: within the JSON parser's limit, deeper than the store reads back; an approval opened for them was unreadable
        String token = s.token("mcp-bot");
        String session = http.openSession(token);
        HttpResponse<String> r = http.post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"everything.get-sum\",\"arguments\":{\"a\":1,\"b\":2,\"x\":" + "[".repeat(300) + "]".repeat(300) + "}}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Denied by Warden", "invalid_arguments", "nest deeper than").doesNotContain("apr_");
        TestServer.Reply pending = s.get("/v1/approvals?state=pending", TestServer.ADMIN);
        assertThat(pending.status()).as(pending.body()).isEqualTo(200);
    }

    @Test
    void resourceRequestsWithoutAUri_areInvalidParams_andNothingIsDecided() throws Exception {
        String token = s.token("mcp-bot");
        String session = http.initialize(token, "2025-11-25", null).headers().firstValue("Mcp-Session-Id").orElseThrow();
        http.raw(token, session, "2025-11-25", null, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        int before = decisionCount();
        for (String method : List.of("resources/subscribe", "resources/read")) {
            for (String params : List.of("{}", "{\"uri\":\" \"}", "{\"uri\":42}")) {
                HttpResponse<String> r = http.raw(token, session, "2025-11-25", null,
                        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"" + method + "\",\"params\":" + params + "}");
                assertThat(r.body()).as(method + " " + params).contains("-32602").contains("uri");
            }
        }
        assertThat(decisionCount()).isEqualTo(before);
    }

    @Test
    void eachAgentSession_hasItsOwnUpstreamSession_endedWithItByTheClientOrByAKill() throws Exception {
        String token = s.token("session-bot");
        String a = http.openSession(token);
        String b = http.openSession(token);
        String upA = (String) http.upstreamSession(token, a).get("session");
        String upB = (String) http.upstreamSession(token, b).get("session");
        assertThat(upA).isNotBlank();
        assertThat(upB).isNotBlank().isNotEqualTo(upA);
        assertThat(http.upstreamSession(token, a).get("session")).isEqualTo(upA);
        // another agent's session is not either of them
        String watcher = s.token("mcp-bot");
        String other = http.openSession(watcher);
        String upOther = (String) http.upstreamSession(watcher, other).get("session");
        assertThat(upOther).isNotIn(upA, upB);
        int sessionsBefore = ((Number) upstream("remote").get("sessions")).intValue();
        assertThat(sessionsBefore).isGreaterThanOrEqualTo(3);

        // the client ends session a: Warden ends its upstream session, b's stays
        assertThat(http.delete(token, a)).isEqualTo(200);
        Poll.until(() -> !http.openUpstreamSessions(watcher, other).contains(upA), Duration.ofSeconds(10));
        assertThat(http.openUpstreamSessions(watcher, other)).doesNotContain(upA).contains(upB, upOther);
        assertThat(((Number) upstream("remote").get("sessions")).intValue()).isLessThan(sessionsBefore);

        // killing the agent ends its remaining sessions, and with them their upstream sessions
        assertThat(s.post("/v1/agents/session-bot/kill", TestServer.ADMIN, "{\"reason\":\"test\"}").status()).isEqualTo(200);
        Poll.until(() -> !http.openUpstreamSessions(watcher, other).contains(upB), Duration.ofSeconds(10));
        assertThat(http.openUpstreamSessions(watcher, other)).doesNotContain(upB).contains(upOther);
    }

    @Test
    void elicitationAndSamplingDuringAnHttpUpstreamCall_areDecided_thenRelayedToTheAgentOrRefused() throws Exception {
        String options = JSON.writeValueAsString(Map.of(
                "capabilities", Map.of("elicitation", Map.of(), "sampling", Map.of()),
                "elicit", Map.of("action", "accept", "content", Map.of("answer", "Ada")),
                "sample", Map.of("role", "assistant", "content", Map.of("type", "text", "text", "a short summary"), "model", "test-model")));
        List<Map<String, Object>> out = McpClientProcess.run(mcp, s.token("mcp-bot"), steps(
                Map.of("op", "call", "name", "remote.ask", "args", Map.of("question", "What is your name?")),
                Map.of("op", "call", "name", "remote.ask", "args", Map.of("question", "What is your password?")),
                Map.of("op", "call", "name", "remote.summarize", "args", Map.of("text", "a long text")),
                Map.of("op", "call", "name", "remote.ask", "args", Map.of("question", "Name? ", "repeat", 200_000))), options, T);
        // permitted: the agent was asked on the call's stream, and its answer reached the upstream's tool
        assertThat(isError(step(out, 0))).as("%s", step(out, 0)).isFalse();
        assertThat(text(step(out, 0))).contains("\"action\":\"accept\"", "Ada");
        // forbidden by a policy: the upstream got Warden's refusal, naming it; the agent was not asked
        assertThat(isError(step(out, 1))).isTrue();
        assertThat(text(step(out, 1))).contains("-32003", "no-password-questions", "The agent was not asked")
                .containsPattern("dec_[0-9a-f]{32}");
        assertThat(out.stream().filter(l -> "elicitation".equals(l.get("event"))).map(l -> l.get("message")))
                .containsExactly("What is your name?");
        // an upstream cannot write an arbitrarily large audit entry through a relayed request
        assertThat(text(step(out, 3))).contains("elicitation failed", "-32602", "are not relayed (at most 1048576)");
        // sampling, permitted for this tool only
        assertThat(text(step(out, 2))).contains("a short summary", "test-model");
        assertThat(out).filteredOn(l -> "sampling".equals(l.get("event"))).hasSize(1);
        // each relayed request was decided and audited, with the called tool as the resource
        List<Map<String, Object>> decisions = entries("/v1/audit/entries?agent=mcp-bot&kind=decision&limit=1000").stream()
                .filter(e -> String.valueOf(e.get("action")).startsWith("remote.elicitation")
                        || String.valueOf(e.get("action")).startsWith("remote.sampling")).toList();
        assertThat(decisions).extracting(e -> e.get("action") + " " + e.get("resource") + " " + e.get("decision"))
                .contains("remote.elicitation.create remote.ask allow", "remote.elicitation.create remote.ask deny",
                        "remote.sampling.createMessage remote.summarize allow");
    }

    @Test
    void relayedElicitation_thatNeedsApproval_isHeld_andTheAgentAskedOnceAnOperatorApproves() throws Exception {
        String options = JSON.writeValueAsString(Map.of("capabilities", Map.of("elicitation", Map.of()),
                "elicit", Map.of("action", "accept", "content", Map.of("answer", "1 Main St"))));
        try (McpClientProcess c = McpClientProcess.start(mcp, s.token("mcp-bot"), steps(
                Map.of("op", "call", "name", "remote.ask", "args", Map.of("question", "What is your address?"))), options)) {
            String id = pendingApproval("remote.elicitation.create");
            assertThat(c.lines()).noneMatch(l -> "elicitation".equals(l.get("event")));
            assertThat(s.post("/v1/approvals/" + id + "/approve", TestServer.ADMIN, "{\"note\":\"ok\"}").status()).isEqualTo(200);
            Map<String, Object> r = c.step(0, T);
            assertThat(isError(r)).as("%s", r).isFalse();
            assertThat(text(r)).contains("1 Main St");
            assertThat(c.lines()).anyMatch(l -> "elicitation".equals(l.get("event")));
        }
    }

    @Test
    void elicitationFromAStdioSessionProcess_isDecided_andRelayedToTheAgentWhoseSessionOwnsTheProcess() throws Exception {
        String options = JSON.writeValueAsString(Map.of("capabilities", Map.of("elicitation", Map.of()),
                "elicit", Map.of("action", "accept", "content", Map.of("answer", "Grace"))));
        List<Map<String, Object>> out = McpClientProcess.run(mcp, s.token("memo-asker-bot"), steps(
                Map.of("op", "call", "name", "memo2.ask", "args", Map.of("question", "Who are you?")),
                Map.of("op", "call", "name", "memo2.recall", "args", Map.of())), options, T);
        assertThat(isError(step(out, 0))).as("%s", step(out, 0)).isFalse();
        assertThat(text(step(out, 0))).contains("\"action\":\"accept\"", "Grace");
        assertThat(text(step(out, 1))).isEqualTo("[\"Grace\"]");
        assertThat(out.stream().filter(l -> "elicitation".equals(l.get("event"))).map(l -> l.get("message")))
                .containsExactly("Who are you?");
        assertThat(entries("/v1/audit/entries?agent=memo-asker-bot&kind=decision&limit=100"))
                .extracting(e -> e.get("action") + " " + e.get("resource") + " " + e.get("decision"))
                .contains("memo2.elicitation.create memo2.ask allow");
        // a client that declared nothing: the session process's client declares nothing either
        List<Map<String, Object>> plain = McpClientProcess.run(mcp, s.token("memo-asker-bot"), steps(
                Map.of("op", "call", "name", "memo2.ask", "args", Map.of("question", "Who are you?"))), T);
        assertThat(text(step(plain, 0))).contains("elicitation failed", "does not support");
    }

    @Test
    void upstreamRequests_areNotOfferedUpstream_forAClientWithoutTheCapability_orAnAgentNoPolicyLetsBeAsked_andRefusedIfSentAnyway()
            throws Exception {
        int before = decisionCount();
        List<Map<String, Object>> noCapability = McpClientProcess.run(mcp, s.token("mcp-bot"), steps(
                Map.of("op", "call", "name", "remote.ask", "args", Map.of("question", "What is your name?"))), T);
        assertThat(isError(step(noCapability, 0))).isTrue();
        assertThat(text(step(noCapability, 0))).contains("elicitation failed", "does not support");
        String options = JSON.writeValueAsString(Map.of("capabilities", Map.of("elicitation", Map.of(), "sampling", Map.of()),
                "elicit", Map.of("action", "accept", "content", Map.of("answer", "Ada"))));
        List<Map<String, Object>> notPermitted = McpClientProcess.run(mcp, s.token("asker-bot"), steps(
                Map.of("op", "call", "name", "remote.ask", "args", Map.of("question", "What is your name?")),
                Map.of("op", "call", "name", "remote.summarize", "args", Map.of("text", "a long text"))), options, T);
        assertThat(text(step(notPermitted, 0))).contains("elicitation failed", "does not support");
        // this upstream sends sampling requests without looking at the client's capabilities: decided and refused
        assertThat(text(step(notPermitted, 1))).contains("sampling failed", "-32003", "no_permit", "The agent was not asked");
        assertThat(notPermitted).noneMatch(l -> "elicitation".equals(l.get("event")) || "sampling".equals(l.get("event")));
        // mcp-bot made one tools/call decision and no relay decision
        assertThat(decisionCount()).isEqualTo(before + 1);
    }

    @Test
    void killedAgent_whileItsUserIsBeingAsked_hasTheCallFailAtOnce_andTheRelayRecordedAsFailed() throws Exception {
        String options = JSON.writeValueAsString(Map.of("capabilities", Map.of("elicitation", Map.of()),
                "elicit", Map.of("action", "accept", "content", Map.of("answer", "too late")), "elicitDelayMs", 20000));
        try (McpClientProcess c = McpClientProcess.start(mcp, s.token("doomed-asker-bot"), steps(
                Map.of("op", "call", "name", "remote.ask", "args", Map.of("question", "Still there?"), "timeout", 30000)), options)) {
            c.await(l -> "elicitation".equals(l.get("event")), T);
            long killedAt = System.nanoTime();
            assertThat(s.post("/v1/agents/doomed-asker-bot/kill", TestServer.ADMIN, "{\"reason\":\"test\"}").status()).isEqualTo(200);
            Map<String, Object> inFlight = c.step(0, T);
            assertThat(inFlight.get("ok")).as("%s", inFlight).isEqualTo(false);
            assertThat((System.nanoTime() - killedAt) / 1_000_000).isLessThan(3000);
        }
        String relayFailed = "";
        long deadline = System.nanoTime() + T.toNanos();
        while (!relayFailed.contains("before the agent answered") && System.nanoTime() < deadline) {
            relayFailed = s.get("/v1/audit/entries?agent=doomed-asker-bot&kind=outcome&limit=100", TestServer.ADMIN).body();
            Thread.sleep(50);
        }
        assertThat(relayFailed).contains("\"outcome\":\"failed\"", "the call ended before the agent answered");
    }

    @Test
    void stdioUpstreamWithSessionProcesses_givesEachAgentSessionItsOwnProcess_boundedAndEndedWithTheSession() throws Exception {
        String token = s.token("memo-bot");
        String a = http.openSession(token);
        String b = http.openSession(token);
        assertThat(McpHttp.text(http.call(token, a, "memo.remember", Map.of("note", "alpha")))).isEqualTo("remembered 1");
        // session b runs in another process: it cannot see what a stored
        assertThat(McpHttp.text(http.call(token, b, "memo.recall", Map.of()))).isEqualTo("[]");
        assertThat(McpHttp.text(http.call(token, a, "memo.recall", Map.of()))).isEqualTo("[\"alpha\"]");
        long pidA = Long.parseLong(McpHttp.text(http.call(token, a, "memo.pid", Map.of())));
        long pidB = Long.parseLong(McpHttp.text(http.call(token, b, "memo.pid", Map.of())));
        assertThat(pidA).isNotEqualTo(pidB);
        assertThat(alive(pidA)).isTrue();
        assertThat(((Number) upstream("memo").get("sessions")).intValue()).isEqualTo(2);

        // session_processes: 2 - a third session gets a tool error, and no process
        String c = http.openSession(token);
        String refused = http.call(token, c, "memo.pid", Map.of()).body();
        assertThat(refused).contains("\"isError\":true", "session processes, the most allowed (session_processes)");

        // the client ends session a: its process ends, and c can now have one
        assertThat(http.delete(token, a)).isEqualTo(200);
        Poll.until(() -> !alive(pidA), T);
        assertThat(alive(pidA)).isFalse();
        assertThat(alive(pidB)).isTrue();
        long pidC = Long.parseLong(McpHttp.text(http.call(token, c, "memo.pid", Map.of())));
        assertThat(pidC).isNotIn(pidA, pidB);

        // killing the agent ends the processes of its remaining sessions
        assertThat(s.post("/v1/agents/memo-bot/kill", TestServer.ADMIN, "{\"reason\":\"test\"}").status()).isEqualTo(200);
        Poll.until(() -> !alive(pidB) && !alive(pidC), T);
        assertThat(alive(pidB)).isFalse();
        assertThat(alive(pidC)).isFalse();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void demotedAgent_inAnOpenSession_losesItsWriteToolFromTheList_andItsOldTokenIsDeniedTheCall() throws Exception {
        try (McpClientProcess c = McpClientProcess.start(mcp, s.token("demoted-bot"), steps(
                Map.of("op", "list"),
                Map.of("op", "call", "name", "remote.stamp", "args", Map.of()),
                Map.of("op", "waitNotification", "method", "notifications/tools/list_changed", "timeout", 20000),
                Map.of("op", "list"),
                Map.of("op", "call", "name", "remote.stamp", "args", Map.of())))) {
            assertThat(names(c.step(0, T))).contains("remote.stamp");
            assertThat(text(c.step(1, T))).isEqualTo("stamped");
            // an operator demotes the agent while its session (and its token) stay open
            assertThat(s.post("/v1/agents/demoted-bot/level", TestServer.ADMIN, "{\"level\":\"intern\",\"reason\":\"test\"}").status())
                    .isEqualTo(200);
            assertThat(c.step(2, T).get("ok")).as("the session is told its tools changed").isEqualTo(true);
            assertThat(names(c.step(3, T))).doesNotContain("remote.stamp").contains("remote.echo");
            Map<String, Object> denied = c.step(4, T);
            assertThat(isError(denied)).isTrue();
            assertThat(text(denied)).contains("Denied by Warden", "maturity_ceiling").doesNotContain("stamped");
        }
    }

    /** The audit entries (their {@code entry} objects) on one page. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(String path) throws Exception {
        List<Map<String, Object>> page = (List<Map<String, Object>>) JSON.readValue(s.get(path, TestServer.ADMIN).body(), Map.class).get("entries");
        return page.stream().map(e -> (Map<String, Object>) e.get("entry")).toList();
    }

    private static int decisionCount() throws Exception {
        Map<?, ?> page = JSON.readValue(s.get("/v1/audit/entries?agent=mcp-bot&kind=decision&limit=1000", TestServer.ADMIN).body(), Map.class);
        return ((List<?>) page.get("entries")).size();
    }

    /** Polls the approval queue for a pending approval of {@code action}. */
    /** A pending approval mcp-bot's call asked for (other tests leave other agents' approvals pending). */
    static String pendingApproval(String action) throws InterruptedException {
        return s.pendingApproval(action, "mcp-bot", T);
    }
}
