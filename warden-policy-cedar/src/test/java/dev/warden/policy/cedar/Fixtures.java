package dev.warden.policy.cedar;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A small catalog, agents and helpers shared by the tests. */
final class Fixtures {
    static final Tool REFUND = new Tool("refund.process", "Refunds an order",
            Set.of(EffectClass.FINANCIAL, EffectClass.WRITE), RiskTier.HIGH, JsonSchema.of(Map.of(
                    "type", "object",
                    "properties", Map.of(
                            "amount", Map.of("type", "number"),
                            "order_id", Map.of("type", "string"),
                            "note", Map.of("type", "string"),
                            "multiplier", Map.of("type", "integer"),
                            "tags", Map.of("type", "array", "items", Map.of("type", "string"))),
                    "required", List.of("amount", "order_id"))), Optional.of("amount"));
    static final Tool INVENTORY = new Tool("inventory.read", "Reads stock levels", Set.of(EffectClass.READ),
            RiskTier.LOW, JsonSchema.of(Map.of(
                    "type", "object",
                    "properties", Map.of("sku", Map.of("type", "string")),
                    "required", List.of("sku"))), Optional.empty());
    static final Tool DELETE = new Tool("customer.delete", "Deletes a customer", Set.of(EffectClass.DESTRUCTIVE),
            RiskTier.CRITICAL, JsonSchema.of(Map.of(
                    "type", "object",
                    "properties", Map.of(
                            "customer_id", Map.of("type", "string"),
                            "hard", Map.of("type", "boolean")),
                    "required", List.of("customer_id"))), Optional.empty());
    static final Tool EMAIL = new Tool("email.send", "Sends an e-mail", Set.of(EffectClass.EXTERNAL, EffectClass.WRITE),
            RiskTier.MEDIUM, JsonSchema.of(Map.of(
                    "type", "object",
                    "properties", Map.of(
                            "to", Map.of("type", "string"),
                            "meta", Map.of("type", "object",
                                    "properties", Map.of(
                                            "priority", Map.of("type", "integer"),
                                            "labels", Map.of("type", "array", "items", Map.of("type", "string"))),
                                    "required", List.of("priority")),
                            "cc", Map.of("type", List.of("string", "null")),
                            "anything", Map.of(),
                            "mixed", Map.of("type", List.of("string", "integer"))),
                    "required", List.of("to"))), Optional.empty());
    static final ToolCatalog CATALOG = ToolCatalog.of(List.of(REFUND, INVENTORY, DELETE, EMAIL));

    static final Agent SUPPORT_BOT = agent("support-bot", MaturityLevel.SENIOR, "support");
    static final Agent INTERN_BOT = agent("intern-bot", MaturityLevel.INTERN, "support");
    static final Agent BILLING_BOT = agent("billing-bot", MaturityLevel.PRINCIPAL, "billing");

    private Fixtures() {
    }

    static Agent agent(String name, MaturityLevel level, String project) {
        return new Agent(new AgentId("warden.local", name), "alice@example.com", "tests", List.of("refund.process"),
                "1.0.0", "sha256:abc", project, "prod", level, AgentStatus.ACTIVE, List.of(), 0, Instant.EPOCH);
    }

    /** Loads one file named {@code test.cedar} holding the policies, one per line. */
    static CedarPolicyEngine engine(String... policies) {
        return CedarPolicyEngine.load(List.of(new PolicySource("test.cedar", String.join("\n", policies))), CATALOG);
    }

    static PolicyQuery query(Agent agent, Tool tool, Map<String, Object> args) {
        return new PolicyQuery(agent, "sess-1", tool, tool.name(), args);
    }

    static PolicyQuery refund(Agent agent, Object amount) {
        return query(agent, REFUND, Map.of("amount", amount, "order_id", "o-1"));
    }
}
