package dev.warden.server.config;

import dev.warden.WardenException;
import dev.warden.agent.AgentId;
import dev.warden.agent.MaturityLevel;
import dev.warden.agent.Projects;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.limits.AgentLimits;
import dev.warden.limits.Budget;
import dev.warden.limits.LimitsConfig;
import dev.warden.limits.MaxImpact;
import dev.warden.limits.Measure;
import dev.warden.limits.Rate;
import dev.warden.limits.ToolLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the {@code limits:} section of {@code warden.yaml} into a {@link LimitsConfig}; every
 * problem (a negative or non-numeric value, an unknown tool, project, level, unit or key) is a
 * {@link ConfigException} naming file and line. The format is documented in docs/configuration.md.
 */
final class LimitsLoader {
    private static final Set<String> SECTION = Set.of("defaults", "tools", "budgets", "projects", "agents");
    private static final Set<String> AGENT_VALUES = Set.of("rate", "rate_per_tool", "rate_per_session", "concurrency",
            "in_flight_timeout_seconds");
    private static final Set<String> AGENT_KEYS = union(AGENT_VALUES, Set.of("tools", "budgets"));
    private static final Set<String> TOOL_KEYS = Set.of("rate", "max_impact");
    private static final Set<String> BUDGET_KEYS = Set.of("tool", "effect", "measure", "argument", "max", "per");
    private static final Set<String> PROJECT_KEYS = Set.of("rate");

    private LimitsLoader() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    static LimitsConfig load(YamlNode node, ToolCatalog catalog, Projects projects) {
        node.allowOnly(SECTION);
        Map<String, ToolLimits> tools = node.get("tools").map(t -> tools(t, catalog)).orElse(Map.of());
        Map<String, Map<String, YamlNode>> budgetSpecs = new LinkedHashMap<>();
        Map<String, Budget> budgets = new LinkedHashMap<>();
        node.get("budgets").ifPresent(b -> {
            for (String name : b.keys()) {
                YamlNode spec = b.require(name);
                budgets.put(name, budget(name, fields(spec), spec, catalog));
                budgetSpecs.put(name, fields(spec));
            }
        });
        AgentLimits base = node.get("defaults").map(d -> {
            d.allowOnly(AGENT_VALUES);
            return values(d, Map.of(), Map.of());
        }).orElse(AgentLimits.NONE);
        AgentLimits defaults = new AgentLimits(base.rate(), base.ratePerTool(), base.ratePerSession(), base.concurrency(),
                base.inFlightTimeout(), tools, budgets);
        Map<String, Rate> projectRates = new LinkedHashMap<>();
        node.get("projects").ifPresent(p -> {
            for (String name : p.keys()) {
                YamlNode spec = p.require(name);
                if (!projects.containsProject(name)) {
                    throw spec.error("'" + name + "' is not a project of this config");
                }
                spec.allowOnly(PROJECT_KEYS);
                projectRates.put(name, rate(spec.require("rate")));
            }
        });
        Map<String, AgentLimits> agents = new LinkedHashMap<>();
        node.get("agents").ifPresent(a -> {
            for (String name : a.keys()) {
                YamlNode spec = a.require(name);
                try {
                    AgentId.requireName(name);
                } catch (WardenException e) {
                    throw spec.error(e.getMessage());
                }
                spec.allowOnly(AGENT_KEYS);
                Map<String, ToolLimits> own = spec.get("tools").map(t -> tools(t, catalog)).orElse(Map.of());
                Map<String, Budget> ownBudgets = new LinkedHashMap<>();
                spec.get("budgets").ifPresent(b -> {
                    for (String budget : b.keys()) {
                        YamlNode bs = b.require(budget);
                        Map<String, YamlNode> merged = new LinkedHashMap<>(budgetSpecs.getOrDefault(budget, Map.of()));
                        merged.putAll(fields(bs)); // an agent's value wins over the default budget's, key by key
                        ownBudgets.put(budget, budget(budget, merged, bs, catalog));
                    }
                });
                agents.put(name, values(spec, own, ownBudgets));
            }
        });
        return new LimitsConfig(defaults, agents, projectRates, false);
    }

    private static Map<String, YamlNode> fields(YamlNode spec) {
        spec.allowOnly(BUDGET_KEYS);
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (String k : spec.keys()) {
            spec.get(k).ifPresent(v -> out.put(k, v));
        }
        return out;
    }

    private static AgentLimits values(YamlNode spec, Map<String, ToolLimits> tools, Map<String, Budget> budgets) {
        Optional<Rate> rate = spec.get("rate").map(LimitsLoader::rate);
        Optional<Rate> perTool = spec.get("rate_per_tool").map(LimitsLoader::rate);
        Optional<Rate> perSession = spec.get("rate_per_session").map(LimitsLoader::rate);
        OptionalInt concurrency = spec.get("concurrency").map(n -> OptionalInt.of((int) n.integer(1, 100_000)))
                .orElse(OptionalInt.empty());
        Optional<Duration> timeout = spec.get("in_flight_timeout_seconds").map(n -> Duration.ofSeconds(n.integer(1, 7 * 86_400)));
        return new AgentLimits(rate, perTool, perSession, concurrency, timeout, tools, budgets);
    }

