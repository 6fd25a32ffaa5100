package dev.warden.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one number rule of Warden's JSON, applied wherever JSON enters (HTTP bodies, MCP messages,
 * embedded-library arguments) and wherever it is read back (stores, audit entries, exports).
 *
 * <p>A number is accepted when its text has at most {@value #MAX_TEXT_CHARS} characters, it has at
 * most {@value #MAX_DIGITS} significant digits and, unless it is zero, its decimal exponent in
 * scientific notation ({@code d.ddd × 10^e}) lies between -{@value #MAX_EXPONENT} and
 * {@value #MAX_EXPONENT}. Canonical JSON writes numbers in plain form ({@code 1e20} as {@code
 * 100000000000000000000}), so the rule is what bounds their written size: at most
 * {@value #MAX_PLAIN_CHARS} characters, well within {@value #MAX_TEXT_CHARS}, so every reader reads
 * back whatever a writer wrote.
 *
 * <p>The plain Java form of a number: integers as {@link Long}, or {@link BigInteger} outside the
 * long range; anything written with a fraction or an exponent as {@link BigDecimal}.
 */
public final class JsonNumbers {
    /** The longest number text any Warden parser accepts. */
    public static final int MAX_TEXT_CHARS = 256;
    /** The most significant digits a number may have. */
    public static final int MAX_DIGITS = 100;
    /** The largest magnitude of a number's decimal exponent in scientific notation. */
    public static final int MAX_EXPONENT = 100;
    /** The longest plain form of an accepted number: sign, "0.", 99 zeros, 100 digits. */
    public static final int MAX_PLAIN_CHARS = 1 + 2 + (MAX_EXPONENT - 1) + MAX_DIGITS;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonNumbers() {
    }

    /**
     * Why a number breaks the rule, or empty when it keeps it. Cheap for any value: it never
     * expands a number into its plain form.
     */
    public static Optional<String> problem(Number n) {
        return switch (n) {
            case Long l -> Optional.empty();
            case Integer i -> Optional.empty();
            case Short s -> Optional.empty();
            case Byte b -> Optional.empty();
            case BigInteger i -> problem(new BigDecimal(i));
            case BigDecimal d -> problem(d);
            case Double d -> Double.isFinite(d) ? problem(BigDecimal.valueOf(d)) : Optional.of("is non-finite");
            case Float f -> Float.isFinite(f) ? problem(BigDecimal.valueOf(f.doubleValue())) : Optional.of("is non-finite");
            default -> Optional.of("is not a JSON number (" + n.getClass().getSimpleName() + ")");
        };
    }

    private static Optional<String> problem(BigDecimal d) {
        if (d.signum() == 0) {
            return Optional.empty();
        }
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.precision() > MAX_DIGITS) {
            return Optional.of("has more than " + MAX_DIGITS + " significant digits");
        }
        long exponent = (long) stripped.precision() - stripped.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            return Optional.of("is too large (at most " + MAX_DIGITS + " digits and magnitude below 1e"
                    + (MAX_EXPONENT + 1) + ")");
        }
        if (exponent < -MAX_EXPONENT) {
            return Optional.of("is too close to zero (non-zero magnitudes start at 1e-" + MAX_EXPONENT + ")");
        }
        return Optional.empty();
    }

    /**
     * Parses the text of a JSON number (already checked against the JSON grammar) under the rule.
     *
     * @throws InvalidNumberException naming {@code path} when the number breaks the rule
     */
    public static Number parse(String text, String path) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new InvalidNumberException(path, "is longer than " + MAX_TEXT_CHARS + " characters");
        }
        boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        Number n = integral ? integer(new BigInteger(text)) : new BigDecimal(text);
        Optional<String> problem = problem(n);
        if (problem.isPresent()) {
            throw new InvalidNumberException(path, problem.get());
        }
        return n;
    }

    private static Number integer(BigInteger i) {
        return i.compareTo(LONG_MIN) >= 0 && i.compareTo(LONG_MAX) <= 0 ? (Number) i.longValue() : i;
    }

    /**
     * A JSON value in Warden's plain form with every number checked: {@link Integer}, {@link Short}
     * and {@link Byte} become {@link Long}, a {@link BigInteger} in the long range becomes a
     * {@link Long}; maps and lists are copied only when something in them changed.
     *
     * @param value a plain JSON value (maps with string keys, lists, strings, numbers, booleans, null)
     * @param path  the value's name in error messages, e.g. {@code args}; empty for a whole body
     * @throws InvalidNumberException naming the number's path (e.g. {@code args.items[2].qty})
     */
    public static Object checked(Object value, String path) {
        return switch (value) {
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case BigInteger i -> integer((BigInteger) require(i, path));
            case Number n -> require(n, path);
            case Map<?, ?> m -> checkedMap(m, path);
            case List<?> l -> checkedList(l, path);
            case null, default -> value;
        };
    }

    private static Number require(Number n, String path) {
        Optional<String> problem = problem(n);
        if (problem.isPresent()) {
            throw new InvalidNumberException(path, problem.get());
        }
        return n;
    }

    private static Map<?, ?> checkedMap(Map<?, ?> m, String path) {
        Map<Object, Object> copy = null;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object before = e.getValue();
            Object after = checked(before, path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey());
            if (after != before && copy == null) {
                copy = new LinkedHashMap<>(m);
            }
            if (copy != null) {
                copy.put(e.getKey(), after);
            }
        }
        return copy == null ? m : copy;
    }

    private static List<?> checkedList(List<?> l, String path) {
        List<Object> copy = null;
        for (int i = 0; i < l.size(); i++) {
            Object before = l.get(i);
            Object after = checked(before, path + "[" + i + "]");
            if (after != before && copy == null) {
                copy = new ArrayList<>(l);
            }
            if (copy != null) {
                copy.set(i, after);
            }
        }
        return copy == null ? l : copy;
    }
}
