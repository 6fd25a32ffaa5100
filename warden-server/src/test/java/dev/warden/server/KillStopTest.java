package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.mcp.NodeFixture;
import dev.warden.mcp.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a kill stops, tested as attacks by the killed agent (ATF R-2): its current and queued
 * actions (held approvals, in-flight gateway calls, anything not yet forwarded), its tokens (for
 * good: a restore does not bring them back), its tool access, its data retrieval and its sessions.
 * The upstream is the ledger server, which writes down every request it receives.
 */
@ExtendWith(NodeFixture.class)
class KillStopTest {
    static final Duration T = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final int LOAD_AGENTS = 8;
    static final String REFUND = "{\"action\":\"refund.issue\",\"args\":{\"order_id\":\"o-1\",\"amount\":40}}";
    static final String READ = "{\"action\":\"ledger.note\",\"args\":{\"agent\":\"x\",\"n\":1}}";

    @TempDir
    static Path tmp;
    static LedgerUpstream ledger;
    static TestServer s;
    static McpHttp http;
    static final java.util.concurrent.atomic.AtomicReference<Path> STDIO_LEDGER = new java.util.concurrent.atomic.AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        ledger = LedgerUpstream.start(tmp.resolve("ledger.txt"));
        STDIO_LEDGER.set(tmp.resolve("ledger-stdio.txt"));
        Path config = tmp.resolve("config");
        Files.createDirectories(config.resolve("policies"));
        StringBuilder agents = new StringBuilder();
        List<String> names = new ArrayList<>(List.of("approval-bot", "token-bot", "inflight-bot", "reader-bot", "session-bot",
                "watcher-bot"));
        IntStream.range(0, LOAD_AGENTS).forEach(i -> names.add("load-" + i));
        IntStream.range(0, LOAD_AGENTS).forEach(i -> names.add("ioload-" + i));
        for (String name : names) {
            agents.append("  - {name: ").append(name).append(", owner: alice@example.com, purpose: kill tests, capabilities: [\"ledger.*\","
                    + " \"ledgerio.*\", \"refund.issue\"], version: \"1\", config_digest: \"sha256:1\", project: lab, environment: test, level: senior, level_reason: test}\n");
        }
        Files.writeString(config.resolve("warden.yaml"), """
                trust_domain: warden.local
                projects:
                  lab: [test]
                approvals:
                  ttl_seconds: 600
                mcp:
                  approval_wait_seconds: 1
                  default_tool: {effects: [write], risk: high}
                  pinning: trust_on_first_use
                  upstreams:
                    - name: ledger
                      url: http://127.0.0.1:%d/mcp
                    - name: ledgerio
                      command: %s
                agents:
                """.formatted(ledger.port(), LedgerUpstream.stdioCommand(STDIO_LEDGER.get())) + agents);
        Files.writeString(config.resolve("tools.yaml"), """
                tools:
                  - name: ledger.note
                    effects: [read]
                    risk: low
                  - name: ledger.wait
                    effects: [read]
                    risk: low
                  - name: ledger.session
                    effects: [read]
                    risk: low
                  - name: ledgerio.note
                    effects: [read]
                    risk: low
                  - name: refund.issue
                    effects: [write]
                    risk: medium
                    input_schema: {type: object, properties: {order_id: {type: string}, amount: {type: number}}, required: [order_id, amount]}
                """);
        Files.writeString(config.resolve("policies").resolve("kill.cedar"), """
                @id("reads")
                permit(principal, action in Action::"effect:read", resource);

                @id("refunds-need-approval")
                @approval("required")
                permit(principal, action == Action::"refund.issue", resource);
                """);
        s = new TestServer(config, tmp.resolve("data"), Clock.systemUTC());
        http = new McpHttp(s.server.url() + "/mcp");
        Poll.until(() -> upstreamStates().equals(List.of("up", "up")), T);
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> upstreamStates() {
        List<Map<String, Object>> ups = (List<Map<String, Object>>) s.get("/v1/mcp/upstreams", TestServer.ADMIN).get("upstreams");
        return ups == null ? List.of() : ups.stream().map(u -> String.valueOf(u.get("state"))).toList();
    }

