package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standing attack suite of {@code POST /v1/decisions}: a few thousand seeded random requests
 * from the quickstart's support-bot (hostile numbers, strings, nesting, duplicate keys, wrong
 * types, extra fields, approval ids real and forged, bodies that are not JSON or not UTF-8), each
 * of which must get an answer below 500 and of bounded size; afterwards every decision must be in
 * the audit trail as answered, every entry bounded and listed byte for byte, and every allow one
 * that a plain Cedar engine (no verdict memo) and the quickstart's own rules give.
 * The seed is printed; {@code -Dwarden.fuzz.seed=N} repeats a run, {@code -Dwarden.fuzz.requests=N}
 * makes it longer.
 */
class DecisionApiFuzzTest {
    private static final int REQUESTS = Integer.getInteger("warden.fuzz.requests", 2_500);
    private static final int BODY_LIMIT = 65_536; // examples/quickstart/warden.yaml http.max_body_bytes
    /** A decision or an error is a few reasons of at most 2,000 characters: it never grows with the request. */
    private static final int RESPONSE_MAX_BYTES = 16 << 10;
    /** Arguments at most the body limit in canonical JSON, texts of at most 8,192 characters, reasons cut at 2,000. */
    private static final int ENTRY_MAX_BYTES = 4 * BODY_LIMIT;
    private static final List<String> TOOLS = List.of("inventory.read", "customer.reply", "refund.process",
            "product.update_description", "customer.delete", "pricing.modify", "payment.read");

    @TempDir
    Path data;

    /**
     * One request's members as JSON texts (null: left out).
     *
     * @param tool the tool its arguments were made for
     */
    private record Call(String tool, String action, String resource, String args, String context, String approvalId,
                        String extra) {
        Call withApproval(String approval) {
            return new Call(tool, action, resource, args, context, approval, extra);
        }

        Call withArgs(String other) {
            return new Call(tool, action, resource, other, context, approvalId, extra);
        }

        String body(HostileJson j) {
            List<String> members = new ArrayList<>();
            add(members, "action", action);
            add(members, "resource", resource);
            add(members, "args", args);
            add(members, "context", context);
            add(members, "approval_id", approvalId);
            if (extra != null) {
                members.add(extra);
            }
            if (!members.isEmpty() && j.chance(0.02)) {
                members.add(j.pick(members)); // a member twice
            }
            return j.members(members);
        }

        private static void add(List<String> members, String name, String value) {
            if (value != null) {
                members.add("\"" + name + "\":" + value);
            }
        }
    }

    /** An approval the run asked for, with the call that asked. */
    private record Asked(String id, Call call) {
    }

