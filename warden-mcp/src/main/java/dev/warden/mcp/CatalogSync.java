package dev.warden.mcp;

import dev.warden.Warden;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.DecisionRules;
import dev.warden.policy.PolicyEngine;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps the decision catalog in step with the upstream tools. A gateway tool named in
 * {@code tools.yaml} keeps that entry (effects, risk, schema, impact field); any other gets the
 * configured default classification (by default write / high risk, never read) and an
 * any-object schema (the upstream validates its own arguments). Upstream annotations such as
 * {@code readOnlyHint} are not trusted. The catalog only grows: when tools are added the policies
 * are reloaded against the new catalog and swapped in with {@link Warden#updateRules}. If the
 * policies do not load against it, the old rules stay (the new tools remain unknown, so denied).
 */
final class CatalogSync {
    private static final System.Logger LOG = System.getLogger(CatalogSync.class.getName());
    private static final int MAX_DESCRIPTION = 200;

    private final Warden warden;
    private final Function<ToolCatalog, PolicyEngine> policyLoader;
    private final Set<EffectClass> defaultEffects;
    private final RiskTier defaultRisk;

    CatalogSync(Warden warden, Function<ToolCatalog, PolicyEngine> policyLoader, Set<EffectClass> defaultEffects,
                RiskTier defaultRisk) {
        this.warden = warden;
        this.policyLoader = policyLoader;
        this.defaultEffects = defaultEffects;
        this.defaultRisk = defaultRisk;
    }

    /** The catalog entry for a discovered tool that {@code tools.yaml} does not describe. */
    Tool defaultEntry(String name, String description) {
        String d = description == null ? "" : description.strip();
        if (d.length() > MAX_DESCRIPTION) {
            d = d.substring(0, MAX_DESCRIPTION) + "...";
        }
        return new Tool(name, "MCP upstream tool (default classification): " + d, defaultEffects, defaultRisk,
                JsonSchema.anyObject(), Optional.empty());
    }

    /** The synthesized read-only entry governing {@code resources/read} on one upstream. */
    static Tool resourceReadEntry(String prefix) {
        return new Tool(prefix + ".resources.read", "Read a resource of MCP upstream '" + prefix + "'",
                Set.of(EffectClass.READ), RiskTier.LOW, JsonSchema.anyObject(), Optional.empty());
    }

    /**
     * The synthesized read-only entry governing {@code prompts/get} on one upstream: a prompt is
     * content the server produces, and can embed its resources.
     */
    static Tool promptGetEntry(String prefix) {
        return new Tool(prefix + ".prompts.get", "Get a prompt of MCP upstream '" + prefix + "'",
                Set.of(EffectClass.READ), RiskTier.LOW, JsonSchema.anyObject(), Optional.empty());
    }

    /**
     * The synthesized entry governing the relay of {@code elicitation/create} or
     * {@code sampling/createMessage} from one upstream to the agent ({@link AgentRelay}): data
     * leaves the agent's side (the user's input, the model's output) for the upstream.
     */
    static Tool relayEntry(String prefix, String method) {
        boolean elicitation = McpSchema.METHOD_ELICITATION_CREATE.equals(method);
        return new Tool(AgentRelay.action(prefix, method), (elicitation ? "Relay an upstream's request for user input"
                : "Relay an upstream's request for a model completion") + " (MCP upstream '" + prefix + "') to the agent",
                Set.of(EffectClass.EXTERNAL), RiskTier.MEDIUM, JsonSchema.anyObject(), Optional.empty());
    }

    /**
     * Makes sure every given tool is in the catalog.
     *
     * @return true when the rules now cover all of them
     */
    synchronized boolean ensure(Collection<Tool> wanted, String reason) {
        ToolCatalog current = warden.rules().catalog();
        List<Tool> missing = wanted.stream().filter(t -> current.find(t.name()).isEmpty()).toList();
        if (missing.isEmpty()) {
            return true;
        }
        List<Tool> all = new ArrayList<>(current.tools());
        all.addAll(missing);
        ToolCatalog next = ToolCatalog.of(all);
        PolicyEngine engine;
        try {
            engine = policyLoader.apply(next);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "MCP gateway: policies do not load against the catalog with "
                    + missing.stream().map(Tool::name).toList() + "; those tools stay unknown (denied): " + e.getMessage());
            return false;
        }
        warden.updateRules(new DecisionRules(next, engine), reason + ": " + missing.stream().map(Tool::name).sorted().toList());
        return true;
    }
}
