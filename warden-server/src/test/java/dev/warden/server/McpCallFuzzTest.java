package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.decision.Reason;
import dev.warden.decision.RequestBounds;
import dev.warden.json.CanonicalJson;
import dev.warden.mcp.NodeFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standing attack suite of the MCP endpoint: a few hundred seeded random {@code tools/call}
 * requests from three agents of the gateway test config (mcp-bot, intern-bot, held-bot) in open
 * sessions, answered as one JSON body or as an event stream, with hostile arguments, envelopes and
 * approval ids; the approval wait is 0, so a call that needs an approval is answered at once with
 * its id, which an operator then mostly grants. Every answer must be below 500 and bounded (Warden's
 * own answers by a constant, forwarded results by the request's size); afterwards every entry must
 * be bounded and listed byte for byte, every forwarded call must have its allow in the trail with
 * the arguments sent, and every allow must be one a plain Cedar engine (no verdict memo) gives.
 * The seed is printed; {@code -Dwarden.fuzz.seed=N} repeats a run, {@code -Dwarden.fuzz.calls=N}
 * makes it longer.
 */
@ExtendWith(NodeFixture.class)
class McpCallFuzzTest {
    private static final int CALLS = Integer.getInteger("warden.fuzz.calls", 600);
    /** Refusals and errors are a few reasons of at most 2,000 characters each. */
    private static final int WARDEN_ANSWER_MAX_BYTES = 16 << 10;
    /** The arguments' canonical form is bounded by RequestBounds, each text by 8,192 characters, each reason by 2,000. */
    private static final int ENTRY_MAX_CHARS = RequestBounds.MAX_ARGS_CHARS + 4 * RequestBounds.MAX_TEXT_CHARS
            + 16 * Reason.MAX_MESSAGE_CHARS;
    private static final List<String> AGENTS = List.of("mcp-bot", "mcp-bot", "mcp-bot", "intern-bot", "held-bot");
    private static final List<String> TOOLS = List.of("everything.echo", "remote.echo", "rug.weather", "everything.get-sum",
            "everything.get-sum", "pinned.weather", "everything.resources.read", "everything.get-env", "rug.mutate",
            "memo.recall", "remote.stamp", "nope.nothing");
    private static final List<String> REFUSALS = List.of("Denied by Warden", "Held by Warden", "Refused by Warden");
    /** Where the allows of calls whose arguments cannot carry a nonce are counted. */
    private static final String NO_NONCE = "(none)";

    @TempDir
    Path tmp;

    /** A call the run made: who, which session, its nonce and the JSON texts of its name and arguments. */
    private record Sent(String agent, String nonce, String name, String args, boolean progress) {
        /** The nonce, or {@link #NO_NONCE} when the arguments cannot carry it. */
        String key() {
            return args.startsWith("{\"fuzz_call\"") ? nonce : NO_NONCE;
        }
    }

    /** An approval a call was answered with. */
    private record Asked(String id, Sent call) {
    }

    @Test
    void randomToolCalls_answeredBelow500AndBounded_everyForwardedCallAllowedAndAudited_everyAllowOneThePlainEngineGives()
            throws Exception {
        long seed = FuzzSeed.of("McpCallFuzzTest");
        HostileJson j = new HostileJson(new Random(seed));
        try (EchoUpstream echo = EchoUpstream.start();
             TestServer s = new TestServer(withoutErrorRateRule(McpTestConfig.write(tmp.resolve("config"), tmp.resolve("flag"), 0,
                     echo.port())), tmp.resolve("data"), Clock.systemUTC());
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            McpHttp mcp = new McpHttp(s.server.url() + "/mcp");
            Map<String, String> tokens = new HashMap<>();
            Map<String, String> sessions = new HashMap<>();
            for (String agent : List.copyOf(new java.util.LinkedHashSet<>(AGENTS))) {
                tokens.put(agent, s.token(agent));
                sessions.put(agent, mcp.openSession(tokens.get(agent)));
            }
            long start = AuditTrail.head(s);
            Map<String, List<String>> allowedAnswers = new HashMap<>(); // nonce -> the agents whose call with it was allowed
            int forwarded = 0;
            Map<String, Sent> byNonce = new HashMap<>();
            List<Asked> asked = new ArrayList<>();
            Map<String, Integer> outcomes = new TreeMap<>();
            for (int i = 0; i < CALLS; i++) {
                Sent call = next(j, i, asked);
                byNonce.put(call.nonce(), call);
                String text = envelope(j, call, asked);
                String what = "seed " + seed + ", call " + i + " by " + call.agent() + ": " + AuditTrail.abbreviated(text);
                byte[] body = j.utf8(text);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.server.url() + "/mcp"))
                        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + tokens.get(call.agent()))
                        .header("Mcp-Session-Id", sessions.get(call.agent())).header("MCP-Protocol-Version", McpHttp.VERSION)
                        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                int size = r.body().getBytes(StandardCharsets.UTF_8).length;
                assertThat(r.statusCode()).as(what + "\nanswer: " + AuditTrail.abbreviated(r.body())).isLessThan(500);
                Map<String, Object> answer = rpcAnswer(r.body());
                String kind = kindOf(answer);
                outcomes.merge(kind, 1, Integer::sum);
                if (kind.equals("forwarded") || kind.equals("allowed-not-forwarded")) {
                    allowedAnswers.computeIfAbsent(call.key(), n -> new ArrayList<>()).add(call.agent());
                }
                if (kind.equals("forwarded")) {
                    forwarded++;
                    assertThat((long) size).as(what).isLessThanOrEqualTo(WARDEN_ANSWER_MAX_BYTES + 2L * body.length);
                } else {
                    assertThat(size).as(what + "\nanswer: " + AuditTrail.abbreviated(r.body()))
                            .isLessThanOrEqualTo(WARDEN_ANSWER_MAX_BYTES);
                }
                String approval = approvalOf(answer);
                if (kind.equals("held") && approval != null) {
                    asked.add(new Asked(approval, call));
                    if (j.chance(0.7)) {
                        String verb = j.chance(0.85) ? "approve" : "deny";
                        assertThat(s.postText("/v1/approvals/" + approval + "/" + verb, TestServer.ADMIN, "").statusCode())
                                .isEqualTo(200);
                    }
                }
            }
            System.out.println("McpCallFuzzTest: " + CALLS + " calls: " + outcomes);

            List<AuditTrail.Entry> entries = AuditTrail.after(s, start, "decision");
            Map<String, List<String>> allowsByNonce = new HashMap<>(); // nonce -> the agents of its allows in the trail
            AllowCheck plain = new AllowCheck(s);
            for (AuditTrail.Entry e : entries) {
                String what = "seed " + seed + ": entry " + AuditTrail.abbreviated(e.text());
                assertThat(e.text().length()).as(what).isLessThanOrEqualTo(ENTRY_MAX_CHARS);
                assertThat(AuditTrail.leafHashOf(e)).as(what + " is not listed byte for byte").isEqualTo(e.leafHash());
                if (!"allow".equals(e.get("decision"))) {
                    continue;
                }
                plain.check(e, String.valueOf(seed));
                String nonce = e.args().get("fuzz_call") instanceof String n ? n : NO_NONCE;
                allowsByNonce.computeIfAbsent(nonce, n -> new ArrayList<>()).add(e.get("agent"));
                Sent sent = byNonce.get(nonce);
                if (sent != null && sent.args().indexOf(HostileJson.NOT_UTF8) < 0) {
                    assertThat(CanonicalJson.write(e.args())).as(what + "\nis not what was sent: " + sent.args())
                            .isEqualTo(CanonicalJson.write(AuditTrail.parseObject(sent.args())));
                }
            }
            // every call answered as allowed has its allow in the trail, and every allow in the trail was answered as one
            allowedAnswers.forEach((nonce, agents) -> assertThat(allowsByNonce.getOrDefault(nonce, List.of()))
                    .as("seed %d: allows in the audit trail of calls with nonce %s: %s", seed, nonce, byNonce.get(nonce))
                    .containsExactlyInAnyOrderElementsOf(agents));
            assertThat(allowsByNonce.keySet()).as("seed %d: nonces allowed in the trail", seed).isEqualTo(allowedAnswers.keySet());
            assertThat(forwarded).as("seed %d: forwarded calls", seed).isGreaterThan(CALLS / 10);
        }
    }

    private static Sent next(HostileJson j, int i, List<Asked> asked) {
        if (!asked.isEmpty() && j.chance(0.2)) {
            Asked a = j.pick(asked.subList(Math.max(0, asked.size() - 8), asked.size())); // recent ones: most are still open
            Sent again = a.call();
            return switch (j.random().nextInt(6)) {
                case 0, 1, 2, 3 -> new Sent(again.agent(), again.nonce(), again.name(), again.args(), j.chance(0.3)); // the very call
                case 4 -> new Sent(j.pick(AGENTS), again.nonce(), again.name(), again.args(), j.chance(0.3)); // by anyone
                default -> new Sent(again.agent(), "n" + i, again.name(), withNonce(args(j, "everything.get-sum"), "n" + i), false);
            };
        }
        String nonce = "n" + i;
        String agent = j.pick(AGENTS);
        String tool = j.pick(TOOLS);
        String name = j.chance(0.95) ? "\"" + tool + "\"" : j.value(1, 100);
        String args = j.chance(0.95) ? withNonce(args(j, tool), nonce) : j.value(2, 1_000);
        return new Sent(agent, nonce, name, args, j.chance(0.3));
    }

    /** The arguments with the call's nonce as their first member. */
    private static String withNonce(String args, String nonce) {
        return args.startsWith("{") ? "{\"fuzz_call\":\"" + nonce + "\"" + (args.equals("{}") ? "}" : "," + args.substring(1)) : args;
    }

    private static String args(HostileJson j, String tool) {
        List<String> members = new ArrayList<>();
        switch (tool) {
            case "everything.echo", "remote.echo" -> members.add("\"message\":" + (j.chance(0.8) ? j.string(20_000) : j.value(3, 5_000)));
            case "rug.weather", "pinned.weather" -> members.add("\"city\":" + (j.chance(0.3) ? "\"" + j.pick("Pyongyang", "Paris",
                    "Pyongyang ", "Pyong\\u0079ang", "PYONGYANG") + "\"" : j.string(200)));
            case "everything.get-sum" -> {
                members.add("\"a\":" + (j.chance(0.5) ? String.valueOf(j.random().nextInt(100)) : j.number()));
                members.add("\"b\":" + (j.chance(0.8) ? j.number() : j.value(1, 100)));
            }
            case "everything.resources.read" -> members.add("\"uri\":\"" + j.pick("demo://secret", "demo://public", "demo://secret ",
                    "DEMO://secret", "demo://secre\\u0074") + "\"");
            default -> { }
        }
        if (j.chance(0.25)) {
            members.add(j.key() + ":" + (j.chance(0.25) ? j.nested(j.pick(List.of(61, 62, 63, 64, 255, 256, 257, 999, 1000, 1001)))
                    : j.value(3, 5_000)));
        }
        return j.members(members);
    }

    /** The JSON-RPC request: mostly a well-formed tools/call, sometimes one with a hostile envelope. */
    private static String envelope(HostileJson j, Sent call, List<Asked> asked) {
        List<String> meta = new ArrayList<>();
        if (call.progress()) {
            meta.add("\"progressToken\":" + j.pick("\"p\"", "1", "1e999999999", "1e99999999999999999999", "{}", "null"));
        }
        if (!asked.isEmpty() && j.chance(0.1)) {
            meta.add("\"warden/approval_id\":" + (j.chance(0.7) ? "\"" + j.pick(asked).id() + "\"" : j.value(1, 100)));
        }
        if (j.chance(0.05)) {
            meta.add("\"warden/rationale\":" + j.value(1, 10_000));
        }
        List<String> params = new ArrayList<>(List.of("\"name\":" + call.name(), "\"arguments\":" + call.args()));
        if (!meta.isEmpty() || j.chance(0.05)) {
            params.add("\"_meta\":" + (j.chance(0.95) ? "{" + String.join(",", meta) + "}" : j.value(1, 100)));
        }
        if (j.chance(0.03)) {
            params.add(j.key() + ":" + j.value(1, 100));
        }
        String id = j.chance(0.9) ? "\"" + call.nonce() + "\"" : j.pick("1", "-1", "9223372036854775808", "1e999999999",
                "1e99999999999999999999", "1.5", "null", "{}", "[]", "\"\"", "true");
        List<String> rpc = new ArrayList<>(List.of("\"jsonrpc\":" + (j.chance(0.98) ? "\"2.0\"" : j.pick("\"1.0\"", "2", "null")),
                "\"id\":" + id, "\"method\":" + (j.chance(0.98) ? "\"tools/call\"" : j.pick("\"tools/Call\"", "\"tools/call \"", "1")),
                "\"params\":" + (j.chance(0.98) ? j.members(params) : j.value(1, 100))));
        return j.members(rpc);
    }

    /** The JSON-RPC answer in a JSON body or in the event stream (empty when there is none). */
    private static Map<String, Object> rpcAnswer(String body) {
        String trimmed = body.strip();
        if (trimmed.startsWith("{")) {
            return AuditTrail.parseObject(trimmed);
        }
        Map<String, Object> answer = Map.of();
        for (String line : body.split("\n")) {
            if (line.startsWith("data:") && line.length() > 5) {
                Map<String, Object> message = AuditTrail.parseObject(line.substring(5).strip());
                if (message.containsKey("result") || message.containsKey("error")) {
                    answer = message;
                }
            }
        }
        return answer;
    }

    /** forwarded, held, refused, allowed-not-forwarded, rpc-error or http-error. */
    @SuppressWarnings("unchecked")
    private static String kindOf(Map<String, Object> answer) {
        if (!(answer.get("result") instanceof Map<?, ?> result)) {
            return answer.containsKey("error") && answer.containsKey("jsonrpc") ? "rpc-error" : "http-error";
        }
        String text = textOf((Map<String, Object>) result);
        if (text.startsWith("Held by Warden")) {
            return "held";
        }
        if (REFUSALS.stream().anyMatch(text::startsWith)) {
            return "refused";
        }
        return text.startsWith("Allowed by Warden") ? "allowed-not-forwarded" : "forwarded";
    }

    @SuppressWarnings("unchecked")
    private static String textOf(Map<String, Object> result) {
        if (result.get("content") instanceof List<?> content && !content.isEmpty() && content.getFirst() instanceof Map<?, ?> first) {
            return String.valueOf(((Map<String, Object>) first).get("text"));
        }
        return "";
    }

    @SuppressWarnings("unchecked")
    private static String approvalOf(Map<String, Object> answer) {
        if (answer.get("result") instanceof Map<?, ?> result && result.get("_meta") instanceof Map<?, ?> meta) {
            return (String) ((Map<String, Object>) meta).get("warden/approval_id");
        }
        return null;
    }

    /** The fuzz's hostile calls fail upstream often enough to trip the error-rate rule, whose quarantine is not what this test is about. */
    private static Path withoutErrorRateRule(Path config) throws IOException {
        Path yaml = config.resolve("warden.yaml");
        Files.writeString(yaml, Files.readString(yaml)
                + "\nbehavior:\n  detectors:\n    error_rate: {enabled: false}\n");
        return config;
    }
}
