package dev.warden.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warden's one JSON reader (JDK only), the inverse of {@link CanonicalJson#write(Object)}: it reads
 * stored JSON back in the stores, the audit tools and the offline verifier.
 *
 * <p>Values become Warden's plain Java form: objects {@link LinkedHashMap} (member order kept),
 * arrays {@link ArrayList}, strings {@link String}, {@code true}/{@code false} {@link Boolean},
 * {@code null} null, and numbers what {@link JsonNumbers#parse(String, String)} gives ({@link Long},
 * {@link BigInteger} outside the long range, {@link BigDecimal} with a fraction or exponent); every
 * number keeps the number rule.
 *
 * <p>Strict: the RFC 8259 grammar and nothing else (no comments, trailing commas, leading zeros,
 * unescaped control characters, byte order mark, or content after the value but whitespace);
 * duplicate member names are an error at any depth; nesting at most {@value #MAX_DEPTH} levels;
 * byte input must be well-formed UTF-8 and a {@code String} must have no unpaired surrogate
 * (neither has a Unicode form). A {@code \\uXXXX} escape of a lone surrogate, which is how
 * {@link CanonicalJson} writes one, reads back as that same char.
 */
public final class JsonReader extends JsonCursor {
    /**
     * The deepest nesting of arrays and objects read. Writers nest less: the HTTP API takes 64
     * levels, arguments are bounded below that and an export line puts two levels (line, entry)
     * around them; approvals stored before the arguments had a bound hold up to this many.
     */
    public static final int MAX_DEPTH = 256;

    private JsonReader(byte[] input, int from, int to) {
        super(input, from, to);
    }

    /**
     * Reads one JSON value.
     *
     * @throws JsonException if the text is not exactly one JSON value; the offset is a char index
     */
    public static Object parse(String text) {
        if (text == null) {
            throw new JsonException("no text (null)", 0);
        }
        byte[] bytes = utf8(text);
        try {
            return new JsonReader(bytes, 0, bytes.length).whole();
        } catch (JsonException e) {
            // report where the problem is in the caller's text, not in its UTF-8 form
            int chars = new String(bytes, 0, e.offset(), StandardCharsets.UTF_8).length();
            throw new JsonException(e.problem(), chars, e.getCause());
        }
    }

    /**
     * Reads one JSON value from the UTF-8 bytes {@code input[off, off + len)}.
     *
     * @throws JsonException if they are not exactly one JSON value; the offset is a byte index into
     *                       {@code input}
     */
    public static Object parse(byte[] input, int off, int len) {
        return new JsonReader(input, off, checkedEnd(input, off, len)).whole();
    }

    /**
     * Reads one JSON object.
     *
     * @throws JsonException if the text is not exactly one JSON object
     */
    public static Map<String, Object> parseObject(String text) {
        return asObject(parse(text));
    }

    /**
     * Reads one JSON object from the UTF-8 bytes {@code input[off, off + len)}.
     *
     * @throws JsonException if they are not exactly one JSON object
     */
    public static Map<String, Object> parseObject(byte[] input, int off, int len) {
        return asObject(parse(input, off, len));
    }

    /**
     * Reads one JSON array.
     *
     * @throws JsonException if the text is not exactly one JSON array
     */
    @SuppressWarnings("unchecked")
    public static List<Object> parseArray(String text) {
        Object v = parse(text);
        if (!(v instanceof List<?>)) {
            throw new JsonException("expected a JSON array", 0);
        }
        return (List<Object>) v;
    }

    /**
     * Reads the JSON object in the UTF-8 bytes {@code input[off, off + len)} as the byte spans of
     * its members, checking every nested value as strictly as {@link #parse(byte[], int, int)} but
     * building none of them (the offline verifier hashes an export line's {@code entry} this way).
     *
     * @throws JsonException if they are not exactly one JSON object
     */
    public static JsonObjectSpans objectSpans(byte[] input, int off, int len) {
        return new JsonReader(input, off, checkedEnd(input, off, len)).wholeSpans();
    }

    /** Reads one value known to lie in {@code input[from, to)}, as {@link JsonObjectSpans} does. */
    static Object value(byte[] input, int from, int to) {
        return new JsonReader(input, from, to).whole();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object v) {
        if (!(v instanceof Map<?, ?>)) {
            throw new JsonException("expected a JSON object", 0);
        }
        return (Map<String, Object>) v;
    }

    private static int checkedEnd(byte[] input, int off, int len) {
        if (input == null || off < 0 || len < 0 || off > input.length - len) {
            throw new IndexOutOfBoundsException("bytes [" + off + ", " + off + " + " + len + ") outside the input");
        }
        return off + len;
    }

    /** The UTF-8 form of a text, refusing an unpaired surrogate (which getBytes would turn into '?'). */
    private static byte[] utf8(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new JsonException("unpaired surrogate (no Unicode character)", i);
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Object whole() {
        skipWhitespace();
        Object v = read(0, true);
        skipWhitespace();
        if (pos != end) {
            throw error("unexpected content after the value", pos);
        }
        return v;
    }

    private JsonObjectSpans wholeSpans() {
        skipWhitespace();
        if (pos >= end || b[pos] != '{') {
            throw error("expected a JSON object", pos);
        }
        pos++;
        Map<String, JsonObjectSpans.Span> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                int nameAt = pos;
                String name = name();
                int start = pos;
                byte kind = peek();
                read(1, false);
                if (members.put(name, new JsonObjectSpans.Span(start, pos, kind)) != null) {
                    throw error("duplicate member '" + name + "'", nameAt);
                }
                if (endOfMembers('}')) {
                    break;
                }
            }
        }
        skipWhitespace();
        if (pos != end) {
            throw error("unexpected content after the object", pos);
        }
        return new JsonObjectSpans(b, members);
    }

    /** Reads a value whose container is {@code depth} levels deep; builds it only when {@code build}. */
    private Object read(int depth, boolean build) {
        byte c = peek();
        return switch (c) {
            case '{' -> object(enter(depth), build);
            case '[' -> array(enter(depth), build);
            case '"' -> string(build);
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number(build);
                }
                throw error("expected a value", pos);
            }
        };
    }

    private int enter(int depth) {
        if (depth >= MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels", pos);
        }
        return depth + 1;
    }

    private Object object(int depth, boolean build) {
        pos++;
        Map<String, Object> out = build ? new LinkedHashMap<>() : null;
        Set<String> seen = null;
        String first = null;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipWhitespace();
            int nameAt = pos;
            String name = name();
            boolean duplicate;
            if (build) {
                duplicate = out.containsKey(name);
            } else if (first == null) {
                first = name;
                duplicate = false;
            } else {
                // skipping builds no map, yet a duplicate name must fail here as it does when building
                if (seen == null) {
                    seen = new HashSet<>();
                    seen.add(first);
                }
                duplicate = !seen.add(name);
            }
            if (duplicate) {
                throw error("duplicate member '" + name + "'", nameAt);
            }
            Object v = read(depth, build);
            if (build) {
                out.put(name, v);
            }
            if (endOfMembers('}')) {
                return out;
            }
        }
    }

    private Object array(int depth, boolean build) {
        pos++;
        List<Object> out = build ? new ArrayList<>() : null;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            skipWhitespace();
            Object v = read(depth, build);
            if (build) {
                out.add(v);
            }
            if (endOfMembers(']')) {
                return out;
            }
        }
    }

    /** A member name and its colon. */
    private String name() {
        if (peek() != '"') {
            throw error("expected a member name", pos);
        }
        String name = (String) string(true);
        skipWhitespace();
        if (peek() != ':') {
            throw error("expected ':'", pos);
        }
        pos++;
        skipWhitespace();
        return name;
    }

    /** After a member or element: true at the closing bracket, false after a comma. */
    private boolean endOfMembers(char close) {
        skipWhitespace();
        byte c = peek();
        pos++;
        if (c == close) {
            return true;
        }
        if (c != ',') {
            throw error("expected ',' or '" + close + "'", pos - 1);
        }
        return false;
    }

    private Object literal(String word, Object value) {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= end || b[pos] != word.charAt(i)) {
                throw error("invalid literal (expected " + word + ")", pos);
            }
            pos++;
        }
        return value;
    }

    private Object number(boolean build) {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (at('0')) {
            pos++;
            if (digit()) {
                throw error("leading zero in a number", start);
            }
        } else if (digit()) {
            digits();
        } else {
            throw error("expected a digit", pos);
        }
        boolean integral = true;
        if (at('.')) {
            integral = false;
            pos++;
            if (!digit()) {
                throw error("expected a digit after the decimal point", pos);
            }
            digits();
        }
        if (at('e') || at('E')) {
            integral = false;
            pos++;
            if (at('+') || at('-')) {
                pos++;
            }
            if (!digit()) {
                throw error("expected a digit in the exponent", pos);
            }
            digits();
        }
        if (!build && integral && pos - start <= 18) {
            return null; // fewer than 19 digits: a long, inside the rule whatever its value
        }
        try {
            return JsonNumbers.parse(new String(b, start, pos - start, StandardCharsets.US_ASCII), "offset " + start);
        } catch (InvalidNumberException bad) {
            throw new JsonException(bad.getMessage(), start, bad);
        } catch (NumberFormatException bad) { // the grammar is checked: only an exponent beyond the int range gets here
            throw new JsonException("the number at offset " + start + " has an exponent out of range", start, bad);
        }
    }
}
