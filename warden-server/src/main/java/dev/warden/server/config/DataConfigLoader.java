package dev.warden.server.config;

import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.ToolCatalog;
import dev.warden.mcp.McpGatewayConfig;
import dev.warden.mcp.UpstreamConfig;
import dev.warden.scan.ClassRule;
import dev.warden.scan.DataAction;
import dev.warden.scan.DataClass;
import dev.warden.scan.DataRules;
import dev.warden.scan.EnabledDetectors;
import dev.warden.scan.OptionalDetectors;
import dev.warden.scan.OutputRule;
import dev.warden.scan.ScanLimits;
import dev.warden.agent.Projects;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the {@code data:} section of {@code warden.yaml} (actions per data class, per level and per
 * project; the optional detectors enabled for everyone, per level and per project; scan limits;
 * output checks of MCP gateway tools) and the {@code output:} key of tools in {@code tools.yaml}. An
 * unknown class, action, level, project, tool or optional detector is an error naming file and line.
 */
final class DataConfigLoader {
    static final Set<String> KEYS = Set.of("classes", "levels", "projects", "max_bytes", "max_depth",
            "detector_budget_ms", "optional_detector_budget_ms", "detectors", "outputs");
    /** The key, next to the classes of a level or project, listing the optional detectors it enables. */
    static final String DETECTORS = "detectors";
    static final Set<String> RULE_KEYS = Set.of("action", "threshold");
    static final Set<String> OUTPUT_KEYS = Set.of("schema", "max_bytes", "forbid");

    private DataConfigLoader() {
    }

    /**
     * The data rules.
     *
     * @param node      the {@code data:} section, if present
     * @param toolOutputs output checks read from tools.yaml, by tool
     */
    static DataRules load(Optional<YamlNode> node, Map<String, OutputRule> toolOutputs, Projects projects,
                          ToolCatalog catalog, Optional<McpGatewayConfig> mcp) {
        return load(node, toolOutputs, projects, catalog, mcp, OptionalDetectors.installed().offered().keySet());
    }

    /**
     * The data rules, with the ids of the optional detectors installed.
     *
     * @param optional the ids of the optional detectors on the class path
     */
    static DataRules load(Optional<YamlNode> node, Map<String, OutputRule> toolOutputs, Projects projects,
                          ToolCatalog catalog, Optional<McpGatewayConfig> mcp, Set<String> optional) {
        if (node.isEmpty()) {
            return new DataRules(Map.of(), Map.of(), Map.of(), ScanLimits.DEFAULTS, toolOutputs);
        }
        YamlNode n = node.get();
        n.allowOnly(KEYS);
        Map<DataClass, ClassRule> classes = n.get("classes").map(c -> classes(c, "data.classes")).orElse(Map.of());
        Optional<Set<String>> everyone = n.get(DETECTORS).map(d -> detectors(d, optional));
        Map<String, Set<String>> levelDetectors = new LinkedHashMap<>();
        Map<String, Set<String>> projectDetectors = new LinkedHashMap<>();
        Map<String, Map<DataClass, ClassRule>> levels = new LinkedHashMap<>();
        n.get("levels").ifPresent(l -> {
            for (String level : l.keys()) {
                try {
                    MaturityLevel.parse(level);
                } catch (RuntimeException e) {
                    throw l.errorAtKey(level, "'" + level + "' is not a maturity level (intern, junior, senior, principal)");
                }
                YamlNode rules = l.require(level);
                levels.put(level, classes(rules, "data.levels." + level));
                rules.get(DETECTORS).ifPresent(d -> levelDetectors.put(level, detectors(d, optional)));
            }
        });
        Map<String, Map<DataClass, ClassRule>> byProject = new LinkedHashMap<>();
        n.get("projects").ifPresent(p -> {
            for (String project : p.keys()) {
                if (!projects.containsProject(project)) {
                    throw p.errorAtKey(project, "'" + project + "' is not a project of the projects section");
                }
                YamlNode rules = p.require(project);
                byProject.put(project, classes(rules, "data.projects." + project));
                rules.get(DETECTORS).ifPresent(d -> projectDetectors.put(project, detectors(d, optional)));
            }
        });
        ScanLimits limits = new ScanLimits(
                (int) n.get("max_bytes").map(v -> v.integer(1024, 64L << 20)).orElse((long) ScanLimits.DEFAULTS.maxBytes()).longValue(),
                (int) n.get("max_depth").map(v -> v.integer(1, 256)).orElse((long) ScanLimits.DEFAULTS.maxDepth()).longValue(),
                n.get("detector_budget_ms").map(v -> Duration.ofMillis(v.integer(1, 60_000)))
                        .orElse(ScanLimits.DEFAULTS.detectorBudget()),
                n.get("optional_detector_budget_ms").map(v -> Duration.ofMillis(v.integer(1, 600_000)))
                        .orElse(ScanLimits.DEFAULTS.optionalBudget()));
        Map<String, OutputRule> outputs = new LinkedHashMap<>(toolOutputs);
        n.get("outputs").ifPresent(o -> {
            List<UpstreamConfig> upstreams = mcp.map(McpGatewayConfig::upstreams).orElse(List.of());
            for (String tool : o.keys()) {
                boolean gatewayTool = upstreams.stream().anyMatch(u -> tool.startsWith(u.prefix() + "."));
                if (catalog.find(tool).isEmpty() && !gatewayTool) {
                    throw o.errorAtKey(tool, "'" + tool + "' is not a tool in tools.yaml nor of a configured MCP upstream");
                }
                if (outputs.containsKey(tool)) {
                    throw o.errorAtKey(tool, "the output of '" + tool + "' is already checked by its output: in tools.yaml");
                }
                outputs.put(tool, output(o.require(tool), tool));
            }
        });
        return new DataRules(classes, levels, byProject, limits, outputs,
                new EnabledDetectors(everyone, levelDetectors, projectDetectors));
    }