    private static Rate rate(YamlNode n) {
        try {
            return Rate.parse(n.string());
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static Map<String, ToolLimits> tools(YamlNode node, ToolCatalog catalog) {
        Map<String, ToolLimits> out = new LinkedHashMap<>();
        for (String name : node.keys()) {
            YamlNode spec = node.require(name);
            Tool tool = tool(spec, name, catalog);
            spec.allowOnly(TOOL_KEYS);
            Optional<MaxImpact> max = spec.get("max_impact").map(m -> maxImpact(m, tool));
            out.put(name, new ToolLimits(spec.get("rate").map(LimitsLoader::rate), max));
        }
        return out;
    }

    private static Tool tool(YamlNode at, String name, ToolCatalog catalog) {
        return catalog.find(name).orElseThrow(() -> at.error("'" + name + "' is not a tool in tools.yaml"));
    }

    private static MaxImpact maxImpact(YamlNode n, Tool tool) {
        if (tool.impactField().isEmpty()) {
            throw n.error("tool '" + tool.name() + "' has no impact_field in tools.yaml, so its calls have no impact to limit");
        }
        if (!(n.plain() instanceof Map<?, ?>)) {
            return MaxImpact.all(amount(n));
        }
        Map<MaturityLevel, BigDecimal> byLevel = new EnumMap<>(MaturityLevel.class);
        for (String level : n.keys()) {
            YamlNode v = n.require(level);
            try {
                byLevel.put(MaturityLevel.parse(level), amount(v));
            } catch (WardenException e) {
                throw v.error("unknown level '" + level + "' (intern, junior, senior, principal)");
            }
        }
        if (byLevel.isEmpty()) {
            throw n.error("list at least one level");
        }
        return new MaxImpact(byLevel);
    }

    /** A number, not negative. */
    private static BigDecimal amount(YamlNode n) {
        BigDecimal v;
        try {
            v = new BigDecimal(n.text().trim());
        } catch (NumberFormatException e) {
            throw n.error("must be a number");
        }
        if (v.signum() < 0) {
            throw n.error("must not be negative");
        }
        return v;
    }

    private static Budget budget(String name, Map<String, YamlNode> f, YamlNode at, ToolCatalog catalog) {
        Optional<Tool> tool = Optional.ofNullable(f.get("tool")).map(t -> tool(t, t.string(), catalog));
        Optional<EffectClass> effect = Optional.ofNullable(f.get("effect")).map(e -> {
            try {
                return EffectClass.parse(e.string());
            } catch (IllegalArgumentException ex) {
                throw e.error(ex.getMessage());
            }
        });
        Measure measure = Optional.ofNullable(f.get("measure")).map(m -> {
            try {
                return Measure.parse(m.string());
            } catch (IllegalArgumentException ex) {
                throw m.error(ex.getMessage());
            }
        }).orElse(Measure.CALLS);
        YamlNode maxNode = Optional.ofNullable(f.get("max")).orElseThrow(() -> at.error("max: is required"));
        YamlNode perNode = Optional.ofNullable(f.get("per")).orElseThrow(() -> at.error("per: is required"));
        Duration window;
        try {
            window = Rate.window(perNode.string());
        } catch (IllegalArgumentException e) {
            throw perNode.error(e.getMessage());
        }
        Optional<String> argument = Optional.ofNullable(f.get("argument")).map(YamlNode::string);
        if (measure == Measure.IMPACT) {
            if (tool.isEmpty()) {
                throw at.error("an impact budget names its tool (tool: ...)");
            }
            if (tool.get().impactField().isEmpty()) {
                throw f.get("tool").error("tool '" + tool.get().name() + "' has no impact_field in tools.yaml");
            }
        }
        if (measure == Measure.DISTINCT && argument.isEmpty()) {
            throw at.error("a distinct budget names the argument whose values it counts (argument: ...)");
        }
        if (measure != Measure.DISTINCT && argument.isPresent()) {
            throw f.get("argument").error("only a distinct budget names an argument");
        }
        if (argument.isPresent() && tool.isPresent() && !tool.get().inputSchema().properties().isEmpty()
                && !tool.get().inputSchema().properties().containsKey(argument.get())) {
            throw f.get("argument").error("'" + argument.get() + "' is not a property of the input_schema of " + tool.get().name());
        }
        BigDecimal max = amount(maxNode);
        if (measure != Measure.IMPACT && max.stripTrailingZeros().scale() > 0) {
            throw maxNode.error("must be a whole number");
        }
        try {
            return new Budget(name, tool.map(Tool::name), effect, measure, argument, max, window);
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
    }
}