    private static TestServer.Reply kill(String agent) {
        TestServer.Reply r = s.post("/v1/kill", TestServer.ADMIN, "{\"agent\":\"" + agent + "\",\"reason\":\"test\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static void restore(String agent) {
        TestServer.Reply r = s.post("/v1/agents/" + agent + "/restore", TestServer.ADMIN, "{\"level\":\"senior\",\"reason\":\"fixed\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> codes(TestServer.Reply r) {
        return ((List<Map<String, Object>>) r.get("reasons")).stream().map(m -> m.get("code")).toList();
    }

    private static List<LedgerUpstream.Entry> receivedFor(String agent) {
        return ledger.entries().stream().filter(e -> e.agent().equals(agent)).toList();
    }

    private static String rpc(String method, Object params) throws Exception {
        return JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", "r", "method", method, "params", params));
    }

    /** (a) queued actions: an approval granted before the kill is never redeemed, not even after a restore with a new token. */
    @Test
    void approvalGrantedBeforeTheKill_cannotBeRedeemed_evenAfterARestoreWithANewToken() throws Exception {
        String token = s.token("approval-bot");
        TestServer.Reply asked = s.decide(token, REFUND);
        assertThat(asked.get("decision")).as(asked.body()).isEqualTo("approval_required");
        String approval = (String) asked.get("approval_id");
        assertThat(s.post("/v1/approvals/" + approval + "/approve", TestServer.ADMIN, "{\"note\":\"ok\"}").status()).isEqualTo(200);

        kill("approval-bot");
        restore("approval-bot");

        String redeem = REFUND.substring(0, REFUND.length() - 1) + ",\"approval_id\":\"" + approval + "\"}";
        TestServer.Reply withNewToken = s.decide(s.token("approval-bot"), redeem);
        assertThat(withNewToken.get("decision")).as(withNewToken.body()).isEqualTo("deny");
        assertThat(codes(withNewToken)).contains("approval_denied");
        assertThat(codes(s.decide(token, redeem))).containsExactly("token_revoked");
        @SuppressWarnings("unchecked")
        Map<String, Object> a = s.get("/v1/approvals/" + approval, TestServer.ADMIN).json();
        assertThat(a).containsEntry("state", "denied").containsEntry("decided_by", "system:kill_switch");
    }

    /** (b) tokens: one issued before the kill is refused by every endpoint an agent uses, even after the restore. */
    @Test
    void tokenIssuedBeforeTheKill_isRefusedByEveryEndpoint_evenAfterTheRestore() throws Exception {
        String old = s.token("token-bot");
        TestServer.Reply before = s.decide(old, READ);
        assertThat(before.get("decision")).as(before.body()).isEqualTo("allow");
        String decided = (String) before.get("decision_id");

        kill("token-bot");
        restore("token-bot");

        assertThat(codes(s.decide(old, READ))).as("decisions").containsExactly("token_revoked");
        TestServer.Reply outcome = s.post("/v1/decisions/" + decided + "/outcome", old, "{\"status\":\"completed\"}");
        assertThat(outcome.status()).as("outcomes: %s", outcome.body()).isIn(401, 403);
        assertThat(outcome.get("error")).isEqualTo("token_revoked");
        HttpResponse<String> mcp = http.initialize(old, McpHttp.VERSION, null);
        assertThat(mcp.statusCode()).as("MCP: %s", mcp.body()).isEqualTo(403);
        assertThat(mcp.body()).contains("token_revoked");

        // the restored agent works again with a token issued after the restore
        String fresh = s.token("token-bot");
        assertThat(s.decide(fresh, READ).get("decision")).isEqualTo("allow");
        String session = http.openSession(fresh);
        assertThat(McpHttp.text(http.call(fresh, session, "ledger.note", Map.of("agent", "token-bot", "n", 1)))).isEqualTo("noted 1");
    }

    /** (a) in-flight: a call already forwarded to a slow upstream gets an error answer at the kill, not the upstream's later result. */
    @Test
    void callInFlightOnASlowUpstream_isAnsweredWithAnErrorAtTheKill_notWithItsLaterResult() throws Exception {
        String token = s.token("inflight-bot");
        String session = http.openSession(token);
        CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> {
            try {
                return http.call(token, session, "ledger.wait", Map.of("agent", "inflight-bot", "ms", 60_000));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Poll.until(() -> !receivedFor("inflight-bot").isEmpty(), T);

        kill("inflight-bot");

        // the upstream would answer after 60 s; the agent has its answer long before
        HttpResponse<String> answer = call.get(20, TimeUnit.SECONDS);
        assertThat(answer.body()).contains("Session terminated by Warden").doesNotContain("waited");
    }

    /**
     * (c), (d), (e): after the kill the agent's open session can neither call, list, read resources
     * nor get prompts, a new session is refused, nothing reaches the upstream, and HTTP reads are denied.
     */
    @Test
    void afterTheKill_theAgentCanNeitherCallNorListNorReadNorGetPrompts_andNothingReachesTheUpstream() throws Exception {
        String token = s.token("reader-bot");
        String session = http.openSession(token);
        List<String> requests = List.of(
                rpc("tools/call", Map.of("name", "ledger.note", "arguments", Map.of("agent", "reader-bot", "n", 1))),
                rpc("tools/list", Map.of()),
                rpc("resources/read", Map.of("uri", "ledger://agent/reader-bot")),
                rpc("prompts/get", Map.of("name", "ledger.hello", "arguments", Map.of("agent", "reader-bot"))));
        for (String request : requests) {
            HttpResponse<String> r = http.post(token, session, request);
            assertThat(r.statusCode()).as(request).isEqualTo(200);
            assertThat(r.body()).as(request).contains("\"result\"");
        }
        assertThat(receivedFor("reader-bot")).extracting(LedgerUpstream.Entry::method)
                .containsExactly("tools/call", "resources/read", "prompts/get");

        kill("reader-bot");

        for (String request : requests) {
            HttpResponse<String> r = http.post(token, session, request);
            assertThat(r.statusCode()).as("%s: %s", request, r.body()).isIn(403, 404);
            assertThat(r.body()).doesNotContain("\"result\"");
        }
        HttpResponse<String> again = http.initialize(token, McpHttp.VERSION, null);
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(codes(s.decide(token, "{\"action\":\"ledger.note\",\"args\":{\"agent\":\"reader-bot\",\"n\":2}}")))
                .containsExactly("token_revoked");
        assertThat(receivedFor("reader-bot")).as("nothing reached the upstream after the kill").hasSize(3);
    }

    /** (e) sessions: the kill ends the agent's gateway sessions and the upstream sessions opened for them. */
    @Test
    void theKill_endsTheAgentsSessions_andItsUpstreamSessions() throws Exception {
        String token = s.token("session-bot");
        String session = http.openSession(token);
        String upstreamSession = (String) http.upstreamSession(token, session, "ledger.session").get("session");
        String watcher = s.token("watcher-bot");
        String watching = http.openSession(watcher);
        assertThat(http.openUpstreamSessions(watcher, watching, "ledger.session")).contains(upstreamSession);

        kill("session-bot");

        assertThat(http.delete(token, session)).as("the gateway session is gone").isIn(403, 404);
        Poll.until(() -> !http.openUpstreamSessions(watcher, watching, "ledger.session").contains(upstreamSession), T);
        assertThat(http.openUpstreamSessions(watcher, watching, "ledger.session")).doesNotContain(upstreamSession);
    }

    /** What one call of the load test came to, as its caller saw it. */
    private record Sent(String agent, boolean afterKillAnswer, boolean answered) {
    }

    /**
     * (a) nothing forwarded after the kill is acknowledged, under load, for a Streamable HTTP and a
     * stdio upstream: agents call it through the gateway as fast as they can while the operator
     * kills half of them one by one through the HTTP API. No call a killed agent started after its kill answer returned reaches
     * the upstream. Of the calls it started before, the upstream may log one per caller after that
     * moment (the one in flight: its bytes were written before the kill answer, and the upstream
     * reads them a little later); each such call must have been stopped by the kill (its answer is
     * an error, not the upstream's result). The fence that keeps a call decided just before the
     * kill from being sent after it is tested in GatewaySessionFenceTest, the wait for a stdio
     * upstream's writer in SupervisedStdioTransportTest.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"Streamable HTTP, ledger, load-", "stdio, ledgerio, ioload-"})
    void underConcurrentLoad_noCallOfAKilledAgentReachesTheUpstreamAfterTheKillAnswerReturns(String transport, String upstream,
                                                                                             String agents) throws Exception {
        Path file = upstream.equals("ledger") ? tmp.resolve("ledger.txt") : STDIO_LEDGER.get();
        java.util.function.Supplier<List<LedgerUpstream.Entry>> received = () -> LedgerUpstream.entries(file);
        int victims = LOAD_AGENTS / 2;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI endpoint = URI.create(s.server.url() + "/mcp");
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, AtomicBoolean> killAnswered = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
        Map<Long, Sent> sent = new ConcurrentHashMap<>(); // by the call's number, unique across agents and callers
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < LOAD_AGENTS; i++) {
            String agent = agents + i;
            String token = s.token(agent);
            String session = http.openSession(token);
            killAnswered.put(agent, new AtomicBoolean());
            refused.put(agent, new AtomicInteger());
            for (int t = 0; t < 2; t++) {
                long first = (i * 2L + t) * 1_000_000L;
                callers.add(CompletableFuture.runAsync(() -> {
                    for (long n = first; !stop.get(); n++) {
                        boolean afterKill = killAnswered.get(agent).get();
                        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + upstream + ".note\","
                                + "\"arguments\":{\"agent\":\"" + agent + "\",\"n\":" + n + "}}}";
                        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(T)
                                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                                .header("Authorization", "Bearer " + token).header("Mcp-Session-Id", session)
                                .header("MCP-Protocol-Version", McpHttp.VERSION)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        boolean ok = false;
                        try {
                            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                            ok = r.statusCode() == 200 && r.body().contains("noted " + n);
                        } catch (java.io.IOException e) {
                            ok = false;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        sent.put(n, new Sent(agent, afterKill, ok));
                        if (!ok) {
                            refused.get(agent).incrementAndGet();
                            try {
                                Thread.sleep(5); // keep trying, as a runaway agent would, without spinning
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }
                }, pool));
            }
        }
        Map<String, Integer> receivedAtKillAnswer = new LinkedHashMap<>();
        try {
            for (int v = 0; v < victims; v++) {
                String victim = agents + v;
                Poll.until(() -> received.get().stream().filter(e -> e.agent().equals(victim)).count() >= 20, T);
                kill(victim);
                receivedAtKillAnswer.put(victim, received.get().size());
                killAnswered.get(victim).set(true);
            }
            Thread.sleep(1000); // the killed agents keep trying meanwhile; the others keep working
        } finally {
            stop.set(true);
            CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            pool.close();
        }
        List<LedgerUpstream.Entry> all = received.get();
        receivedAtKillAnswer.forEach((victim, mark) -> {
            assertThat(all.subList(0, mark)).as("%s called before its kill", victim).anyMatch(e -> e.agent().equals(victim));
            List<Sent> late = all.subList(mark, all.size()).stream().filter(e -> e.agent().equals(victim))
                    .map(e -> sent.get(Long.parseLong(e.n()))).toList();
            assertThat(late).as("calls of %s received after its kill answer returned", victim).hasSizeLessThanOrEqualTo(2)
                    .allSatisfy(c -> {
                        assertThat(c.afterKillAnswer()).as("started after the kill answer").isFalse();
                        assertThat(c.answered()).as("answered with the upstream's result").isFalse();
                    });
            assertThat(all).as("no call %s started after its kill answer reached the upstream", victim)
                    .filteredOn(e -> e.agent().equals(victim)).noneMatch(e -> sent.get(Long.parseLong(e.n())).afterKillAnswer());
            assertThat(sent.values()).as("%s kept trying after its kill, and was refused", victim)
                    .filteredOn(c -> c.agent().equals(victim) && c.afterKillAnswer()).isNotEmpty().noneMatch(Sent::answered);
        });
        for (int i = victims; i < LOAD_AGENTS; i++) {
            String survivor = agents + i;
            assertThat(refused.get(survivor).get()).as("%s is not killed", survivor).isZero();
            assertThat(all.subList(receivedAtKillAnswer.get(agents + (victims - 1)), all.size()))
                    .as("%s kept working after the kills", survivor).anyMatch(e -> e.agent().equals(survivor));
        }
    }
}
