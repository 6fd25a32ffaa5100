package dev.warden.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON Schema (draft 2020-12) restricted to the validation keywords Warden enforces:
 * {@code type, properties, required, additionalProperties (boolean), items, enum, const, minimum,
 * maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern, minItems, maxItems},
 * plus the annotations {@code title, description, default, examples, $schema, $id, format}.
 *
 * <p>Any other keyword is rejected when the schema is built, so a schema is never silently
 * enforced only in part. A {@code pattern} is an ECMA-262 regular expression, as JSON Schema
 * specifies, searched for anywhere in the string; one that is not ECMA-262, or whose meaning Warden
 * cannot check faithfully, is rejected when the schema is built. Values are the plain Java form of
 * JSON used throughout Warden: {@code Map<String,Object>}, {@code List<Object>}, {@code String},
 * {@code Boolean}, {@code Long} or {@link BigInteger} for integers, {@link BigDecimal} for other
 * numbers, and {@code null}.
 */
public final class JsonSchema {
    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties",
            "items", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
            "maxLength", "pattern", "minItems", "maxItems");
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "default", "examples", "$schema",
            "$id", "format", "$comment");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean", "null");
    private static final int MAX_VIOLATIONS = 10;

    private final Map<String, Object> node;
    private final Set<String> types;
    private final Map<String, JsonSchema> properties;
    private final List<String> required;
    private final boolean additionalProperties;
    private final JsonSchema items;
    private final EcmaPattern pattern;

    private JsonSchema(Map<String, Object> node, String path) {
        this.node = node;
        for (String key : node.keySet()) {
            if (!KEYWORDS.contains(key) && !ANNOTATIONS.contains(key)) {
                throw new IllegalArgumentException(path + ": unsupported JSON Schema keyword '" + key + "'");
            }
        }
        this.types = parseTypes(node.get("type"), path);
        this.properties = parseProperties(node.get("properties"), path);
        this.required = parseRequired(node.get("required"), path);
        Object additional = node.getOrDefault("additionalProperties", Boolean.TRUE);
        if (!(additional instanceof Boolean b)) {
            throw new IllegalArgumentException(path + ".additionalProperties: only true or false is supported");
        }
        this.additionalProperties = b;
        this.items = node.get("items") == null ? null : new JsonSchema(asObject(node.get("items"), path + ".items"), path + ".items");
        this.pattern = compile(node.get("pattern"), path);
        for (String k : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
            if (node.containsKey(k) && !(node.get(k) instanceof Number)) {
                throw new IllegalArgumentException(path + "." + k + ": must be a number");
            }
        }
        for (String k : List.of("minLength", "maxLength", "minItems", "maxItems")) {
            if (node.containsKey(k) && !(node.get(k) instanceof Long || node.get(k) instanceof Integer)) {
                throw new IllegalArgumentException(path + "." + k + ": must be an integer");
            }
        }
        if (node.containsKey("enum") && !(node.get("enum") instanceof List<?>)) {
            throw new IllegalArgumentException(path + ".enum: must be an array");
        }
    }

    /**
     * Builds a schema from its JSON form.
     *
     * @throws IllegalArgumentException naming the path of the first unsupported or malformed keyword
     */
    public static JsonSchema of(Map<String, Object> schema) {
        return new JsonSchema(java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(schema, "schema"))), "$");
    }

    /** A schema that accepts any JSON object. */
    public static JsonSchema anyObject() {
        return of(Map.of("type", "object"));
    }

    /** The schema's JSON form. */
    public Map<String, Object> json() {
        return node;
    }

    /** The declared properties of an object schema (empty if none). */
    public Map<String, JsonSchema> properties() {
        return properties;
    }

    /** The declared types (empty means any). */
    public Set<String> types() {
        return types;
    }

    /** Names of required properties. */
    public List<String> required() {
        return required;
    }

    /** The schema of array items, or null. */
    public JsonSchema items() {
        return items;
    }

    /**
     * Validates a value.
     *
     * @param value the value, in Warden's plain Java JSON form
     * @param path  the name to report for the root, e.g. {@code args}
     * @return violations such as {@code args.amount: expected number, got string}; empty when valid
     */
    public List<String> validate(Object value, String path) {
        List<String> out = new ArrayList<>();
        check(value, path, out);
        return out;
    }

    private void check(Object value, String path, List<String> out) {
        if (out.size() >= MAX_VIOLATIONS) {
            return;
        }
        String actual = typeOf(value);
        if (!types.isEmpty() && !types.contains(actual) && !(actual.equals("integer") && types.contains("number"))) {
            out.add(path + ": expected " + String.join(" or ", types) + ", got " + actual);
            return;
        }
        if (node.containsKey("const") && !jsonEquals(node.get("const"), value)) {
            out.add(path + ": must equal " + node.get("const"));
        }
        if (node.get("enum") instanceof List<?> allowed && allowed.stream().noneMatch(a -> jsonEquals(a, value))) {
            out.add(path + ": must be one of " + allowed);
        }
        switch (value) {
            case Map<?, ?> map -> checkObject(map, path, out);
            case List<?> list -> checkArray(list, path, out);
            case String s -> checkString(s, path, out);
            case Number n -> checkNumber(n, path, out);
            case null, default -> { }
        }
    }

    private void checkObject(Map<?, ?> map, String path, List<String> out) {
        for (String name : required) {
            if (!map.containsKey(name)) {
                out.add(path + "." + name + ": required");
            }
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            JsonSchema sub = properties.get(key);
            if (sub != null) {
                sub.check(e.getValue(), path + "." + key, out);
            } else if (!additionalProperties) {
                out.add(path + "." + key + ": not allowed");
            }
        }
    }

    private void checkArray(List<?> list, String path, List<String> out) {
        bound(list.size(), "minItems", "maxItems", "items", path, out);
        if (items != null) {
            for (int i = 0; i < list.size(); i++) {
                items.check(list.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private void checkString(String s, String path, List<String> out) {
        bound(s.codePointCount(0, s.length()), "minLength", "maxLength", "characters", path, out);
        if (pattern == null) {
            return;
        }
        boolean found;
        try {
            found = pattern.foundIn(s);
        } catch (StackOverflowError e) {
            // java.util.regex recurses per repetition of a group: a long argument can exhaust the stack, which must deny
            out.add(path + ": too long to check against pattern " + pattern.source());
            return;
        }
        if (!found) {
            out.add(path + ": does not match pattern " + pattern.source());
        }
    }

    private void checkNumber(Number n, String path, List<String> out) {
        BigDecimal v = decimal(n);
        compare(v, "minimum", c -> c >= 0, ">=", path, out);
        compare(v, "maximum", c -> c <= 0, "<=", path, out);
        compare(v, "exclusiveMinimum", c -> c > 0, ">", path, out);
        compare(v, "exclusiveMaximum", c -> c < 0, "<", path, out);
    }

    private void compare(BigDecimal v, String key, java.util.function.IntPredicate ok, String op, String path, List<String> out) {
        if (node.get(key) instanceof Number limit && !ok.test(v.compareTo(decimal(limit)))) {
            out.add(path + ": must be " + op + " " + limit);
        }
    }

    private void bound(int size, String minKey, String maxKey, String unit, String path, List<String> out) {
        if (node.get(minKey) instanceof Number min && size < min.longValue()) {
            out.add(path + ": at least " + min + " " + unit + " required");
        }
        if (node.get(maxKey) instanceof Number max && size > max.longValue()) {
            out.add(path + ": at most " + max + " " + unit + " allowed");
        }
    }

    /** The JSON type name of a value in Warden's plain Java JSON form. */
    public static String typeOf(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            case String s -> "string";
            case Boolean b -> "boolean";
            case Long l -> "integer";
            case Integer i -> "integer";
            case BigInteger i -> "integer";
            case BigDecimal d -> d.stripTrailingZeros().scale() <= 0 ? "integer" : "number";
            case Number n -> "number";
            default -> "unknown";
        };
    }

    private static BigDecimal decimal(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            default -> new BigDecimal(n.toString());
        };
    }

    private static boolean jsonEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        return Objects.equals(a, b);
    }

    private static Set<String> parseTypes(Object type, String path) {
        List<?> names = type == null ? List.of() : type instanceof List<?> l ? l : List.of(type);
        for (Object t : names) {
            if (!TYPES.contains(String.valueOf(t))) {
                throw new IllegalArgumentException(path + ".type: unknown type '" + t + "'");
            }
        }
        return names.stream().map(String::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static Map<String, JsonSchema> parseProperties(Object props, String path) {
        if (props == null) {
            return Map.of();
        }
        Map<String, JsonSchema> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> e : asObject(props, path + ".properties").entrySet()) {
            String p = path + ".properties." + e.getKey();
            out.put(String.valueOf(e.getKey()), new JsonSchema(asObject(e.getValue(), p), p));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static List<String> parseRequired(Object req, String path) {
        if (req == null) {
            return List.of();
        }
        if (!(req instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(path + ".required: must be an array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static EcmaPattern compile(Object p, String path) {
        if (p == null) {
            return null;
        }
        try {
            return EcmaPattern.compile(String.valueOf(p));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ".pattern: invalid regular expression: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object o, String path) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(path + ": must be an object");
    }
}
