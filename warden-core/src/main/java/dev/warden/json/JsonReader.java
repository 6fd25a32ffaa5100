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
public final class JsonReader {
    /**
     * The deepest nesting of arrays and objects read. Writers nest less: the HTTP API takes 64
     * levels, arguments are bounded below that and an export line puts two levels (line, entry)
     * around them; approvals stored before the arguments had a bound hold up to this many.
     */
    public static final int MAX_DEPTH = 256;

    private final byte[] b;
    private final int end;
    private int pos;

    private JsonReader(byte[] input, int from, int to) {
        this.b = input;
        this.pos = from;
        this.end = to;
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

    private boolean at(char c) {
        return pos < end && b[pos] == c;
    }

    private boolean digit() {
        return pos < end && b[pos] >= '0' && b[pos] <= '9';
    }

    private void digits() {
        while (digit()) {
            pos++;
        }
    }

    /** A string at its opening quote; decoded only when {@code build}. */
    private Object string(boolean build) {
        pos++;
        int runStart = pos;
        StringBuilder text = null;
        while (true) {
            if (pos >= end) {
                throw error("unterminated string", pos);
            }
            int c = b[pos] & 0xff;
            if (c == '"') {
                String result = null;
                if (build) {
                    String run = new String(b, runStart, pos - runStart, StandardCharsets.UTF_8);
                    result = text == null ? run : text.append(run).toString();
                }
                pos++;
                return result;
            }
            if (c < 0x20) {
                throw error("unescaped control character in a string", pos);
            }
            if (c >= 0x80) {
                utf8Sequence(c);
                continue;
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (build) {
                if (text == null) {
                    text = new StringBuilder(pos - runStart + 16);
                }
                text.append(new String(b, runStart, pos - runStart, StandardCharsets.UTF_8));
            }
            pos++;
            char decoded = escape();
            if (build) {
                text.append(decoded);
            }
            runStart = pos;
        }
    }

    /** The char an escape stands for, the backslash already read; a lone surrogate stays one. */
    private char escape() {
        if (pos >= end) {
            throw error("unterminated escape", pos);
        }
        byte e = b[pos++];
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> (char) (hexDigit() << 12 | hexDigit() << 8 | hexDigit() << 4 | hexDigit());
            default -> throw error("invalid escape", pos - 1);
        };
    }

    private int hexDigit() {
        if (pos >= end) {
            throw error("unterminated \\u escape", pos);
        }
        byte c = b[pos];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) {
            throw error("invalid hex digit in a \\u escape", pos);
        }
        pos++;
        return d;
    }

    /** Steps over one well-formed UTF-8 sequence of 2 to 4 bytes (RFC 3629), its lead byte {@code lead}. */
    private void utf8Sequence(int lead) {
        int start = pos;
        int more;
        int min = 0x80;
        int max = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            more = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            more = 2;
            if (lead == 0xe0) {
                min = 0xa0; // shorter forms are overlong
            } else if (lead == 0xed) {
                max = 0x9f; // beyond are the surrogates, which have no UTF-8 form
            }
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            more = 3;
            if (lead == 0xf0) {
                min = 0x90;
            } else if (lead == 0xf4) {
                max = 0x8f; // beyond U+10FFFF
            }
        } else {
            throw error("invalid UTF-8", start);
        }
        pos++;
        for (int i = 0; i < more; i++) {
            int c = pos < end ? b[pos] & 0xff : -1;
            if (c < min || c > max) {
                throw error("invalid UTF-8", start);
            }
            min = 0x80;
            max = 0xbf;
            pos++;
        }
    }

    private void skipWhitespace() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
            pos++;
        }
    }

    private byte peek() {
        if (pos >= end) {
            throw error("unexpected end of input", pos);
        }
        return b[pos];
    }

    private static JsonException error(String problem, int at) {
        return new JsonException(problem, at);
    }
}
