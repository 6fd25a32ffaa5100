package dev.warden.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * The members of one JSON object as byte spans of its UTF-8 input, so a value can be hashed exactly
 * as it was written (the offline verifier hashes an export line's {@code entry} this way). Made by
 * {@link JsonReader#objectSpans(byte[], int, int)}, which has checked every value.
 */
public final class JsonObjectSpans {
    /**
     * Where a member's value is.
     *
     * @param start offset of its first byte
     * @param end   offset after its last byte
     * @param kind  its first byte: {@code '"'}, {@code '{'}, {@code '['}, {@code 't'}, {@code 'f'}, {@code 'n'} or a number's first byte
     */
    public record Span(int start, int end, byte kind) {
        /** Length in bytes. */
        public int length() {
            return end - start;
        }
    }

    private final byte[] input;
    private final Map<String, Span> members;

    JsonObjectSpans(byte[] input, Map<String, Span> members) {
        this.input = input;
        this.members = Collections.unmodifiableMap(members);
    }

    /** The member names and spans, in input order. */
    public Map<String, Span> members() {
        return members;
    }

    /** The input the spans point into. */
    public byte[] input() {
        return input;
    }

    /** The span of a member. */
    public Optional<Span> span(String name) {
        return Optional.ofNullable(members.get(name));
    }

    /** True if the member exists. */
    public boolean has(String name) {
        return members.containsKey(name);
    }

    /**
     * A string member, decoded.
     *
     * @throws JsonException if missing or not a string
     */
    public String string(String name) {
        Span s = require(name);
        if (s.kind() != '"') {
            throw new JsonException("'" + name + "' is not a string", s.start());
        }
        return (String) value(s);
    }

    /**
     * An integral member that fits a long (written with a fraction or exponent too, as in {@code 2.0}).
     *
     * @throws JsonException if missing or not such a number
     */
    public long integer(String name) {
        Span s = require(name);
        Object v = s.kind() == '-' || (s.kind() >= '0' && s.kind() <= '9') ? value(s) : null;
        try {
            return switch (v) {
                case Long l -> l;
                case BigDecimal d -> d.longValueExact();
                case null, default -> throw new ArithmeticException();
            };
        } catch (ArithmeticException e) {
            throw new JsonException("'" + name + "' is not an integer", s.start());
        }
    }

    /** Any member as a plain Java value (see {@link JsonReader}). */
    public Object value(String name) {
        return value(require(name));
    }

    private Object value(Span s) {
        return JsonReader.value(input, s.start(), s.end());
    }

    private Span require(String name) {
        Span s = members.get(name);
        if (s == null) {
            throw new JsonException("missing '" + name + "'", 0);
        }
        return s;
    }
}
