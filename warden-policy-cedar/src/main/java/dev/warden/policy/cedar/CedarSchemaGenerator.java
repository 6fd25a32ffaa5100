package dev.warden.policy.cedar;

import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.policy.PolicyLoadException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives the Cedar schema (JSON form, no namespace) from the tool catalog, together with the
 * per-tool {@link ToolBinding}s the evaluator uses, so the schema policies are validated against and
 * the values they see at run time come from one source.
 *
 * <p>JSON Schema to Cedar: {@code string}→String, {@code integer}→Long, {@code number} (also
 * {@code [integer, number]})→decimal, {@code boolean}→Bool, {@code array} with typed
 * {@code items}→Set, {@code object}→Record ({@code required} properties are required attributes).
 * A {@code "null"} alternative makes the attribute optional. Anything else (no type, other unions,
 * arrays without items, arrays of nullable items, the reserved names {@code __entity},
 * {@code __extn}, {@code __expr}) has no Cedar type and is left out: policies cannot refer to it,
 * and it is dropped from {@code context.args}.
 */
final class CedarSchemaGenerator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> RESERVED_NAMES = Set.of("__entity", "__extn", "__expr");
    /** Pseudo file name for problems with the catalog rather than with a policy file. */
    static final String CATALOG_SOURCE = "<tool catalog>";
    /** Pseudo file name for problems with the declared context entries. */
    static final String CONTEXT_SOURCE = "<context entries>";
    /** The context attributes every action has; a declared entry may not take one of these names. */
    static final Set<String> BUILT_IN_CONTEXT = Set.of("args", "effects", "grants", "risk", "risk_rank", "session", "tool");

    /**
     * The generated schema.
     *
     * @param json    the Cedar JSON schema
     * @param tools   the binding of every tool, by tool name
     * @param entries the Cedar type of every declared context entry, by name
     */
    record Generated(JsonNode json, Map<String, ToolBinding> tools, Map<String, CedarType> entries) {
    }

    private CedarSchemaGenerator() {
    }

    /** Generates the schema of a catalog, with no context entries declared. */
    static Generated generate(ToolCatalog catalog) {
        return generate(catalog, Map.of());
    }

    /**
     * Generates the schema of a catalog; each declared context entry is an optional attribute of
     * every action's context, typed from its JSON Schema as arguments are.
     *
     * @throws PolicyLoadException if a tool name collides with an effect action group, or an entry's
     *                             name is a built-in context attribute or its schema has no Cedar type
     */
    static Generated generate(ToolCatalog catalog, Map<String, JsonSchema> contextEntries) {
        Map<String, CedarType> entries = entryTypes(contextEntries);
        List<Tool> tools = new ArrayList<>(catalog.tools());
        tools.sort(Comparator.comparing(Tool::name));
        ObjectNode actions = JSON.objectNode();
        for (EffectClass effect : EffectClass.values()) {
            actions.set(CedarNames.effectGroup(effect), JSON.objectNode());
        }
        Map<String, ToolBinding> bindings = new LinkedHashMap<>();
        for (Tool tool : tools) {
            if (actions.has(tool.name())) {
                throw new PolicyLoadException(CATALOG_SOURCE, 0,
                        "tool name '" + tool.name() + "' collides with the action group of the same name");
            }
            ToolBinding binding = bind(tool);
            bindings.put(tool.name(), binding);
            actions.set(tool.name(), actionNode(tool, binding.args(), entries));
        }
        ObjectNode entityTypes = JSON.objectNode();
        entityTypes.set(CedarNames.AGENT, JSON.objectNode().set("shape", agentShape()));
        entityTypes.set(CedarNames.RESOURCE, JSON.objectNode());
        ObjectNode namespace = JSON.objectNode();
        namespace.set("entityTypes", entityTypes);
        namespace.set("actions", actions);
        ObjectNode root = JSON.objectNode();
        root.set("", namespace);
        return new Generated(root, bindings, entries);
    }

    private static Map<String, CedarType> entryTypes(Map<String, JsonSchema> declared) {
        Map<String, CedarType> entries = new java.util.TreeMap<>();
        declared.forEach((name, schema) -> {
            if (name == null || name.isBlank() || schema == null) {
                throw new PolicyLoadException(CONTEXT_SOURCE, 0, "a context entry needs a name and a schema, got '"
                        + name + "' with " + (schema == null ? "no schema" : "a schema"));
            }
            if (BUILT_IN_CONTEXT.contains(name) || RESERVED_NAMES.contains(name)) {
                throw new PolicyLoadException(CONTEXT_SOURCE, 0, "context entry '" + name
                        + "' clashes with a built-in context attribute (built-in: "
                        + String.join(", ", new java.util.TreeSet<>(BUILT_IN_CONTEXT)) + ")");
            }
            CedarType type = typeOf(schema);
            if (type == null) {
                throw new PolicyLoadException(CONTEXT_SOURCE, 0, "context entry '" + name
                        + "' has a schema with no Cedar type (use one type: string, integer, number, boolean,"
                        + " array with typed items, or object)");
            }
            entries.put(name, type);
        });
        return java.util.Collections.unmodifiableMap(entries);
    }

    /** The Cedar type of {@code context.args} for a tool's input schema. */
    static CedarType.RecordType argsType(JsonSchema schema) {
        return recordType(schema);
    }

    /** The Cedar type of a JSON Schema, or null when it has none. */
    static CedarType typeOf(JsonSchema schema) {
        Set<String> types = new HashSet<>(schema.types());
        types.remove("null");
        if (types.equals(Set.of("integer"))) {
            return new CedarType.LongType();
        }
        if (types.equals(Set.of("number")) || types.equals(Set.of("integer", "number"))) {
            return new CedarType.DecimalType();
        }
        if (types.equals(Set.of("string"))) {
            return new CedarType.StringType();
        }
        if (types.equals(Set.of("boolean"))) {
            return new CedarType.BoolType();
        }
        if (types.equals(Set.of("object"))) {
            return recordType(schema);
        }
        if (types.equals(Set.of("array")) && schema.items() != null && !nullable(schema.items())) {
            CedarType element = typeOf(schema.items());
            return element == null ? null : new CedarType.SetType(element);
        }
        return null;
    }

    private static CedarType.RecordType recordType(JsonSchema schema) {
        Map<String, CedarType.Attribute> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonSchema> property : new java.util.TreeMap<>(schema.properties()).entrySet()) {
            CedarType type = RESERVED_NAMES.contains(property.getKey()) ? null : typeOf(property.getValue());
            if (type != null) {
                boolean required = schema.required().contains(property.getKey()) && !nullable(property.getValue());
                attributes.put(property.getKey(), new CedarType.Attribute(type, required));
            }
        }
        return new CedarType.RecordType(attributes);
    }

    private static boolean nullable(JsonSchema schema) {
        return schema.types().contains("null");
    }

    private static ToolBinding bind(Tool tool) {
        Set<String> actionIds = new HashSet<>();
        actionIds.add(tool.name());
        List<Value> effects = new ArrayList<>();
        tool.effects().stream().sorted().forEach(effect -> {
            actionIds.add(CedarNames.effectGroup(effect));
            effects.add(new PrimString(effect.wire()));
        });
        Map<String, Value> fixed = Map.of(
                "effects", new CedarList(effects),
                "risk", new PrimString(tool.risk().wire()),
                "risk_rank", new PrimLong(tool.risk().ordinal() + 1L),
                "tool", new PrimString(tool.name()));
        return new ToolBinding(tool, CedarNames.ACTION_TYPE.of(tool.name()), actionIds, argsType(tool.inputSchema()), fixed);
    }

    private static ObjectNode actionNode(Tool tool, CedarType.RecordType args, Map<String, CedarType> entries) {
        ArrayNode memberOf = JSON.arrayNode();
        tool.effects().stream().sorted().forEach(e -> memberOf.add(JSON.objectNode().put("id", CedarNames.effectGroup(e))));
        Map<String, ObjectNode> attributes = new java.util.HashMap<>(Map.of(
                "args", schemaType(args),
                "effects", set(primitive("String")),
                "grants", set(primitive("String")), // ids of the agent's active grants covering the tool
                "risk", primitive("String"),
                "risk_rank", primitive("Long"),
                "session", record(Map.of("id", primitive("String"), "labels", set(primitive("String")))),
                "tool", primitive("String")));
        // Optional: a guard may leave an entry out of a call, so policies test it with `has`.
        entries.forEach((name, type) -> attributes.put(name, schemaType(type).put("required", false)));
        ObjectNode context = record(attributes);
        ObjectNode appliesTo = JSON.objectNode();
        appliesTo.set("principalTypes", JSON.arrayNode().add(CedarNames.AGENT));
        appliesTo.set("resourceTypes", JSON.arrayNode().add(CedarNames.RESOURCE));
        appliesTo.set("context", context);
        ObjectNode action = JSON.objectNode();
        action.set("memberOf", memberOf);
        action.set("appliesTo", appliesTo);
        return action;
    }

    private static ObjectNode agentShape() {
        return record(Map.of(
                "name", primitive("String"),
                "owner", primitive("String"),
                "project", primitive("String"),
                "environment", primitive("String"),
                "level", primitive("String"),
                "level_rank", primitive("Long"),
                "version", primitive("String"),
                "capabilities", set(primitive("String"))));
    }

    private static ObjectNode schemaType(CedarType type) {
        return switch (type) {
            case CedarType.LongType t -> primitive("Long");
            case CedarType.DecimalType t -> JSON.objectNode().put("type", "Extension").put("name", "decimal");
            case CedarType.StringType t -> primitive("String");
            case CedarType.BoolType t -> primitive("Boolean");
            case CedarType.SetType t -> set(schemaType(t.element()));
            case CedarType.RecordType t -> {
                ObjectNode attributes = JSON.objectNode();
                t.attributes().forEach((name, attribute) ->
                        attributes.set(name, schemaType(attribute.type()).put("required", attribute.required())));
                yield JSON.objectNode().put("type", "Record").set("attributes", attributes);
            }
        };
    }

    private static ObjectNode record(Map<String, ObjectNode> requiredAttributes) {
        ObjectNode attributes = JSON.objectNode();
        requiredAttributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> attributes.set(e.getKey(), e.getValue()));
        return JSON.objectNode().put("type", "Record").set("attributes", attributes);
    }

    private static ObjectNode set(ObjectNode element) {
        return JSON.objectNode().put("type", "Set").set("element", element);
    }

    private static ObjectNode primitive(String name) {
        return JSON.objectNode().put("type", name);
    }
}
