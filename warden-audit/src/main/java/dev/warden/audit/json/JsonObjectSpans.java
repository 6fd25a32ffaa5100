package dev.warden.audit.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * The members of one JSON object as byte spans of its input, so a value can be hashed exactly as it
 * was written (the offline verifier hashes an export line's {@code entry} this way).
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

    /**
     * Parses the object in {@code input[from, to)} (whitespace around it allowed), checking the
     * syntax of every nested value. Duplicate member names are an error.
     *
     * @throws JsonException if it is not exactly one well-formed JSON object
     */
    public static JsonObjectSpans parse(byte[] input, int from, int to) {
        return new JsonParser(input, from, to).topLevelSpans();
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
        return (String) new JsonParser(input, s.start(), s.end()).value();
    }

    /**
     * An integer member that fits a long.
     *
     * @throws JsonException if missing or not an integer
     */
    public long integer(String name) {
        Span s = require(name);
        String text = new String(input, s.start(), s.length(), StandardCharsets.US_ASCII);
        try {
            return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new JsonException("'" + name + "' is not an integer", s.start());
        }
    }

    /** Any member as a plain Java value (see {@link JsonParser#parse(String)}). */
    public Object value(String name) {
        Span s = require(name);
        return new JsonParser(input, s.start(), s.end()).value();
    }

    private Span require(String name) {
        Span s = members.get(name);
        if (s == null) {
            throw new JsonException("missing '" + name + "'", 0);
        }
        return s;
    }
}