    /** A list of optional detector ids, each one installed. */
    private static Set<String> detectors(YamlNode node, Set<String> optional) {
        Set<String> out = new LinkedHashSet<>();
        for (YamlNode item : node.items()) {
            String id = item.string();
            if (!optional.contains(id)) {
                throw item.error("no optional detector '" + id + "' is installed ("
                        + (optional.isEmpty() ? "none is" : "installed: " + String.join(", ", new TreeSet<>(optional)))
                        + "; the shipped rule detectors always run and are not listed here)");
            }
            out.add(id);
        }
        return out;
    }

    /** A mapping of class to action ({@code email: mask}) or to {@code {action, threshold}}. */
    private static Map<DataClass, ClassRule> classes(YamlNode node, String source) {
        Map<DataClass, ClassRule> out = new EnumMap<>(DataClass.class);
        for (String key : node.keys()) {
            if (key.equals(DETECTORS) && !source.equals("data.classes")) {
                continue; // read by the caller
            }
            DataClass c = DataClass.byId(key).orElseThrow(() -> node.errorAtKey(key, "unknown data class '" + key
                    + "' (known: " + Arrays.stream(DataClass.values()).map(DataClass::id).collect(Collectors.joining(", ")) + ")"));
            YamlNode v = node.require(key);
            String actionText;
            double threshold = c == DataClass.TOXICITY ? 0.7 : 0.0;
            YamlNode actionNode = v;
            if (v.isScalar()) {
                actionText = v.string();
            } else {
                v.allowOnly(RULE_KEYS);
                actionNode = v.require("action");
                actionText = actionNode.string();
                Optional<YamlNode> t = v.get("threshold");
                if (t.isPresent()) {
                    threshold = t.get().decimal(0.0, 1.0);
                }
            }
            YamlNode at = actionNode;
            DataAction action = DataAction.byId(actionText).orElseThrow(() -> at.error("unknown action '" + actionText
                    + "' (known: detect, mask, hash, block)"));
            out.put(c, new ClassRule(action, threshold, source + "." + c.id()));
        }
        return out;
    }

    /** One tool's output checks: {@code schema}, {@code max_bytes}, {@code forbid}. */
    @SuppressWarnings("unchecked")
    static OutputRule output(YamlNode node, String tool) {
        node.allowOnly(OUTPUT_KEYS);
        Optional<JsonSchema> schema = Optional.empty();
        Optional<YamlNode> s = node.get("schema");
        if (s.isPresent()) {
            if (!(s.get().plain() instanceof Map<?, ?> map)) {
                throw s.get().error("must be a JSON Schema object");
            }
            try {
                schema = Optional.of(JsonSchema.of((Map<String, Object>) map));
            } catch (IllegalArgumentException e) {
                throw s.get().error("tool '" + tool + "': " + e.getMessage());
            }
        }
        OptionalLong max = node.get("max_bytes").map(v -> OptionalLong.of(v.integer(1, 1L << 30))).orElse(OptionalLong.empty());
        Set<DataClass> forbid = EnumSet.noneOf(DataClass.class);
        node.get("forbid").ifPresent(f -> {
            for (YamlNode item : f.items()) {
                String id = item.string();
                forbid.add(DataClass.byId(id).orElseThrow(() -> item.error("unknown data class '" + id + "'")));
            }
        });
        return new OutputRule(schema, max, forbid, tool + ".output");
    }
}
