package dev.warden.policy.cedar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.policy.MemoizingPolicyEngine;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicySource;
import dev.warden.policy.PolicyVerdict;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The memoized Cedar engine gives the same full verdict (decision, policy ids, approval ids, error
 * messages) as a plain Cedar engine over long random call sequences: repeated calls, calls that
 * differ in one argument, arguments Cedar cannot represent, wrong types, missing and extra fields,
 * unicode, and broken queries. The plain engine answers the calls in reverse order, so its own
 * verdicts are checked not to depend on the calls before them either.
 */
class MemoizedCedarEquivalenceTest {
    private static final int CALLS = 1000;

    private static final Tool GET_SUM = new Tool("everything.get-sum", "Add two numbers.", Set.of(EffectClass.READ),
            RiskTier.LOW, JsonSchema.of(Map.of("type", "object",
                    "properties", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")),
                    "required", List.of("a", "b"))), Optional.empty());
    private static final Tool DEPLOY = new Tool("deploy.run", "Deploys a service.",
            Set.of(EffectClass.WRITE, EffectClass.EXTERNAL), RiskTier.HIGH, JsonSchema.of(Map.of("type", "object",
                    "properties", Map.of(
                            "target", Map.of("type", "object",
                                    "properties", Map.of(
                                            "region", Map.of("type", "string"),
                                            "zones", Map.of("type", "array", "items", Map.of("type", "string")),
                                            "limits", Map.of("type", "object",
                                                    "properties", Map.of("cpu", Map.of("type", "integer"),
                                                            "mem", Map.of("type", "number")),
                                                    "required", List.of("cpu"))),
                                    "required", List.of("region")),
                            "steps", Map.of("type", "array", "items", Map.of("type", "object",
                                    "properties", Map.of("name", Map.of("type", "string"),
                                            "retries", Map.of("type", "integer")),
                                    "required", List.of("name", "retries"))),
                            "dry_run", Map.of("type", "boolean")),
                    "required", List.of("target"))), Optional.empty());
    private static final Tool UNKNOWN = new Tool("not.in.catalog", "x", Set.of(EffectClass.READ), RiskTier.LOW,
            JsonSchema.anyObject(), Optional.empty());
    private static final List<Tool> TOOLS = List.of(Fixtures.REFUND, Fixtures.INVENTORY, Fixtures.DELETE, Fixtures.EMAIL,
            GET_SUM, DEPLOY);
    private static final ToolCatalog CATALOG = ToolCatalog.of(TOOLS);

    private static final List<Agent> AGENTS = List.of(
            agent("desk-agent", MaturityLevel.JUNIOR, "demo", List.of("everything.get-sum")),
            agent("support-bot", MaturityLevel.SENIOR, "support", List.of("refund.process")),
            agent("support-bot", MaturityLevel.INTERN, "support", List.of("refund.process")),
            agent("intern-bot", MaturityLevel.INTERN, "support", List.of()),
            agent("billing-bot", MaturityLevel.PRINCIPAL, "billing", List.of("refund.process", "deploy.run")));
    private static final List<String> SESSIONS = List.of("sess-1", "sess-2", "blocked", "");
    private static final List<String> RESOURCES = List.of("orders/42", "orders/43", "deploy.run", "ресурс/ü", "");

    /** Policies that never read the context, as in the MCP gateway example: every verdict comes from agent, tool and resource. */
    private static final String NO_CONTEXT = """
            @id("demo-reads")
            permit(principal == Agent::"desk-agent", action in [Action::"everything.get-sum", Action::"inventory.read"], resource);
            @id("reads") permit(principal, action in Action::"effect:read", resource) when { principal.level_rank >= 2 };
            @id("refunds-need-approval") @approval("required")
            permit(principal, action == Action::"refund.process", resource) when { principal.project == "billing" };
            @id("deletes") permit(principal, action == Action::"customer.delete", resource);
            @id("deletes-principal-only")
            forbid(principal, action in Action::"effect:destructive", resource) unless { principal.level == "principal" };
            @id("order-43") forbid(principal, action, resource == Resource::"orders/43");
            @id("deploy") @approval("required")
            permit(principal, action == Action::"deploy.run", resource) when { principal.capabilities.contains("deploy.run") };
            """;

