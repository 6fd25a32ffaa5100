package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to the fields of a parsed JSON object; every error names the field.
 *
 * @param map    the object
 * @param prefix path prefix for nested objects (e.g. {@code context.}), empty at the top
 */
public record Fields(Map<String, Object> map, String prefix) {

    /** Fields of a top-level body. */
    public static Fields of(Map<String, Object> map) {
        return new Fields(map, "");
    }

    /** Rejects any field outside {@code allowed}. */
    public Fields allowOnly(Set<String> allowed) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new WardenException(ErrorCode.INVALID_FIELD, prefix + key + " is not a known field (known: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    /** A required non-blank string. */
    public String string(String name) {
        return optString(name).orElseThrow(() -> missing(name));
    }

    /** An optional string; present but not a string (or blank) is an error. */
    public Optional<String> optString(String name) {
        Object v = map.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw wrongType(name, "a string", v);
        }
        if (s.isBlank()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, prefix + name + " must not be empty");
        }
        if (s.length() > 8192) {
            throw new WardenException(ErrorCode.INVALID_FIELD, prefix + name + " is longer than 8192 characters");
        }
        return Optional.of(s);
    }

    /** An optional object. */
    @SuppressWarnings("unchecked")
    public Optional<Fields> optObject(String name) {
        Object v = map.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw wrongType(name, "an object", v);
        }
        return Optional.of(new Fields((Map<String, Object>) m, prefix + name + "."));
    }

    /** A required list of strings. */
    public List<String> strings(String name) {
        Object v = map.get(name);
        if (v == null) {
            throw missing(name);
        }
        if (!(v instanceof List<?> l)) {
            throw wrongType(name, "an array of strings", v);
        }
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String)) {
                throw new WardenException(ErrorCode.INVALID_FIELD, prefix + name + "[" + i + "] must be a string");
            }
        }
        return l.stream().map(String.class::cast).toList();
    }

    /** A required list of objects. */
    @SuppressWarnings("unchecked")
    public List<Fields> objects(String name) {
        Object v = map.get(name);
        if (v == null) {
            throw missing(name);
        }
        if (!(v instanceof List<?> l)) {
            throw wrongType(name, "an array of objects", v);
        }
        java.util.ArrayList<Fields> out = new java.util.ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Map<?, ?> m)) {
                throw new WardenException(ErrorCode.INVALID_FIELD, prefix + name + "[" + i + "] must be an object");
            }
            out.add(new Fields((Map<String, Object>) m, prefix + name + "[" + i + "]."));
        }
        return out;
    }

    /** The raw object under {@code name} (empty map when absent); must be an object if present. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> rawObject(String name) {
        Object v = map.get(name);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw wrongType(name, "an object", v);
        }
        return (Map<String, Object>) m;
    }

    private WardenException missing(String name) {
        return new WardenException(ErrorCode.MISSING_FIELD, prefix + name + " is required");
    }

    private WardenException wrongType(String name, String expected, Object v) {
        return new WardenException(ErrorCode.INVALID_FIELD, prefix + name + " must be " + expected + ", got "
                + dev.warden.catalog.JsonSchema.typeOf(v));
    }
}
