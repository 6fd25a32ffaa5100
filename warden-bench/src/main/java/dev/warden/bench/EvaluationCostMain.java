package dev.warden.bench;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicySource;
import dev.warden.policy.PolicyVerdict;
import dev.warden.policy.cedar.CedarPolicyEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plain loop measuring the cost of one evaluation on a warmed Cedar engine with eight policies:
 * {@code java --enable-native-access=ALL-UNNAMED -cp warden-bench/target/benchmarks.jar dev.warden.bench.EvaluationCostMain}.
 */
public final class EvaluationCostMain {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Tool REFUND = new Tool("refund.process", "Refunds an order",
            Set.of(EffectClass.FINANCIAL, EffectClass.WRITE), RiskTier.HIGH, JsonSchema.of(Map.of(
                    "type", "object",
                    "properties", Map.of(
                            "amount", Map.of("type", "number"),
                            "order_id", Map.of("type", "string")),
                    "required", List.of("amount", "order_id"))), Optional.of("amount"));
    private static final Tool INVENTORY = new Tool("inventory.read", "Reads stock levels", Set.of(EffectClass.READ),
            RiskTier.LOW, JsonSchema.of(Map.of(
                    "type", "object",
                    "properties", Map.of("sku", Map.of("type", "string")),
                    "required", List.of("sku"))), Optional.empty());
    private static final Tool EMAIL = new Tool("email.send", "Sends an e-mail", Set.of(EffectClass.EXTERNAL, EffectClass.WRITE),
            RiskTier.MEDIUM, JsonSchema.of(Map.of(
                    "type", "object",
                    "properties", Map.of("to", Map.of("type", "string")),
                    "required", List.of("to"))), Optional.empty());
    private static final Tool DELETE = new Tool("customer.delete", "Deletes a customer", Set.of(EffectClass.DESTRUCTIVE),
            RiskTier.CRITICAL, JsonSchema.of(Map.of(
                    "type", "object",
                    "properties", Map.of("customer_id", Map.of("type", "string")),
                    "required", List.of("customer_id"))), Optional.empty());
    private static final Agent SUPPORT_BOT = new Agent(new AgentId("warden.local", "support-bot"), "alice@example.com",
            "tests", List.of("refund.process"), "1.0.0", "sha256:abc", "support", "prod", MaturityLevel.SENIOR,
            AgentStatus.ACTIVE, List.of(), 0, Instant.EPOCH);

    private EvaluationCostMain() {
    }

    /** Prints microseconds per evaluation for a few query shapes. */
    public static void main(String[] args) {
        CedarPolicyEngine engine = engine(
                "@id(\"refund-needs-approval\") @approval(\"required\") permit(principal, action == Action::\"refund.process\", resource)"
                        + " when { context.args.amount.lessThan(decimal(\"100.0\")) };",
                "@id(\"refund-cap\") forbid(principal, action == Action::\"refund.process\", resource)"
                        + " when { context.args.amount.greaterThanOrEqual(decimal(\"100.0\")) };",
                "@id(\"reads\") permit(principal, action in Action::\"effect:read\", resource);",
                "@id(\"no-interns-writing\") forbid(principal, action in Action::\"effect:write\", resource) when { principal.level == \"intern\" };",
                "@id(\"no-destructive\") forbid(principal, action in Action::\"effect:destructive\", resource) unless { principal.level_rank >= 4 };",
                "@id(\"email\") permit(principal, action == Action::\"email.send\", resource) when { context.args.to like \"*@example.com\" };",
                "@id(\"billing-only\") forbid(principal, action in Action::\"effect:financial\", resource) when { principal.project == \"marketing\" };",
                "@id(\"critical\") forbid(principal, action, resource) when { context.risk_rank > 3 && principal.level_rank < 2 };");
        List<PolicyQuery> queries = List.of(
                refund(SUPPORT_BOT, new BigDecimal("99.5")),
                refund(SUPPORT_BOT, 250L),
                query(SUPPORT_BOT, INVENTORY, Map.of("sku", "A-1")));
        for (PolicyQuery q : queries) {
            PolicyVerdict verdict = engine.evaluate(q);
            measure(engine, q, 20_000);
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            double micros = measure(engine, q, 100_000);
            double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / 100_000;
            System.out.printf("%-16s %-90s %7.1f us/op wall, %7.1f us/op cpu%n", q.tool().name(), verdict, micros, cpuMicros);
        }
    }

    private static CedarPolicyEngine engine(String... policies) {
        return CedarPolicyEngine.load(List.of(new PolicySource("test.cedar", String.join("\n", policies))),
                ToolCatalog.of(List.of(REFUND, INVENTORY, DELETE, EMAIL)));
    }

    private static PolicyQuery query(Agent agent, Tool tool, Map<String, Object> args) {
        return new PolicyQuery(agent, "sess-1", tool, tool.name(), args);
    }

    private static PolicyQuery refund(Agent agent, Object amount) {
        return query(agent, REFUND, Map.of("amount", amount, "order_id", "o-1"));
    }

    private static double measure(CedarPolicyEngine engine, PolicyQuery q, int n) {
        long start = System.nanoTime();
        int permits = 0;
        for (int i = 0; i < n; i++) {
            if (engine.evaluate(q) instanceof PolicyVerdict.Permit) {
                permits++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (permits < 0) {
            System.out.println(permits);
        }
        return elapsed / 1000.0 / n;
    }
}