    /** Every tool's policies read context.args: limits, patterns, nested records, sets, errors in forbids and permits. */
    private static final String ARGS = """
            @id("refund-needs-approval") @approval("required") permit(principal, action == Action::"refund.process", resource)
            when { context.args.amount.lessThan(decimal("100.0")) };
            @id("refund-cap") forbid(principal, action == Action::"refund.process", resource)
            when { context.args.amount.greaterThanOrEqual(decimal("100.0")) };
            @id("refund-overflow") forbid(principal, action == Action::"refund.process", resource)
            when { context.args has multiplier && context.args.multiplier * 4611686018427387904 > 10 };
            @id("refund-vip") permit(principal, action == Action::"refund.process", resource)
            when { context.args has tags && context.args.tags.contains("vip") };
            @id("sum-small") permit(principal, action == Action::"everything.get-sum", resource)
            when { context.args.a.lessThan(decimal("1000.0")) && context.args.b.greaterThan(decimal("-1000.0")) };
            @id("sum-overflowing-permit") permit(principal, action == Action::"everything.get-sum", resource)
            when { context.args.a.greaterThan(decimal("5.0")) && 9223372036854775807 + principal.level_rank > 0 };
            @id("email-urgent") permit(principal, action == Action::"email.send", resource)
            when { context.args has meta && context.args.meta.priority > 2 && context.args.meta has labels
                   && context.args.meta.labels.contains("vip") };
            @id("email-evil-cc") forbid(principal, action == Action::"email.send", resource)
            when { context.args has cc && context.args.cc like "*@evil.example" };
            @id("email-evil-to") forbid(principal, action == Action::"email.send", resource)
            when { context.args.to like "*@evil.example" };
            @id("inventory-sku") permit(principal, action == Action::"inventory.read", resource)
            when { context.args.sku like "A-*" || context.args.sku == "\\u{1F600}" };
            @id("deploy-small") @approval("required") permit(principal, action == Action::"deploy.run", resource)
            when { context.args.target.region == "eu" && context.args.target has limits
                   && context.args.target.limits.cpu <= 8 };
            @id("deploy-mem") forbid(principal, action == Action::"deploy.run", resource)
            when { context.args.target has limits && context.args.target.limits has mem
                   && context.args.target.limits.mem.greaterThan(decimal("64.0")) };
            @id("deploy-drop") forbid(principal, action == Action::"deploy.run", resource)
            when { context.args has steps && context.args.steps.contains({name: "drop", retries: 0}) };
            @id("delete-hard") forbid(principal, action == Action::"customer.delete", resource)
            when { context.args has hard && context.args.hard };
            @id("delete") permit(principal, action == Action::"customer.delete", resource)
            when { context.args.customer_id like "c-*" };
            """;

    /** Some tools' policies read the context (arguments, session, risk), others' do not. */
    private static final String MIXED = """
            @id("reads") permit(principal, action in Action::"effect:read", resource);
            @id("read-43") forbid(principal, action in Action::"effect:read", resource == Resource::"orders/43");
            @id("email") permit(principal, action == Action::"email.send", resource) when { context.risk_rank <= 2 };
            @id("email-blocked-session") forbid(principal, action == Action::"email.send", resource)
            when { context.session.id == "blocked" };
            @id("refund-approval") @approval("required") permit(principal, action in Action::"effect:financial", resource)
            when { context.args.amount.lessThanOrEqual(decimal("50.0")) };
            @id("refund-interns") forbid(principal, action == Action::"refund.process", resource)
            when { principal.level == "intern" };
            @id("delete") @approval("required") permit(principal, action == Action::"customer.delete", resource);
            @id("delete-juniors") forbid(principal, action == Action::"customer.delete", resource)
            unless { principal.level_rank >= 3 };
            @id("deploy") permit(principal, action == Action::"deploy.run", resource == Resource::"deploy.run");
            """;

    /** Every tool's policies read the context, none its arguments. */
    private static final String CONTEXT_NOT_ARGS = """
            @id("low-risk") permit(principal, action, resource) when { context.risk_rank <= 2 };
            @id("high-risk") @approval("required") permit(principal, action, resource)
            when { context.risk_rank >= 3 && principal.level_rank >= 3 };
            @id("delete-own-session") forbid(principal, action, resource)
            when { context.tool == "customer.delete" && context.session.id != "sess-1" };
            @id("external-interns") forbid(principal, action, resource)
            when { context.effects.contains("external") && principal.level == "intern" };
            """;

    @Test
    void memoized_policiesWithoutContext_sameVerdictsAsPlain() {
        assertSameVerdicts(NO_CONTEXT, 11L, 10_000);
        assertSameVerdicts(NO_CONTEXT, 12L, 8);
    }

    @Test
    void memoized_policiesReadingArgs_sameVerdictsAsPlain() {
        assertSameVerdicts(ARGS, 21L, 10_000);
        assertSameVerdicts(ARGS, 22L, 8);
    }

    @Test
    void memoized_mixedPolicies_sameVerdictsAsPlain() {
        assertSameVerdicts(MIXED, 31L, 10_000);
        assertSameVerdicts(MIXED, 32L, 8);
    }

