package dev.warden.grant;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One constraint a grant puts on the arguments of the calls it covers, e.g. {@code amount < 50} or
 * {@code customer.id == "c-9"}. Comparison is typed: numbers compare with numbers (any JSON number
 * form, by value), strings with strings (by code point), booleans only with {@code ==} and
 * {@code !=}. An argument that is missing, {@code null}, or not comparable with the value (a string
 * where the value is a number, a number against a string) does not satisfy the condition, whatever
 * the operator: a grant fails closed.
 *
 * @param path  a dotted path into the arguments ({@code amount}, {@code customer.id}); each segment a
 *              key of a JSON object
 * @param op    the operator
 * @param value a string, number or boolean; for {@link Op#IN} a non-empty list of those
 */
public record ArgCondition(String path, Op op, Object value) {
    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]{0,63}(\\.[A-Za-z_][A-Za-z0-9_\\-]{0,63}){0,7}");
    /** The most values an {@code in} condition takes. */
    public static final int MAX_IN_VALUES = 100;

    /** A comparison operator. */
    public enum Op {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The wire form: {@code == != < <= > >= in}. */
        public String symbol() {
            return symbol;
        }

        /**
         * Parses the wire form.
         *
         * @throws IllegalArgumentException naming the valid operators
         */
        public static Op parse(String text) {
            for (Op op : values()) {
                if (op.symbol.equals(text == null ? null : text.strip().toLowerCase(Locale.ROOT))) {
                    return op;
                }
            }
            throw new IllegalArgumentException("op must be one of == != < <= > >= in, got '" + text + "'");
        }
    }

    /**
     * Checks the condition.
     *
     * @throws IllegalArgumentException naming what is wrong: a malformed path, a value that is not a
     *                                  string, number or boolean, an ordering of a boolean, an
     *                                  {@code in} without a non-empty list
     */
    public ArgCondition {
        Objects.requireNonNull(op, "op");
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("arg must be a dotted argument path such as amount or customer.id, got '"
                    + path + "'");
        }
        if (op == Op.IN) {
            if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_IN_VALUES) {
                throw new IllegalArgumentException("value of an 'in' condition must be a list of 1 to " + MAX_IN_VALUES + " values");
            }
            for (Object v : list) {
                requireScalar(v);
            }
            value = List.copyOf(list);
        } else {
            requireScalar(value);
            if (value instanceof Boolean && op != Op.EQ && op != Op.NE) {
                throw new IllegalArgumentException("a boolean value compares only with == or !=");
            }
        }
    }

    private static void requireScalar(Object v) {
        if (!(v instanceof String || v instanceof Boolean || v instanceof Number n && decimal(n) != null)) {
            throw new IllegalArgumentException("value must be a string, a finite number or a boolean, got "
                    + (v == null ? "null" : v.getClass().getSimpleName()));
        }
    }

    /** Whether the call's arguments satisfy the condition (false for a missing or non-comparable argument). */
    public boolean test(Map<String, Object> args) {
        Object actual = at(args, path);
        if (actual == null) {
            return false;
        }
        if (op == Op.IN) {
            for (Object v : (List<?>) value) {
                Integer c = compare(actual, v);
                if (c != null && c == 0) {
                    return true;
                }
            }
            return false;
        }
        Integer c = compare(actual, value);
        if (c == null) {
            return false;
        }
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case IN -> false; // handled above
        };
    }

    /** The value at a dotted path, or null when a segment is missing or not an object. */
    private static Object at(Map<String, Object> args, String path) {
        Object current = args;
        int start = 0;
        while (true) {
            int dot = path.indexOf('.', start);
            String key = dot < 0 ? path.substring(start) : path.substring(start, dot);
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
            if (dot < 0) {
                return current;
            }
            start = dot + 1;
        }
    }

    /**
     * Compares an argument with a value of the same kind: negative, zero or positive; null when they
     * are of different kinds, or booleans that differ (which have no order, only inequality).
     */
    private static Integer compare(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number e) {
            BigDecimal x = decimal(a);
            BigDecimal y = decimal(e);
            return x == null || y == null ? null : x.compareTo(y);
        }
        if (actual instanceof String a && expected instanceof String e) {
            return a.compareTo(e);
        }
        if (actual instanceof Boolean a && expected instanceof Boolean e) {
            return a.equals(e) ? 0 : 1;
        }
        return null;
    }

    private static BigDecimal decimal(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case java.math.BigInteger b -> new BigDecimal(b);
            case Double d -> Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
            case Float f -> Float.isFinite(f) ? BigDecimal.valueOf(f.doubleValue()) : null;
            default -> null;
        };
    }

    /** The wire form: {@code {"arg", "op", "value"}}. */
    public Map<String, Object> wire() {
        return Map.of("arg", path, "op", op.symbol(), "value", value);
    }

    /**
     * Reads the wire form.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ArgCondition fromWire(Map<?, ?> m) {
        for (Object key : m.keySet()) {
            if (!"arg".equals(key) && !"op".equals(key) && !"value".equals(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (a condition has arg, op and value)");
            }
        }
        if (!(m.get("arg") instanceof String arg)) {
            throw new IllegalArgumentException("arg must be a string");
        }
        if (!(m.get("op") instanceof String op)) {
            throw new IllegalArgumentException("op must be a string");
        }
        return new ArgCondition(arg, Op.parse(op), m.get("value"));
    }

    /** Human form, e.g. {@code amount < 50}. */
    @Override
    public String toString() {
        return path + " " + op.symbol() + " " + (value instanceof String s ? "\"" + s + "\"" : value);
    }
}
