package dev.warden.audit.json;

import dev.warden.json.InvalidNumberException;
import dev.warden.json.JsonNumbers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) reader on UTF-8 bytes, for the formats of this module: values
 * become {@code Map<String, Object>} (insertion ordered, duplicate names rejected), {@code List},
 * {@code String}, {@code Long} or {@code BigInteger} for integers, {@code BigDecimal} for other
 * numbers, {@code Boolean} and {@code null}. Nesting is limited to 64 levels.
 */
public final class JsonParser {
    private static final int MAX_DEPTH = 64;
    private final byte[] b;
    private final int end;
    private int pos;

    JsonParser(byte[] input, int from, int to) {
        this.b = input;
        this.pos = from;
        this.end = to;
    }

    /**
     * Parses one JSON value.
     *
     * @throws JsonException if the text is not exactly one JSON value
     */
    public static Object parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new JsonParser(bytes, 0, bytes.length).value();
    }

    /**
     * Parses one JSON object.
     *
     * @throws JsonException if the text is not exactly one JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof Map<?, ?>)) {
            throw new JsonException("expected a JSON object", 0);
        }
        return (Map<String, Object>) v;
    }

    /** The whole input as one value. */
    Object value() {
        skipWhitespace();
        Object v = read(0, true);
        skipWhitespace();
        if (pos != end) {
            throw new JsonException("unexpected content after the value", pos);
        }
        return v;
    }

    /** The whole input as one object, recording member spans without building values. */
    JsonObjectSpans topLevelSpans() {
        skipWhitespace();
        expect('{');
        Map<String, JsonObjectSpans.Span> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                int nameAt = pos;
                String name = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                int start = pos;
                byte kind = peek();
                read(1, false);
                if (members.put(name, new JsonObjectSpans.Span(start, pos, kind)) != null) {
                    throw new JsonException("duplicate member '" + name + "'", nameAt);
                }
                skipWhitespace();
                byte c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw new JsonException("expected ',' or '}'", pos - 1);
                }
            }
        }
        skipWhitespace();
        if (pos != end) {
            throw new JsonException("unexpected content after the object", pos);
        }
        return new JsonObjectSpans(b, members);
    }

    /** Reads a value; builds it only when {@code build}. */
    private Object read(int depth, boolean build) {
        if (depth > MAX_DEPTH) {
            throw new JsonException("nested too deeply", pos);
        }
        byte c = peek();
        return switch (c) {
            case '{' -> object(depth, build);
            case '[' -> array(depth, build);
            case '"' -> build ? string() : skipString();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number(build);
        };
    }

    private Object object(int depth, boolean build) {
        pos++;
        Map<String, Object> out = build ? new LinkedHashMap<>() : null;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipWhitespace();
            int nameAt = pos;
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = read(depth + 1, build);
            if (build) {
                if (out.containsKey(name)) {
                    throw new JsonException("duplicate member '" + name + "'", nameAt);
                }
                out.put(name, v);
            }
            skipWhitespace();
            byte c = next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw new JsonException("expected ',' or '}'", pos - 1);
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
            Object v = read(depth + 1, build);
            if (build) {
                out.add(v);
            }
            skipWhitespace();
            byte c = next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw new JsonException("expected ',' or ']'", pos - 1);
            }
        }
    }

    private Object literal(String word, Object value) {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= end || b[pos] != word.charAt(i)) {
                throw new JsonException("invalid literal", pos);
            }
            pos++;
        }
        return value;
    }

    private Object number(boolean build) {
        int start = pos;
        if (peekOr((byte) 0) == '-') {
            pos++;
        }
        if (peekOr((byte) 0) == '0') {
            pos++;
        } else if (digit()) {
            while (digit()) {
                pos++;
            }
        } else {
            throw new JsonException("expected a value", start);
        }
        if (peekOr((byte) 0) == '.') {
            pos++;
            if (!digit()) {
                throw new JsonException("expected a digit", pos);
            }
            while (digit()) {
                pos++;
            }
        }
        byte e = peekOr((byte) 0);
        if (e == 'e' || e == 'E') {
            pos++;
            byte sign = peekOr((byte) 0);
            if (sign == '+' || sign == '-') {
                pos++;
            }
            if (!digit()) {
                throw new JsonException("expected a digit", pos);
            }
            while (digit()) {
                pos++;
            }
        }
        if (!build) {
            return null;
        }
        try {
            return JsonNumbers.parse(new String(b, start, pos - start, StandardCharsets.US_ASCII), "offset " + start);
        } catch (InvalidNumberException | NumberFormatException bad) {
            throw new JsonException(bad.getMessage(), start);
        }
    }

    private boolean digit() {
        return pos < end && b[pos] >= '0' && b[pos] <= '9';
    }

    private Object skipString() {
        pos++;
        while (true) {
            if (pos >= end) {
                throw new JsonException("unterminated string", pos);
            }
            byte c = b[pos++];
            if (c == '"') {
                return null;
            }
            if (c == '\\') {
                if (pos >= end) {
                    throw new JsonException("unterminated string", pos);
                }
                byte esc = b[pos++];
                if (esc == 'u') {
                    for (int i = 0; i < 4; i++) {
                        hexDigit();
                    }
                } else if ("\"\\/bfnrt".indexOf(esc) < 0) {
                    throw new JsonException("invalid escape", pos - 1);
                }
            } else if ((c & 0xff) < 0x20) {
                throw new JsonException("control character in string", pos - 1);
            }
        }
    }

    private String string() {
        if (peek() != '"') {
            throw new JsonException("expected a string", pos);
        }
        pos++;
        int runStart = pos;
        StringBuilder text = null;
        while (true) {
            if (pos >= end) {
                throw new JsonException("unterminated string", pos);
            }
            byte c = b[pos];
            if (c == '"') {
                String tail = new String(b, runStart, pos - runStart, StandardCharsets.UTF_8);
                pos++;
                if (text == null) {
                    return tail;
                }
                return text.append(tail).toString();
            }
            if ((c & 0xff) < 0x20) {
                throw new JsonException("control character in string", pos);
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (text == null) {
                text = new StringBuilder();
            }
            text.append(new String(b, runStart, pos - runStart, StandardCharsets.UTF_8));
            pos++;
            if (pos >= end) {
                throw new JsonException("unterminated string", pos);
            }
            byte esc = b[pos++];
            switch (esc) {
                case '"' -> text.append('"');
                case '\\' -> text.append('\\');
                case '/' -> text.append('/');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> text.append((char) (hexDigit() << 12 | hexDigit() << 8 | hexDigit() << 4 | hexDigit()));
                default -> throw new JsonException("invalid escape", pos - 1);
            }
            runStart = pos;
        }
    }

    private int hexDigit() {
        if (pos >= end) {
            throw new JsonException("unterminated escape", pos);
        }
        int d = Character.digit(b[pos++], 16);
        if (d < 0) {
            throw new JsonException("invalid \\u escape", pos - 1);
        }
        return d;
    }

    private void skipWhitespace() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
            pos++;
        }
    }

    private byte peek() {
        if (pos >= end) {
            throw new JsonException("unexpected end of input", pos);
        }
        return b[pos];
    }

    private byte peekOr(byte fallback) {
        return pos < end ? b[pos] : fallback;
    }

    private byte next() {
        byte c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw new JsonException("expected '" + c + "'", pos - 1);
        }
    }
}