    @Test
    void randomRequests_answeredBelow500AndBounded_everyDecisionAuditedAsAnswered_everyAllowOneThePlainEngineGives()
            throws Exception {
        long seed = FuzzSeed.of("DecisionApiFuzzTest");
        HostileJson j = new HostileJson(new Random(seed));
        try (TestServer s = new TestServer(TestServer.quickstartWithoutLimits(data.resolve("config")), data, Clock.systemUTC());
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            String token = s.token("support-bot");
            long start = AuditTrail.head(s);
            Map<String, String> answered = new HashMap<>();
            Map<String, Integer> outcomes = new java.util.TreeMap<>();
            List<Asked> asked = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                Call call = next(j, asked);
                String text = call.body(j);
                String what = "seed " + seed + ", request " + i + ": " + AuditTrail.abbreviated(text);
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(s.uri("/v1/decisions"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(j.utf8(text))).build(), HttpResponse.BodyHandlers.ofByteArray());
                String body = new String(r.body(), StandardCharsets.UTF_8);
                assertThat(r.statusCode()).as(what + "\nanswer: " + AuditTrail.abbreviated(body)).isLessThan(500);
                assertThat(r.body().length).as(what).isLessThanOrEqualTo(RESPONSE_MAX_BYTES);
                Map<String, Object> json = AuditTrail.parseObject(body);
                outcomes.merge(r.statusCode() + " " + json.getOrDefault("error", json.get("decision")), 1, Integer::sum);
                if (r.statusCode() != 200) {
                    assertThat((String) json.get("error")).as(what + "\nanswer: " + body).matches("[a-z_]+");
                    continue;
                }
                String decision = (String) json.get("decision");
                answered.put((String) json.get("decision_id"), decision);
                if ("approval_required".equals(decision)) {
                    String id = (String) json.get("approval_id");
                    asked.add(new Asked(id, call));
                    if (j.chance(0.65)) { // an operator decides, mostly yes
                        String verb = j.chance(0.8) ? "approve" : "deny";
                        assertThat(s.postText("/v1/approvals/" + id + "/" + verb, TestServer.ADMIN, "").statusCode())
                                .isEqualTo(200);
                    }
                }
            }

            System.out.println("DecisionApiFuzzTest: " + REQUESTS + " requests: " + outcomes);
            List<AuditTrail.Entry> entries = AuditTrail.after(s, start, "decision");
            Map<String, AuditTrail.Entry> byId = new HashMap<>();
            for (AuditTrail.Entry e : entries) {
                String what = "seed " + seed + ": entry " + AuditTrail.abbreviated(e.text());
                assertThat(e.utf8Bytes()).as(what).isLessThanOrEqualTo(ENTRY_MAX_BYTES);
                assertThat(AuditTrail.leafHashOf(e)).as(what + " is not listed byte for byte").isEqualTo(e.leafHash());
                byId.put(e.get("decision_id"), e);
            }
            answered.forEach((id, decision) -> {
                assertThat(byId).as("seed %d: decision %s (%s) is not in the audit trail", seed, id, decision).containsKey(id);
                assertThat(byId.get(id).get("decision")).as("seed %d: decision %s", seed, id).isEqualTo(decision);
            });
            AllowCheck plain = new AllowCheck(s);
            int allows = 0;
            int redeemed = 0;
            for (AuditTrail.Entry e : entries) {
                if ("allow".equals(e.get("decision"))) {
                    allows++;
                    redeemed += e.get("approval_id") == null ? 0 : 1;
                    plain.check(e, String.valueOf(seed));
                    quickstartAllows(e, seed);
                }
            }
            // the run reached the policies, not only the parser
            assertThat(allows).as("seed %d: allows", seed).isGreaterThan(REQUESTS / 20);
            assertThat(redeemed).as("seed %d: allows redeeming an approval", seed).isGreaterThan(0);
        }
    }

    /** The next request: mostly a call of a quickstart tool with hostile arguments, sometimes one redeeming an approval. */
    private static Call next(HostileJson j, List<Asked> asked) {
        if (!asked.isEmpty() && j.chance(0.1)) {
            Asked a = j.pick(asked);
            return switch (j.random().nextInt(5)) {
                case 0, 1, 2 -> a.call().withApproval("\"" + a.id() + "\""); // the very call, redeeming
                case 3 -> a.call().withApproval("\"" + a.id() + "\"").withArgs(args(j, a.call().tool())); // other arguments
                default -> call(j).withApproval("\"" + a.id() + "\""); // another call altogether
            };
        }
        return call(j);
    }

    private static Call call(HostileJson j) {
        String tool = j.pick(TOOLS);
        String action = j.chance(0.92) ? "\"" + tool + "\"" : switch (j.random().nextInt(4)) {
            case 0 -> j.value(1, 200);
            case 1 -> "\"" + j.pick(tool.toUpperCase(), tool + " ", " " + tool, tool + "\\u0000", tool + ".x", "inventory.*", "") + "\"";
            case 2 -> j.string(9_000);
            default -> "\"" + tool.replace('.', '\u2024') + "\""; // ONE DOT LEADER, looks like a dot
        };
        return new Call(tool, action,
                j.chance(0.1) ? (j.chance(0.8) ? j.string(200) : j.value(1, 200)) : null,
                j.chance(0.93) ? args(j, tool) : j.value(2, 2_000),
                j.chance(0.1) ? (j.chance(0.7) ? "{\"rationale\":" + j.string(500) + "}" : j.object(2, 300)) : null,
                j.chance(0.05) ? approvalId(j) : null,
                j.chance(0.03) ? j.key() + ":" + j.value(1, 100) : null);
    }

    /** Arguments shaped for the tool, their values lawful or not. */
    private static String args(HostileJson j, String tool) {
        List<String> members = new ArrayList<>();
        switch (tool) {
            case "inventory.read" -> member(j, members, "sku", j.chance(0.5) ? sku(j) : j.string(64));
            case "customer.reply" -> {
                member(j, members, "ticket_id", j.chance(0.7) ? "\"T-" + j.random().nextInt(1000) + "\"" : j.string(64));
                member(j, members, "message", j.chance(0.1) ? "\"" + "m".repeat(3_990 + j.random().nextInt(20)) + "\"" : j.string(20_000));
            }
            case "refund.process" -> {
                member(j, members, "order_id", "\"o-" + j.random().nextInt(100) + "\"");
                member(j, members, "amount", j.chance(0.5) ? BigDecimal.valueOf(j.random().nextInt(12_000), 2).toPlainString() : j.number());
                if (j.chance(0.5)) {
                    member(j, members, "currency", j.chance(0.7) ? "\"USD\"" : j.string(8));
                }
            }
            case "product.update_description" -> {
                member(j, members, "sku", sku(j));
                member(j, members, "description", j.string(12_000));
            }
            case "pricing.modify" -> {
                member(j, members, "sku", sku(j));
                member(j, members, "price", j.number());
            }
            default -> member(j, members, "customer_id", j.string(64));
        }
        if (j.chance(0.1)) {
            members.add(j.key() + ":" + j.value(2, 2_000));
        }
        return j.members(members);
    }

    private static void member(HostileJson j, List<String> members, String name, String value) {
        if (j.chance(0.95)) {
            members.add("\"" + name + "\":" + (j.chance(0.85) ? value : j.value(2, 1_000)));
        }
    }

    private static String sku(HostileJson j) {
        return "\"" + j.pick("A-1", "SKU-42", "X", "0", "-", "A".repeat(32), "A".repeat(33), "A-1\\n", "a-1", "A_1", "A-1 ", "")
                + "\"";
    }

    private static String approvalId(HostileJson j) {
        return switch (j.random().nextInt(4)) {
            case 0 -> "\"apr_" + "0".repeat(32) + "\"";
            case 1 -> "\"apr_" + Long.toHexString(j.random().nextLong()) + Long.toHexString(j.random().nextLong()) + "\"";
            case 2 -> j.string(100);
            default -> j.value(1, 100);
        };
    }

    /** What the quickstart's catalog and policies let support-bot do, written out by hand. */
    private static void quickstartAllows(AuditTrail.Entry e, long seed) {
        String what = "seed " + seed + ": allow " + AuditTrail.abbreviated(e.text());
        Map<String, Object> args = e.args();
        switch (e.get("action")) {
            case "inventory.read" -> {
                assertThat(args.keySet()).as(what).isEqualTo(Set.of("sku"));
                assertThat(args.get("sku")).as(what).isInstanceOf(String.class);
                String sku = (String) args.get("sku");
                assertThat(sku.length()).as(what).isBetween(1, 32);
                assertThat(sku.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')).as(what).isTrue();
            }
            case "customer.reply" -> {
                assertThat(args.keySet()).as(what).isEqualTo(Set.of("ticket_id", "message"));
                assertThat(args.get("ticket_id")).as(what).isInstanceOf(String.class);
                assertThat(args.get("message")).as(what).isInstanceOf(String.class);
                String message = (String) args.get("message");
                assertThat(message.codePointCount(0, message.length())).as(what).isLessThanOrEqualTo(4_000);
            }
            case "refund.process" -> {
                assertThat(e.get("approval_id")).as(what).isNotNull();
                assertThat(Set.of("order_id", "amount", "currency")).as(what).containsAll(args.keySet());
                assertThat(args.get("order_id")).as(what).isInstanceOf(String.class);
                assertThat(args.get("amount")).as(what).isInstanceOf(Number.class);
                BigDecimal amount = new BigDecimal(args.get("amount").toString());
                assertThat(amount).as(what).isGreaterThan(BigDecimal.ZERO).isLessThan(new BigDecimal(100));
                assertThat(args.getOrDefault("currency", "USD")).as(what).isEqualTo("USD");
            }
            case "product.update_description" -> {
                assertThat(e.get("approval_id")).as(what).isNotNull();
                assertThat(args.keySet()).as(what).isEqualTo(Set.of("sku", "description"));
                assertThat(args.get("sku")).as(what).isInstanceOf(String.class);
                assertThat(args.get("description")).as(what).isInstanceOf(String.class);
            }
            default -> throw new AssertionError(what + "\nthe quickstart never allows " + e.get("action"));
        }
    }
}