    @Test
    void memoized_policiesReadingContextButNotArgs_sameVerdictsAsPlain() {
        assertSameVerdicts(CONTEXT_NOT_ARGS, 41L, 10_000);
    }

    private static void assertSameVerdicts(String policies, long seed, int capacity) {
        Calls calls = new Calls(new Random(seed));
        List<PolicyQuery> sequence = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            sequence.add(calls.next());
        }
        CedarPolicyEngine plain = load(policies);
        PolicyVerdict[] expected = new PolicyVerdict[CALLS];
        for (int i = CALLS - 1; i >= 0; i--) {
            expected[i] = plain.evaluate(sequence.get(i));
        }
        Counting counting = new Counting(load(policies));
        MemoizingPolicyEngine memoized = new MemoizingPolicyEngine(counting, capacity);

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            PolicyVerdict got = memoized.evaluate(sequence.get(i));
            if (!got.equals(expected[i])) {
                mismatches.add("seed " + seed + ", call " + i + ": " + sequence.get(i) + "\n  plain:    " + expected[i]
                        + "\n  memoized: " + got);
            }
        }
        assertThat(mismatches).as("seed %d, capacity %d", seed, capacity).isEmpty();
        assertThat(Arrays.stream(expected).map(v -> v.getClass().getSimpleName()).distinct())
                .as("the sequence reaches every kind of verdict").hasSizeGreaterThanOrEqualTo(3);
        if (capacity >= CALLS) {
            assertThat(counting.evaluations.get()).as("calls Cedar evaluated").isLessThan(CALLS);
        }
    }

    private static CedarPolicyEngine load(String policies) {
        return CedarPolicyEngine.load(List.of(new PolicySource("random.cedar", policies)), CATALOG);
    }

    private static Agent agent(String name, MaturityLevel level, String project, List<String> capabilities) {
        return new Agent(new AgentId("warden.local", name), "alice@example.com", "tests", capabilities, "1.0.0",
                "sha256:abc", project, "prod", level, AgentStatus.ACTIVE, List.of(), 0, Instant.EPOCH);
    }

    /** Counts the calls that reach the engine behind the memo. */
    private static final class Counting implements PolicyEngine {
        private final PolicyEngine engine;
        private final AtomicInteger evaluations = new AtomicInteger();

        Counting(PolicyEngine engine) {
            this.engine = engine;
        }

        @Override
        public PolicyVerdict evaluate(PolicyQuery query) {
            evaluations.incrementAndGet();
            return engine.evaluate(query);
        }

        @Override
        public List<String> policyIds() {
            return engine.policyIds();
        }

        @Override
        public Optional<Object> verdictKey(PolicyQuery query) {
            return engine.verdictKey(query);
        }
    }

    /** Random calls: a third repeat an earlier call, some change one argument of one, the rest are new. */
    private static final class Calls {
        private static final List<String> STRINGS = List.of("", "a", "A-1", "A-\u00e9", "o-1", "c-7", "x", "eu", "us",
                "vip", "drop", "x@evil.example", "ok@good.example", "*@evil.example", "blocked", "\ud83d\ude00", "\ud800",
                "a\udc00b", "\u0000", "\ufffd", "\u05e9\u05dc\u05d5\u05dd", "e\u0301", "\u6f22\u5b57", "\"quoted\\\"",
                "line\nbreak");
        private static final List<String> EXTRA_NAMES = List.of("undeclared", "extra", "n\u00e4me", "__proto__", "args",
                "context", "");
        private final Random random;
        private final List<PolicyQuery> earlier = new ArrayList<>();

        Calls(Random random) {
            this.random = random;
        }

        PolicyQuery next() {
            PolicyQuery call;
            int roll = random.nextInt(100);
            if (roll < 35 && !earlier.isEmpty()) {
                call = earlier.get(random.nextInt(earlier.size()));
            } else if (roll < 50 && !earlier.isEmpty()) {
                call = changedArgument(earlier.get(random.nextInt(earlier.size())));
            } else {
                call = fresh();
            }
            earlier.add(call);
            return call;
        }

        private PolicyQuery fresh() {
            Tool tool = chance(2) ? UNKNOWN : pick(TOOLS);
            String session = chance(2) ? null : pick(SESSIONS);
            String resource = chance(2) ? null : chance(50) ? tool.name() : pick(RESOURCES);
            Map<String, Object> args = chance(2) ? null : object(tool.inputSchema(), 0);
            return new PolicyQuery(pick(AGENTS), session, tool, resource, args);
        }

        private PolicyQuery changedArgument(PolicyQuery call) {
            if (call.args() == null || call.args().isEmpty()) {
                return new PolicyQuery(pick(AGENTS), call.sessionId(), call.tool(), call.resource(), call.args());
            }
            Map<String, Object> args = new LinkedHashMap<>(call.args());
            List<String> names = new ArrayList<>(args.keySet());
            String name = pick(names);
            JsonSchema property = call.tool().inputSchema().properties().get(name);
            if (property == null || chance(15)) {
                args.remove(name);
            } else {
                args.put(name, value(property, 1));
            }
            return new PolicyQuery(call.agent(), call.sessionId(), call.tool(), call.resource(), args);
        }

        private Map<String, Object> object(JsonSchema schema, int depth) {
            Map<String, Object> out = new LinkedHashMap<>();
            schema.properties().forEach((name, property) -> {
                boolean required = schema.required().contains(name);
                if (chance(required ? 95 : 50)) {
                    out.put(name, value(property, depth + 1));
                }
            });
            if (chance(20)) {
                out.put(pick(EXTRA_NAMES), any(depth + 1));
            }
            return out;
        }

        private Object value(JsonSchema schema, int depth) {
            if (chance(8)) {
                return any(depth);
            }
            Set<String> types = schema.types();
            if (types.contains("null") && chance(20)) {
                return null;
            }
            if (types.contains("string")) {
                return string();
            }
            if (types.contains("integer")) {
                return integer();
            }
            if (types.contains("number")) {
                return number();
            }
            if (types.contains("boolean")) {
                return random.nextBoolean();
            }
            if (types.contains("object")) {
                return object(schema, depth);
            }
            if (types.contains("array") && schema.items() != null) {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(value(schema.items(), depth + 1));
                }
                return items;
            }
            return any(depth);
        }

        private Object any(int depth) {
            return switch (random.nextInt(depth > 3 ? 4 : 6)) {
                case 0 -> string();
                case 1 -> chance(50) ? integer() : number();
                case 2 -> random.nextBoolean();
                case 3 -> null;
                case 4 -> {
                    List<Object> items = new ArrayList<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        items.add(any(depth + 1));
                    }
                    yield items;
                }
                default -> {
                    Map<String, Object> map = new HashMap<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        map.put(pick(EXTRA_NAMES) + i, any(depth + 1));
                    }
                    yield map;
                }
            };
        }

        private String string() {
            if (chance(70)) {
                return pick(STRINGS);
            }
            StringBuilder out = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                out.append(pick(List.of("a", "Z", "-", "*", "@", "\u00e9", "\ud83d\ude00", "\u6f22", " ", "\\")));
            }
            return out.toString();
        }

        private Object integer() {
            return switch (random.nextInt(12)) {
                case 0 -> Long.MAX_VALUE;
                case 1 -> Long.MIN_VALUE;
                case 2 -> BigInteger.TWO.pow(63);
                case 3 -> BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE);
                case 4 -> BigInteger.TEN.pow(30);
                case 5 -> new BigDecimal(pick(List.of("7.000", "1E+3", "1e19", "2.5", "-0.0")));
                case 6 -> random.nextInt(5);
                case 7 -> (double) random.nextInt(10);
                default -> (long) random.nextInt(20) - 4;
            };
        }

        private Object number() {
            return switch (random.nextInt(14)) {
                case 0 -> new BigDecimal(pick(List.of("1e19", "1e400", "-1e400", "1E+15", "1e-30", "1E-4", "0.0001",
                        "0.00001", "9.99999")));
                case 1 -> new BigDecimal(pick(List.of("922337203685477.5807", "922337203685477.5808",
                        "-922337203685477.5808", "-922337203685477.5809", "922337203685477.58070000")));
                case 2 -> new BigDecimal(pick(List.of("0.123456789", "3.14159265358979323846264338327950288",
                        "99.99999999999999999999", "100.000000000000000000001")));
                case 3 -> new BigDecimal(BigInteger.valueOf(random.nextInt(2_000_001) - 1_000_000), random.nextInt(9) - 2);
                case 4 -> pick(List.of(0.1, (double) 0.1f, 1e300, -0.0, 5e-324, 100.0, 64.5, Double.NaN, Double.POSITIVE_INFINITY));
                case 5 -> pick(List.of(0.1f, 64.5f, 100f));
                case 6 -> BigInteger.TEN.pow(20);
                case 7 -> Long.MAX_VALUE;
                default -> new BigDecimal(pick(List.of("99.5", "100", "100.0", "100.00", "99.9999", "100.0001", "-3.25",
                        "5", "5.0", "64", "64.0001", "1000", "-1000", "42")));
            };
        }

        private boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }
    }
}
