package dev.warden.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes Warden's plain Java JSON values in one canonical form, so equal values always give equal
 * bytes (audit entries and approval fingerprints are hashed over this form).
 *
 * <p>Rules (Warden canonical JSON v1, close to RFC 8785): object members sorted by the UTF-16 code
 * units of their names; no insignificant whitespace; strings escaped with the short escapes
 * ({@code \" \\ \b \f \n \r \t}) and {@code \\u00XX} for other control characters, everything else
 * literal UTF-8; integers in plain decimal; other numbers as the shortest plain decimal
 * ({@link BigDecimal#stripTrailingZeros()}, never exponent notation); {@code null} members of maps
 * are written as {@code null}.
 *
 * <p>Accepted values: {@code Map<String,?>}, {@code Collection<?>}, {@code String}, {@code Boolean},
 * {@code Integer}, {@code Long}, {@link BigInteger}, {@link BigDecimal}, and {@code null}.
 * {@code Double} and {@code Float} are accepted if finite.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /**
     * Writes a value canonically.
     *
     * @throws IllegalArgumentException for a value outside the accepted types or a non-finite number
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        append(out, value);
        return out.toString();
    }

    /** Appends the canonical form of a value to a builder. */
    public static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case BigInteger i -> out.append(i);
            case BigDecimal d -> out.append(plain(d));
            case Double d -> out.append(plain(finite(d)));
            case Float f -> out.append(plain(finite(f.doubleValue())));
            case Map<?, ?> m -> object(out, m);
            case Collection<?> c -> array(out, c);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static BigDecimal finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("non-finite number: " + d);
        }
        return BigDecimal.valueOf(d);
    }

    private static String plain(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
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
            string(out, k);
            out.append(':');
            append(out, map.get(k));
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Collection<?> items) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            append(out, item);
        }
        out.append(']');
    }

    private static void string(StringBuilder out, String s) {
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
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
