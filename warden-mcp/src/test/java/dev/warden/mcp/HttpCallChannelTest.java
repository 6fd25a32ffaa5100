package dev.warden.mcp;

import static dev.warden.mcp.ScriptedHttpPeer.events;
import static dev.warden.mcp.ScriptedHttpPeer.id;
import static dev.warden.mcp.ScriptedHttpPeer.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class HttpCallChannelTest {
    static final Duration T = Duration.ofSeconds(10);
    static final McpSchema.CallToolRequest ECHO = new McpSchema.CallToolRequest("echo", Map.of("message", "hi"));
    /** The agent session (the gateway's MCP session id) the calls are made for. */
    static final String OWNER = "agent-session-1";

    /** Answers initialize (new session id each time) and notifications; tools/call goes to {@code call}. */
    static ScriptedHttpPeer.Script mcp(AtomicInteger sessions, ScriptedHttpPeer.Script call) {
        return r -> switch (r.rpcMethod()) {
            case "initialize" -> response(200, "application/json", """
                    {"jsonrpc":"2.0","id":%s,"result":{"protocolVersion":"2025-06-18","capabilities":{"tools":{}},
                     "serverInfo":{"name":"scripted","version":"1"}}}""".formatted(id(r)), "Mcp-Session-Id: s-" + sessions.incrementAndGet());
            case "tools/call" -> call.answer(r);
            default -> response(202, null, "");
        };
    }

    static String echoResult(ScriptedHttpPeer.Request r, String text) {
        return """
                {"jsonrpc":"2.0","id":%s,"result":{"content":[{"type":"text","text":"%s"}]}}""".formatted(id(r), text);
    }

    static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    @Test
    void jsonReply_isTheResult_andTheConnectionIsReused_withSessionAndVersionHeaders() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> response(200, "application/json", echoResult(r, "one"))));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("one");
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("one");
            assertThat(peer.connections.get()).isEqualTo(1);
            ScriptedHttpPeer.Request call = peer.calls("tools/call").getFirst();
            assertThat(call.header("Mcp-Session-Id")).isEqualTo("s-1");
            assertThat(call.header("MCP-Protocol-Version")).isEqualTo("2025-06-18");
            assertThat(call.header("Accept")).contains("application/json").contains("text/event-stream");
            assertThat(call.body().path("params").path("name").asText()).isEqualTo("echo");
            assertThat(peer.calls("notifications/initialized")).hasSize(1);
        }
    }

    @Test
    void resourceReadAndPromptGet_goInTheOwnersUpstreamSession_andAnUpstreamErrorKeepsItsCode() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        ScriptedHttpPeer.Script script = r -> switch (r.rpcMethod()) {
            case "resources/read" -> "missing://x".equals(r.body().path("params").path("uri").asText())
                    ? response(200, "application/json", """
                        {"jsonrpc":"2.0","id":%s,"error":{"code":-32002,"message":"Resource not found"}}""".formatted(id(r)))
                    : events("""
                        {"jsonrpc":"2.0","id":%s,"result":{"contents":[{"uri":"notes://mine","text":"%s"}]}}"""
                        .formatted(id(r), r.header("Mcp-Session-Id")));
            case "prompts/get" -> response(200, "application/json", """
                    {"jsonrpc":"2.0","id":%s,"result":{"messages":[{"role":"user","content":{"type":"text","text":"%s"}}]}}"""
                    .formatted(id(r), r.header("Mcp-Session-Id")));
            default -> mcp(sessions, call -> response(500, null, "")).answer(r);
        };
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(script);
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            McpSchema.ReadResourceResult read = ch.readResource(OWNER, new McpSchema.ReadResourceRequest("notes://mine", null), T, Mono.never(),
                    UpstreamRequests.NONE);
            assertThat(((McpSchema.TextResourceContents) read.contents().getFirst()).text()).isEqualTo("s-1");
            McpSchema.GetPromptResult prompt = ch.getPrompt(OWNER, new McpSchema.GetPromptRequest("whoami", Map.of()), T, Mono.never(),
                    UpstreamRequests.NONE);
            assertThat(((McpSchema.TextContent) prompt.messages().getFirst().content()).text()).isEqualTo("s-1");
            // another owner's read goes in a session of its own, which it opens declaring what that
            // session's calls will relay
            McpSchema.ReadResourceResult other = ch.readResource("agent-session-2",
                    new McpSchema.ReadResourceRequest("notes://mine", null), T, Mono.never(),
                    UpstreamRequests.declaring(Map.of("elicitation", Map.of())));
            assertThat(((McpSchema.TextResourceContents) other.contents().getFirst()).text()).isEqualTo("s-2");
            assertThat(peer.calls("initialize").get(1).body().path("params").path("capabilities").toString())
                    .isEqualTo("{\"elicitation\":{}}");
            assertThatThrownBy(() -> ch.readResource(OWNER, new McpSchema.ReadResourceRequest("missing://x", null), T, Mono.never(),
                    UpstreamRequests.NONE))
                    .isInstanceOfSatisfying(HttpCallChannel.UpstreamErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo(-32002);
                        assertThat(e.upstreamMessage()).isEqualTo("Resource not found");
                    });
            assertThat(peer.calls("initialize")).hasSize(2);
        }
    }

    @Test
    void eventStreamReply_deliversProgress_answersTheUpstreamsOwnRequests_andReturnsTheResult() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> events(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"warden-x\",\"progress\":1,\"total\":2}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"up-1\",\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"up-2\",\"method\":\"sampling/createMessage\",\"params\":{}}",
                echoResult(r, "streamed"))));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", progress::add)) {
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("streamed");
            assertThat(progress).singleElement().satisfies(p -> assertThat(p.progressToken()).isEqualTo("warden-x"));
            Poll.until(() -> peer.requests.stream().filter(r -> r.body() != null && r.body().has("id") && !r.body().has("method"))
                    .count() >= 2, T);
            List<ScriptedHttpPeer.Request> answers = peer.requests.stream()
                    .filter(r -> r.body() != null && r.body().has("id") && !r.body().has("method")).toList();
            assertThat(answers).anySatisfy(a -> {
                assertThat(a.body().path("id").asText()).isEqualTo("up-1");
                assertThat(a.body().has("result")).isTrue();
            });
            assertThat(answers).anySatisfy(a -> {
                assertThat(a.body().path("id").asText()).isEqualTo("up-2");
                assertThat(a.body().path("error").path("code").asInt()).isEqualTo(-32601);
            });
            // the stream ended after the result, so the connection went back to the pool
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("streamed");
        }
    }

    @Test
    void upstreamRequestDuringACall_goesToTheRelay_whoseAnswerIsPostedBack_andItsCapabilitiesAreDeclared() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        List<String> relayed = new CopyOnWriteArrayList<>();
        UpstreamRequests relay = new UpstreamRequests() {
            @Override
            public Map<String, Object> capabilities() {
                return Map.of("elicitation", Map.of());
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode answer(com.fasterxml.jackson.databind.JsonNode request, Duration wait,
                                                                  Mono<Void> stop) {
                relayed.add(request.path("method").asText() + " " + request.path("params").path("message").asText());
                assertThat(wait).isPositive().isLessThanOrEqualTo(T);
                return UpstreamRequests.result(request, Map.of("action", "accept", "content", Map.of("answer", "Ada")));
            }
        };
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> events(
                "{\"jsonrpc\":\"2.0\",\"id\":\"up-1\",\"method\":\"elicitation/create\",\"params\":{\"message\":\"Name?\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"up-2\",\"method\":\"roots/list\"}",
                echoResult(r, "asked"))));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never(), relay))).isEqualTo("asked");
            assertThat(relayed).containsExactly("elicitation/create Name?");
            assertThat(peer.calls("initialize").getFirst().body().path("params").path("capabilities").toString())
                    .isEqualTo("{\"elicitation\":{}}");
            Poll.until(() -> answers(peer).size() >= 2, T);
            assertThat(answers(peer)).anySatisfy(a -> {
                assertThat(a.body().path("id").asText()).isEqualTo("up-1");
                assertThat(a.body().path("result").path("content").path("answer").asText()).isEqualTo("Ada");
                assertThat(a.header("Mcp-Session-Id")).isEqualTo("s-1");
            });
            // roots are never relayed: an agent's roots could widen what a file server lets it reach
            assertThat(answers(peer)).anySatisfy(a -> {
                assertThat(a.body().path("id").asText()).isEqualTo("up-2");
                assertThat(a.body().path("error").path("code").asInt()).isEqualTo(-32601);
            });
        }
    }

    /** The JSON-RPC answers (no method, an id) the peer received. */
    private static List<ScriptedHttpPeer.Request> answers(ScriptedHttpPeer peer) {
        return peer.requests.stream().filter(r -> r.body() != null && r.body().has("id") && !r.body().has("method")).toList();
    }

    @Test
    void largeResultOnOneEventLine_isReadWhole() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        String big = "x".repeat(200_000);
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> events(echoResult(r, big))));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo(big);
        }
    }

    @Test
    void forgottenSession_404_opensANewSession_andSendsTheCallExactlyOnceMore() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> "s-1".equals(r.header("Mcp-Session-Id"))
                ? response(404, "application/json", "{\"error\":\"session not found\"}")
                : response(200, "application/json", echoResult(r, "after re-init"))));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("after re-init");
            assertThat(peer.calls("initialize")).hasSize(2);
            assertThat(peer.calls("tools/call")).extracting(r -> r.header("Mcp-Session-Id")).containsExactly("s-1", "s-2");
        }
    }

    @Test
    void upstreamFailures_failTheCall_andAreNeverRetried() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        AtomicInteger n = new AtomicInteger();
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> switch (n.incrementAndGet()) {
            case 1 -> response(500, "text/plain", "exploded");
            case 2 -> response(200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":" + id(r)
                    + ",\"error\":{\"code\":-32603,\"message\":\"boom\"}}");
            case 3 -> "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
            case 4 -> response(200, "text/html", "<html>");
            default -> null; // hang up after reading the request
        }));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, T, Mono.never())).isInstanceOf(HttpCallChannel.CallFailedException.class)
                    .hasMessageContaining("HTTP 500").hasMessageContaining("exploded");
            assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, T, Mono.never())).hasMessageContaining("upstream error -32603: boom");
            assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, T, Mono.never())).hasMessageContaining("bad chunk size");
            assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, T, Mono.never())).hasMessageContaining("unexpected Content-Type");
            assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, T, Mono.never())).hasMessageContaining("connection closed");
            assertThat(peer.calls("tools/call")).hasSize(5);
        }
    }

    /** An upstream that never answers a call; it records each {@code notifications/cancelled} (its request id). */
    private static ScriptedHttpPeer hangsUntilCancelled(CountDownLatch cancelled, List<String> cancelledIds) throws java.io.IOException {
        AtomicInteger sessions = new AtomicInteger();
        return new ScriptedHttpPeer(r -> {
            if ("notifications/cancelled".equals(r.rpcMethod())) {
                cancelledIds.add(r.body().path("params").path("requestId").toString());
                cancelled.countDown();
            }
            return mcp(sessions, call -> {
                cancelled.await(10, TimeUnit.SECONDS);
                return null;
            }).answer(r);
        });
    }

    @Test
    void noAnswerInTime_failsTheCall_andTellsTheUpstreamToStop() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        try (ScriptedHttpPeer peer = hangsUntilCancelled(cancelled, new CopyOnWriteArrayList<>());
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, Duration.ofMillis(300), Mono.never()))
                    .isInstanceOf(HttpCallChannel.CallFailedException.class).hasMessageContaining("no answer within");
            assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void stopSignal_abandonsTheCallAtOnce_andSendsCancelledForItsId() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        List<String> cancelledIds = new CopyOnWriteArrayList<>();
        try (ScriptedHttpPeer peer = hangsUntilCancelled(cancelled, cancelledIds);
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            long t0 = System.nanoTime();
            assertThat(ch.callTool(OWNER, ECHO, T, Mono.delay(Duration.ofMillis(300)).then())).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(T);
            assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledIds).containsExactly(id(peer.calls("tools/call").getFirst()));
        }
    }

    @Test
    void concurrentCalls_neverOpenMoreConnectionsThanTheBound_theRestWaitForAFreeOne() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger inUpstream = new AtomicInteger();
        AtomicInteger mostInUpstream = new AtomicInteger();
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> {
            mostInUpstream.accumulateAndGet(inUpstream.incrementAndGet(), Math::max);
            go.await(10, TimeUnit.SECONDS);
            inUpstream.decrementAndGet();
            return response(200, "application/json", echoResult(r, "ok"));
        }));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 2, "2025-06-18", p -> { })) {
            List<Thread> callers = new java.util.ArrayList<>();
            List<String> answers = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 8; i++) {
                callers.add(Thread.ofVirtual().start(() -> answers.add(text(ch.callTool(OWNER, ECHO, T, Mono.never())))));
            }
            Poll.until(() -> inUpstream.get() >= 2, T);
            Thread.sleep(200); // room for a third connection to appear if the bound did not hold
            assertThat(inUpstream.get()).isEqualTo(2);
            go.countDown();
            for (Thread t : callers) {
                t.join(T.toMillis());
            }
            assertThat(answers).hasSize(8).containsOnly("ok");
            assertThat(mostInUpstream.get()).isEqualTo(2);
            assertThat(peer.connections.get()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void noConnectionFreeInTime_failsTheCall_withoutSendingIt() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        try (ScriptedHttpPeer peer = hangsUntilCancelled(cancelled, new CopyOnWriteArrayList<>());
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 1, "2025-06-18", p -> { })) {
            Thread first = Thread.ofVirtual().start(() -> {
                try {
                    ch.callTool(OWNER, ECHO, T, Mono.never());
                } catch (HttpCallChannel.CallFailedException expected) {
                    // fails when the peer hangs up after the cancellation
                }
            });
            Poll.until(() -> !peer.calls("tools/call").isEmpty(), T);
            assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, Duration.ofMillis(300), Mono.never()))
                    .isInstanceOf(HttpCallChannel.CallFailedException.class)
                    .hasMessageContaining("no upstream connection came free within").hasMessageContaining("all 1 in use");
            assertThat(peer.calls("tools/call")).hasSize(1);
            cancelled.countDown();
            first.join(T.toMillis());
        }
    }

    @Test
    void streamEndingAfterTheResult_connectionIsReusedOnceItEnds() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> ScriptedHttpPeer.eventsEndingLate(echoResult(r, "late end"))));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("late end");
            Thread.sleep(ScriptedHttpPeer.PAUSE_MILLIS + 200); // the end has arrived
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("late end");
            assertThat(peer.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void streamStillOpenWhenTheNextCallComes_thatCallWaitsForTheOnlyConnection() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> ScriptedHttpPeer.eventsEndingLate(echoResult(r, "again"))));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 1, "2025-06-18", p -> { })) {
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("again");
            // at once: the first stream has not ended; with a bound of 1 the call waits until it has
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("again");
            assertThat(peer.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void upstreamWaitingForOurAnswerMidCall_getsIt_evenWhenTheCallHoldsTheOnlyConnection() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        ScriptedHttpPeer[] self = new ScriptedHttpPeer[1];
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(r -> {
            if (r.body() != null && "\"up-1\"".equals(String.valueOf(r.body().get("id"))) && !r.body().has("method")) {
                self[0].proceed.countDown(); // our answer to the upstream's ping
                return response(202, null, "");
            }
            return mcp(sessions, call -> {
                String all = events("{\"jsonrpc\":\"2.0\",\"id\":\"up-1\",\"method\":\"ping\"}", echoResult(call, "proceeded"));
                int second = all.indexOf("\r\n", all.indexOf("data: {\"jsonrpc\":\"2.0\",\"id\":\"up-1\"")) + 2;
                // the ping goes out at once; the result only once the ping was answered
                return all.substring(0, second) + ScriptedHttpPeer.PAUSE + ScriptedHttpPeer.AWAIT + all.substring(second);
            }).answer(r);
        });
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 1, "2025-06-18", p -> { })) {
            self[0] = peer;
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("proceeded");
        }
    }

    @Test
    void callAbandonedWhileWaitingForAConnection_returnsAtOnce_andNothingIsSentOrCancelledForIt() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        List<String> cancelledIds = new CopyOnWriteArrayList<>();
        try (ScriptedHttpPeer peer = hangsUntilCancelled(cancelled, cancelledIds);
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 1, "2025-06-18", p -> { })) {
            Sinks.Empty<Void> stopFirst = Sinks.empty();
            Thread first = Thread.ofVirtual().start(() -> ch.callTool(OWNER, ECHO, T, stopFirst.asMono()));
            Poll.until(() -> !peer.calls("tools/call").isEmpty(), T);
            assertThat(ch.callTool(OWNER, ECHO, T, Mono.delay(Duration.ofMillis(200)).then())).isNull();
            assertThat(peer.calls("tools/call")).hasSize(1);

            stopFirst.tryEmitEmpty();
            assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
            first.join(T.toMillis());
            assertThat(cancelledIds).containsExactly(id(peer.calls("tools/call").getFirst()));
        }
    }

    @Test
    void eachAgentSession_getsItsOwnUpstreamSession_andEndingOneDeletesOnlyThat() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> response(200, "application/json",
                echoResult(r, r.header("Mcp-Session-Id")))));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            assertThat(text(ch.callTool("alice-1", ECHO, T, Mono.never()))).isEqualTo("s-1");
            assertThat(text(ch.callTool("bob-1", ECHO, T, Mono.never()))).isEqualTo("s-2");
            assertThat(text(ch.callTool("alice-1", ECHO, T, Mono.never()))).isEqualTo("s-1");
            assertThat(text(ch.callTool("alice-2", ECHO, T, Mono.never()))).isEqualTo("s-3");
            assertThat(ch.openSessions()).isEqualTo(3);
            assertThat(ch.owners()).containsExactlyInAnyOrder("alice-1", "bob-1", "alice-2");
            assertThat(peer.calls("notifications/initialized")).extracting(r -> r.header("Mcp-Session-Id"))
                    .containsExactlyInAnyOrder("s-1", "s-2", "s-3");

            ch.end("alice-1");
            Poll.until(() -> peer.requests.stream().anyMatch(r -> r.method().equals("DELETE")), T);
            assertThat(peer.requests).filteredOn(r -> r.method().equals("DELETE"))
                    .extracting(r -> r.header("Mcp-Session-Id")).containsExactly("s-1");
            assertThat(ch.openSessions()).isEqualTo(2);
            assertThat(ch.owners()).containsExactlyInAnyOrder("bob-1", "alice-2");
            assertThat(text(ch.callTool("bob-1", ECHO, T, Mono.never()))).isEqualTo("s-2");
            ch.end("no-such-session"); // nothing to end: nothing sent
            assertThat(peer.requests).filteredOn(r -> r.method().equals("DELETE")).hasSize(1);
        }
    }

    @Test
    void closingTheChannel_endsEveryOpenUpstreamSession_andLaterCallsFailUnsent() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> response(200, "application/json", echoResult(r, "ok"))))) {
            HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { });
            ch.callTool("alice-1", ECHO, T, Mono.never());
            ch.callTool("bob-1", ECHO, T, Mono.never());
            ch.close();
            assertThat(peer.requests).filteredOn(r -> r.method().equals("DELETE"))
                    .extracting(r -> r.header("Mcp-Session-Id")).containsExactlyInAnyOrder("s-1", "s-2");
            int before = peer.calls("tools/call").size();
            assertThatThrownBy(() -> ch.callTool("alice-1", ECHO, T, Mono.never()))
                    .isInstanceOf(HttpCallChannel.CallFailedException.class);
            assertThat(peer.calls("tools/call")).hasSize(before);
        }
    }

    @Test
    void upstreamRefusingToInitialize_failsTheCall_andTheNextCallTriesAgain() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        AtomicInteger inits = new AtomicInteger();
        ScriptedHttpPeer.Script ok = mcp(sessions, r -> response(200, "application/json", echoResult(r, "ok")));
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(r -> "initialize".equals(r.rpcMethod()) && inits.incrementAndGet() == 1
                ? response(503, "text/plain", "starting up") : ok.answer(r));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, T, Mono.never()))
                    .isInstanceOf(HttpCallChannel.CallFailedException.class).hasMessageContaining("initialize refused");
            assertThat(peer.calls("tools/call")).isEmpty();
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("ok");
            assertThat(peer.calls("tools/call")).singleElement().satisfies(r -> assertThat(r.header("Mcp-Session-Id")).isEqualTo("s-1"));
        }
    }

    @Test
    void upstreamNamingTwoSessionsAtOnce_failsTheCall_unsent_ratherThanPickingOne() throws Exception {
        ScriptedHttpPeer.Script twoIds = r -> "initialize".equals(r.rpcMethod())
                ? response(200, "application/json", """
                    {"jsonrpc":"2.0","id":%s,"result":{"protocolVersion":"2025-06-18","capabilities":{"tools":{}},
                     "serverInfo":{"name":"scripted","version":"1"}}}""".formatted(id(r)),
                    "Mcp-Session-Id: s-mine", "Mcp-Session-Id: s-someone-elses")
                : mcp(new AtomicInteger(), call -> response(200, "application/json", echoResult(call, "ran"))).answer(r);
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(twoIds);
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, T, Mono.never()))
                    .isInstanceOf(HttpCallChannel.CallFailedException.class).hasMessageContaining("Mcp-Session-Id");
            assertThat(peer.calls("tools/call")).isEmpty();
        }
    }

    @Test
    void upstreamRestarted_aDeadPooledConnectionFailsOneCall_andTheOtherIdleOnesAreNotReused() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        CountDownLatch bothIn = new CountDownLatch(2);
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(mcp(sessions, r -> {
                 bothIn.countDown();
                 bothIn.await(5, TimeUnit.SECONDS); // two calls at once: two connections end up idle in the pool
                 return response(200, "application/json", echoResult(r, "ok"));
             }));
             HttpCallChannel ch = new HttpCallChannel(peer.url(), 64, "2025-06-18", p -> { })) {
            Thread other = Thread.ofVirtual().start(() -> ch.callTool(OWNER, ECHO, T, Mono.never()));
            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("ok");
            other.join();
            int before = peer.connections.get();

            peer.closeConnections(); // the upstream restarts: every kept-alive connection is dead
            assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, T, Mono.never())).as("the call on a dead connection fails")
                    .isInstanceOf(Exception.class);

            assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).as("the next call opens a new connection").isEqualTo("ok");
            assertThat(peer.connections.get()).isGreaterThan(before);
        }
    }
}
