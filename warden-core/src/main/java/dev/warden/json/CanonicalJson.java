package dev.warden.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes Warden's plain Java JSON values in one canonical form, so equal values always give equal
 * bytes (audit entries and approval fingerprints are hashed over this form).
 *
 * <p>Rules (Warden canonical JSON v1, close to RFC 8785): object members sorted by the UTF-16 code
 * units of their names; no insignificant whitespace; strings escaped with the short escapes
 * ({@code \" \\ \b \f \n \r \t}) and {@code \\u00XX} for other control characters, {@code \\uXXXX}
 * (lower-case hex) for unpaired surrogates, which have no UTF-8 form, everything else literal UTF-8;
 * integers in plain decimal; other numbers as the shortest plain decimal
 * ({@link BigDecimal#stripTrailingZeros()}, never exponent notation); {@code null} members of maps
 * are written as {@code null}.
 *
 * <p>Accepted values: {@code Map<String,?>}, {@code Collection<?>}, {@code String}, {@code Boolean},
 * {@code Integer}, {@code Long}, {@link BigInteger}, {@link BigDecimal}, and {@code null}.
 * {@code Double} and {@code Float} are accepted if finite. Every number must keep
 * {@link JsonNumbers the number rule}, so no number's plain form is longer than
 * {@value JsonNumbers#MAX_PLAIN_CHARS} characters.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /**
     * Writes a value canonically.
     *
     * @throws IllegalArgumentException for a value outside the accepted types or a number that
     *                                  breaks the number rule ({@link InvalidNumberException})
     */
    public static String write(Object value) {
        return write(value, Integer.MAX_VALUE);
    }

    /**
     * Writes a value canonically, giving up as soon as the text would exceed {@code maxChars}
     * characters, so the work done is bounded by the limit and not by the value.
     *
     * @throws TooLargeException        when the canonical form is longer than {@code maxChars}
     * @throws IllegalArgumentException for a value outside the accepted types or a number that
     *                                  breaks the number rule ({@link InvalidNumberException})
     */
    public static String write(Object value, int maxChars) {
        StringBuilder out = new StringBuilder(128);
        append(out, value, maxChars);
        return out.toString();
    }

    /** A canonical form longer than the limit given to {@link #write(Object, int)}. */
    public static final class TooLargeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int maxChars) {
            super("canonical JSON longer than " + maxChars + " characters");
        }
    }

    private static void append(StringBuilder out, Object value, int max) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s, max);
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case BigInteger n -> out.append(checkedPlain(n));
            case BigDecimal n -> out.append(checkedPlain(n));
            case Double n -> out.append(checkedPlain(n));
            case Float n -> out.append(checkedPlain(n));
            case Map<?, ?> m -> object(out, m, max);
            case Collection<?> c -> array(out, c, max);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
        if (out.length() > max) {
            throw new TooLargeException(max);
        }
    }

    private static String checkedPlain(Number n) {
        Optional<String> problem = JsonNumbers.problem(n);
        if (problem.isPresent()) {
            throw new InvalidNumberException("a value", problem.get());
        }
        return switch (n) {
            case BigInteger i -> i.toString();
            case BigDecimal d -> plain(d);
            case Double d -> plain(BigDecimal.valueOf(d));
            default -> plain(BigDecimal.valueOf(n.doubleValue())); // Float
        };
    }

    private static String plain(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    private static void object(StringBuilder out, Map<?, ?> map, int max) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object k : map.keySet()) {
            if (!(k instanceof String s)) {
                throw new IllegalArgumentException("object key is not a string: " + k);
            }
            keys.add(s);
        }
        keys.sort(null);
        out.append('{');
        boolean first = true;
        for (String k : keys) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, k, max);
            out.append(':');
            append(out, map.get(k), max);
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Collection<?> items, int max) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            append(out, item, max);
        }
        out.append(']');
    }

    private static void string(StringBuilder out, String s, int max) {
        if (out.length() + s.length() > max) {
            throw new TooLargeException(max);
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c)); // an unpaired surrogate has no UTF-8 form
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
