package dev.warden.server.config;

import dev.warden.WardenException;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.MaturityLevel;
import dev.warden.agent.Projects;
import dev.warden.catalog.Compensation;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.breaker.BreakerConfig;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.incident.ResponsePolicy;
import dev.warden.limits.LimitsConfig;
import dev.warden.mcp.McpGatewayConfig;
import dev.warden.policy.PolicySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads and validates a config directory: {@code warden.yaml}, {@code tools.yaml} and
 * {@code policies/*.cedar}. Every problem is reported with file and line; nothing half-loads.
 */
public final class ConfigLoader {
    private static final Set<String> TOP = Set.of("trust_domain", "issuer", "projects", "tokens", "approvals", "http",
            "audit", "agents", "mcp", "limits", "alerts", "breakers", "behavior", "responses", "data");
    private static final Set<String> AGENT_KEYS = Set.of("name", "owner", "purpose", "capabilities", "version",
            "config_digest", "project", "environment", "level", "level_reason");
    private static final Set<String> TOOL_KEYS = Set.of("name", "description", "effects", "risk", "input_schema",
            "impact_field", "compensate_with", "produces", "output");
    private static final Set<String> COMPENSATION_KEYS = Set.of("tool", "args");

    private ConfigLoader() {
    }

    /**
     * Loads a config directory.
     *
     * @throws ConfigException naming file and line of the first problem
     */
    public static WardenConfig load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir.toString(), 0, "config directory does not exist");
        }
        YamlNode root = YamlNode.parse(dir.resolve("warden.yaml"));
        root.allowOnly(withPeople(TOP));
        String trustDomain = root.get("trust_domain").map(YamlNode::string).orElse("warden.local");
        try {
            new AgentId(trustDomain, "probe");
        } catch (WardenException e) {
            throw root.require("trust_domain").error(e.getMessage());
        }
        String issuer = root.get("issuer").map(YamlNode::string).orElse("urn:warden:" + trustDomain);
        Projects projects = projects(root.require("projects"));
        SodConfigLoader.load(dir, projects); // checked with the rest; the server reads it again where approvals are wired
        OperatorsConfigLoader.oidc(dir); // likewise, read again where sign-in is wired
        OperatorsConfigLoader.client(dir, System::getenv); // likewise (the console's OIDC client and its secret)
        MaturityConfigLoader.load(dir); // likewise, read again where incidents are wired
        ApproverGroupsLoader.load(dir); // likewise
        ApprovalReviewLoader.load(dir); // likewise
        Duration tokenTtl = Duration.ofSeconds(section(root, "tokens", Set.of("ttl_seconds"))
                .flatMap(t -> t.get("ttl_seconds")).map(n -> n.integer(30, 3600)).orElse(300L));
        Duration approvalTtl = Duration.ofSeconds(section(root, "approvals", Set.of("ttl_seconds", "groups", "review"))
                .flatMap(t -> t.get("ttl_seconds")).map(n -> n.integer(10, 7 * 86400)).orElse(3600L));
        long maxBody = section(root, "http", Set.of("max_body_bytes", "public_url"))
                .flatMap(t -> t.get("max_body_bytes")).map(n -> n.integer(1024, 16L << 20)).orElse(65_536L);
        boolean powerLossSafe = section(root, "audit", AuditSettings.KEYS).flatMap(t -> t.get("durability"))
                .map(ConfigLoader::durability).orElse(false);
        Map<String, dev.warden.scan.OutputRule> toolOutputs = new LinkedHashMap<>();
        ToolCatalog catalog = tools(YamlNode.parse(dir.resolve("tools.yaml")), toolOutputs);
        List<SeedAgent> seeds = root.get("agents").map(a -> seeds(a, projects, catalog)).orElse(List.of());
        Map<String, String> digests = new LinkedHashMap<>();
        List<PolicySource> policies = policies(dir.resolve("policies"), digests);
        Optional<McpGatewayConfig> mcp = root.get("mcp").map(m -> McpConfigLoader.mcp(m, dir));
        // the limits entry rides in the policy context only when a policy reads it: it would split the verdict memo
        boolean policiesReadLimits = policies.stream().anyMatch(p -> p.text().contains("context.limits"));
        LimitsConfig limits = root.get("limits").map(l -> LimitsLoader.load(l, catalog, projects))
                .orElse(LimitsConfig.NONE).withPolicyContext(policiesReadLimits);
        BreakerConfig breakers = root.get("breakers").map(b -> BreakerConfigLoader.breakers(b, catalog, mcp))
                .orElse(BreakerConfig.DEFAULTS);
        BehaviorConfig behavior = root.get("behavior").map(BehaviorConfigLoader::behavior).orElse(BehaviorConfig.DEFAULTS);
        ResponsePolicy responses = root.get("responses").map(ResponsesLoader::load).orElse(ResponsePolicy.SEED);
        dev.warden.scan.DataRules data = DataConfigLoader.load(root.get("data"), toolOutputs, projects, catalog, mcp);
        return new WardenConfig(trustDomain, issuer, projects, tokenTtl, approvalTtl, maxBody, powerLossSafe, seeds,
                catalog, policies, digests, mcp, limits, breakers, behavior, responses, data);
    }

    /** The top-level keys plus the people sections read on their own ({@link SodConfigLoader}). */
    private static Set<String> withPeople(Set<String> top) {
        Set<String> all = new java.util.HashSet<>(top);
        all.add(SodConfigLoader.SECTION);
        all.add(OperatorsConfigLoader.SECTION);
        all.add(MaturityConfigLoader.SECTION);
        return all;
    }

    private static Optional<YamlNode> section(YamlNode root, String key, Set<String> allowed) {
        Optional<YamlNode> s = root.get(key);
        s.ifPresent(n -> n.allowOnly(allowed));
        return s;
    }

    private static boolean durability(YamlNode n) {
        return switch (n.string()) {
            case "process_crash" -> false;
            case "power_loss" -> true;
            default -> throw n.error("must be process_crash or power_loss");
        };
    }

    private static Projects projects(YamlNode node) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String name : node.keys()) {
            YamlNode envs = node.require(name);
            if (!name.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
                throw envs.error("project names are lower-case letters, digits, '-' and '_'");
            }
            List<String> list = envs.strings();
            if (list.isEmpty()) {
                throw envs.error("list at least one environment");
            }
            out.put(name, new LinkedHashSet<>(list));
        }
        if (out.isEmpty()) {
            throw node.error("configure at least one project");
        }
        return new Projects(out);
    }

    private static ToolCatalog tools(YamlNode root, Map<String, dev.warden.scan.OutputRule> outputs) {
        root.allowOnly(Set.of("tools"));
        List<Tool> tools = new ArrayList<>();
        Map<String, YamlNode> compensations = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (YamlNode t : root.require("tools").items()) {
            t.allowOnly(TOOL_KEYS);
            YamlNode nameNode = t.require("name");
            String name = nameNode.string();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
                throw nameNode.error("tool names are letters, digits, '.', '_', ':' and '-'");
            }
            if (!names.add(name)) {
                throw nameNode.error("duplicate tool name '" + name + "'");
            }
            Set<EffectClass> effects = new LinkedHashSet<>();
            for (YamlNode e : t.require("effects").items()) {
                try {
                    effects.add(EffectClass.parse(e.string()));
                } catch (IllegalArgumentException ex) {
                    throw e.error(ex.getMessage());
                }
            }
            if (effects.isEmpty()) {
                throw t.require("effects").error("list at least one effect");
            }
            YamlNode riskNode = t.require("risk");
            RiskTier risk;
            try {
                risk = RiskTier.parse(riskNode.string());
            } catch (IllegalArgumentException ex) {
                throw riskNode.error(ex.getMessage());
            }
            JsonSchema schema = t.get("input_schema").map(n -> schema(n, name)).orElse(JsonSchema.anyObject());
            Optional<String> impact = t.get("impact_field").map(YamlNode::string);
            if (impact.isPresent() && !schema.properties().containsKey(impact.get())) {
                throw t.require("impact_field").error("'" + impact.get() + "' is not a property of input_schema");
            }
            tools.add(new Tool(name, t.get("description").map(YamlNode::text).orElse(""), effects, risk, schema, impact,
                    Optional.empty(), produces(t)));
            t.get("compensate_with").ifPresent(c -> compensations.put(name, c));
            t.get("output").ifPresent(o -> outputs.put(name, DataConfigLoader.output(o, name)));
        }
        if (compensations.isEmpty()) {
            return ToolCatalog.of(tools);
        }
        // compensations may name tools listed further down, so they are read once every tool is known
        Map<String, Tool> byName = new LinkedHashMap<>();
        tools.forEach(tool -> byName.put(tool.name(), tool));
        List<Tool> withCompensations = new ArrayList<>();
        for (Tool tool : tools) {
            YamlNode node = compensations.get(tool.name());
            withCompensations.add(node == null ? tool : new Tool(tool.name(), tool.description(), tool.effects(),
                    tool.risk(), tool.inputSchema(), tool.impactField(), Optional.of(compensation(node, tool, byName)),
                    tool.produces()));
        }
        return ToolCatalog.of(withCompensations);
    }

    /** A tool's {@code produces}: the labels its allowed calls give the session, lower-case identifiers, no repeats. */
    private static Set<String> produces(YamlNode tool) {
        Optional<YamlNode> node = tool.get("produces");
        if (node.isEmpty()) {
            return Set.of();
        }
        Set<String> labels = new LinkedHashSet<>();
        for (YamlNode l : node.get().items()) {
            String label = l.string();
            if (!Tool.LABEL.matcher(label).matches()) {
                throw l.error("label '" + label + "' is not a lower-case identifier (a-z, then a-z, 0-9 or _; at most 64)");
            }
            if (!labels.add(label)) {
                throw l.error("label '" + label + "' is listed twice");
            }
        }
        return labels;
    }

    /**
     * A tool's {@code compensate_with}: {@code {tool: NAME, args: {TARGET: SOURCE}}} where SOURCE is
     * the name of an argument of the original call, or {@code {value: CONSTANT}}.
     */
    private static Compensation compensation(YamlNode node, Tool original, Map<String, Tool> tools) {
        if (!(node.plain() instanceof Map<?, ?>)) {
            throw node.error("must be a mapping: {tool: <tool name>, args: {<its argument>: <argument of this tool>"
                    + " or {value: <fixed value>}}}");
        }
        node.allowOnly(COMPENSATION_KEYS);
        YamlNode toolNode = node.require("tool");
        String name = toolNode.string();
        if (name.equals(original.name())) {
            throw toolNode.error("a tool cannot compensate itself");
        }
        Tool target = tools.get(name);
        if (target == null) {
            throw toolNode.error("'" + name + "' is not a tool in tools.yaml");
        }
        Map<String, Compensation.Source> args = new LinkedHashMap<>();
        YamlNode argsNode = node.require("args");
        for (String key : argsNode.keys()) {
            YamlNode source = argsNode.require(key);
            JsonSchema property = target.inputSchema().properties().get(key);
            if (property == null) {
                throw source.error("'" + key + "' is not a property of the input_schema of '" + name + "'");
            }
            if (source.plain() instanceof Map<?, ?>) {
                source.allowOnly(Set.of("value"));
                Object value = source.require("value").plain();
                List<String> problems = property.validate(value, key);
                if (!problems.isEmpty()) {
                    throw source.error("the constant does not fit '" + name + "': " + problems.getFirst());
                }
                args.put(key, new Compensation.Constant(value));
            } else {
                String from = source.string();
                if (!original.inputSchema().properties().containsKey(from)) {
                    throw source.error("'" + from + "' is not a property of the input_schema of '" + original.name()
                            + "' (map from an argument of the original call, or give {value: ...})");
                }
                args.put(key, new Compensation.FromArgument(from));
            }
        }
        for (String required : target.inputSchema().required()) {
            if (!args.containsKey(required)) {
                throw argsNode.error("'" + required + "' is required by the input_schema of '" + name + "' but not mapped");
            }
        }
        return new Compensation(name, args);
    }

    @SuppressWarnings("unchecked")
    private static JsonSchema schema(YamlNode node, String tool) {
        if (!(node.plain() instanceof Map<?, ?> map)) {
            throw node.error("must be a JSON Schema object");
        }
        try {
            JsonSchema schema = JsonSchema.of((Map<String, Object>) map);
            if (!schema.types().isEmpty() && !schema.types().equals(Set.of("object"))) {
                throw node.error("the input schema of a tool must have type: object");
            }
            return schema;
        } catch (IllegalArgumentException e) {
            throw node.error("tool '" + tool + "': " + e.getMessage());
        }
    }

    private static List<SeedAgent> seeds(YamlNode list, Projects projects, ToolCatalog catalog) {
        List<SeedAgent> out = new ArrayList<>();
        for (YamlNode a : list.items()) {
            a.allowOnly(AGENT_KEYS);
            YamlNode nameNode = a.require("name");
            try {
                AgentId.requireName(nameNode.string());
            } catch (WardenException e) {
                throw nameNode.error(e.getMessage());
            }
            YamlNode project = a.require("project");
            YamlNode env = a.require("environment");
            if (!projects.contains(project.string(), env.string())) {
                throw env.error("project/environment '" + project.string() + "/" + env.string() + "' is not configured");
            }
            for (YamlNode c : a.require("capabilities").items()) {
                String cap = c.string();
                if (!AgentRegistry.isKnownCapability(catalog, cap)) {
                    throw c.error("'" + cap + "' is not a tool in tools.yaml");
                }
            }
            MaturityLevel level;
            try {
                level = a.get("level").map(l -> MaturityLevel.parse(l.string())).orElse(MaturityLevel.INTERN);
            } catch (WardenException e) {
                throw a.require("level").error(e.getMessage());
            }
            String levelReason = a.get("level_reason").map(YamlNode::string).orElse("").trim();
            if (level != MaturityLevel.INTERN && levelReason.isEmpty()) {
                throw a.require("level").error("agent '" + nameNode.string() + "' starts at " + level.wire()
                        + ", above intern, without the promotion gates: add level_reason saying why");
            }
            out.add(new SeedAgent(nameNode.string(), a.require("owner").string(), a.require("purpose").string(),
                    a.require("capabilities").strings(), a.require("version").string(),
                    a.require("config_digest").string(), project.string(), env.string(), level, levelReason));
        }
        return out;
    }

    private static List<PolicySource> policies(Path dir, Map<String, String> digests) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<PolicySource> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".cedar")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(p);
                String name = p.getFileName().toString();
                out.add(new PolicySource(name, new String(bytes, StandardCharsets.UTF_8)));
                digests.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            }
            return out;
        } catch (IOException e) {
            throw new ConfigException(dir.toString(), 0, "cannot read policies: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
