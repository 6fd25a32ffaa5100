package dev.warden.testing;

import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.MaturityLevel;
import dev.warden.agent.Projects;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The catalog, projects and registrations shared by the core tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Read-only, low risk. */
    public static final String READ = "inventory.read";
    /** Write, low risk. */
    public static final String UPDATE = "inventory.update";
    /** External, medium risk. */
    public static final String EMAIL = "email.send";
    /** Write + financial, high risk. */
    public static final String REFUND = "payments.refund";
    /** Destructive, critical risk. */
    public static final String DROP = "db.drop";
    /** Write, low risk; never in the default capability manifest. */
    public static final String RESET = "admin.reset";

    /** Capabilities every test agent claims unless told otherwise. */
    public static final List<String> CAPABILITIES = List.of("inventory.*", EMAIL, REFUND, DROP);

    public static ToolCatalog catalog() {
        return ToolCatalog.of(List.of(
                tool(READ, Set.of(EffectClass.READ), RiskTier.LOW, Map.of(
                        "type", "object",
                        "properties", Map.of("sku", Map.of("type", "string", "minLength", 1L)),
                        "required", List.of("sku"),
                        "additionalProperties", false)),
                tool(UPDATE, Set.of(EffectClass.WRITE), RiskTier.LOW, Map.of(
                        "type", "object",
                        "properties", Map.of(
                                "sku", Map.of("type", "string"),
                                "qty", Map.of("type", "integer", "minimum", 0L)),
                        "required", List.of("sku", "qty"),
                        "additionalProperties", false)),
                tool(EMAIL, Set.of(EffectClass.EXTERNAL), RiskTier.MEDIUM, Map.of("type", "object")),
                new Tool(REFUND, "refund an order", Set.of(EffectClass.WRITE, EffectClass.FINANCIAL), RiskTier.HIGH,
                        JsonSchema.of(Map.of(
                                "type", "object",
                                "properties", Map.of(
                                        "order_id", Map.of("type", "string"),
                                        "amount", Map.of("type", "number", "exclusiveMinimum", 0L)),
                                "required", List.of("order_id", "amount"))),
                        Optional.of("amount")),
                tool(DROP, Set.of(EffectClass.DESTRUCTIVE), RiskTier.CRITICAL, Map.of("type", "object")),
                tool(RESET, Set.of(EffectClass.WRITE), RiskTier.LOW, Map.of("type", "object"))));
    }

    public static Tool tool(String name, Set<EffectClass> effects, RiskTier risk, Map<String, Object> schema) {
        return new Tool(name, name + " (test)", effects, risk, JsonSchema.of(schema), Optional.empty());
    }

    public static Projects projects() {
        return new Projects(Map.of("shop", Set.of("prod", "dev"), "lab", Set.of("dev")));
    }

    /** A syntactically valid Ed25519 public key (32 bytes). */
    public static AgentKey key(String kid) {
        byte[] raw = new byte[32];
        raw[0] = (byte) kid.hashCode();
        return new AgentKey(kid, Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    }

    public static AgentRegistration registration(String name, Optional<MaturityLevel> level, List<String> capabilities) {
        return new AgentRegistration(name, "alice@example.com", "keeps the shop stocked", capabilities, "1.0.0",
                "sha256:" + "ab".repeat(32), "shop", "prod", level, List.of(key("k1")));
    }

    public static AgentRegistration registration(String name) {
        return registration(name, Optional.empty(), CAPABILITIES);
    }
}
