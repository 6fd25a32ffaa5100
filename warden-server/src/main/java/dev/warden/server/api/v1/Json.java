package dev.warden.server.api.v1;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.json.InvalidNumberException;
import dev.warden.json.JsonNumbers;
import java.io.IOException;
import java.util.Map;

/**
 * JSON on the wire: strict parsing into Warden's plain Java JSON form (integers as Long or
 * BigInteger, other numbers as BigDecimal, every number under {@link JsonNumbers the one number
 * rule}, duplicate keys rejected, depth and sizes bounded) and writing of response maps (numbers in
 * plain form, as canonical JSON writes them).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // shared buffers: per-thread ones are new for every request that runs on a virtual thread
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            // no USE_LONG_FOR_INTS: it fails on integers beyond the long range; JsonNumbers.checked makes ints Longs
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(JsonNumbers.MAX_TEXT_CHARS).build());
        MAPPER.getFactory().setCharacterEscapes(new SurrogateEscapes());
    }

    /**
     * Writes surrogates as {@code \\uXXXX}: an unpaired one has no UTF-8 form and would reach the
     * client as '?' (an approval's arguments shown to the operator not as they were asked for).
     */
    private static final class SurrogateEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final int[] ASCII = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Character.isSurrogate((char) ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    private Json() {
    }

    /**
     * Parses a request body that must be a JSON object.
     *
     * @throws WardenException {@code invalid_request} describing the syntax error, or
     *                         {@code invalid_number} naming the field whose number breaks the rule
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw new WardenException(ErrorCode.INVALID_REQUEST, "request body must be a JSON object");
        }
        Object value;
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(body);
            value = JsonNumbers.checked(MAPPER.readValue(parser, Object.class), "");
        } catch (NumberFormatException e) {
            // Jackson cannot hold a number whose exponent overflows an int (1e99999999999999999999)
            throw new WardenException(ErrorCode.INVALID_NUMBER, new InvalidNumberException(path(parser.getParsingContext()),
                    "has an exponent too large to read (the rule allows magnitudes from 1e-" + JsonNumbers.MAX_EXPONENT
                            + " to below 1e" + (JsonNumbers.MAX_EXPONENT + 1) + ")").getMessage());
        } catch (StreamConstraintsException e) {
            ErrorCode code = e.getMessage() != null && e.getMessage().startsWith("Number value length")
                    ? ErrorCode.INVALID_NUMBER : ErrorCode.INVALID_REQUEST;
            throw new WardenException(code, "request body exceeds a limit" + where(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new WardenException(ErrorCode.INVALID_REQUEST, "malformed JSON" + where(e) + ": " + e.getOriginalMessage());
        } catch (InvalidNumberException e) {
            throw new WardenException(ErrorCode.INVALID_NUMBER, e.getMessage());
        } catch (IOException e) {
            throw new WardenException(ErrorCode.INVALID_REQUEST, "malformed JSON: " + e.getMessage());
        } finally {
            closeQuietly(parser);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new WardenException(ErrorCode.INVALID_REQUEST, "request body must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    /** Where the parser is, as {@link JsonNumbers#checked} names it: {@code args.items[2].qty}. */
    private static String path(JsonStreamContext context) {
        java.util.ArrayDeque<JsonStreamContext> chain = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.addFirst(c);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                path.append('[').append(c.getCurrentIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(c.getCurrentName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static void closeQuietly(JsonParser parser) {
        try {
            if (parser != null) {
                parser.close();
            }
        } catch (IOException e) {
            // a parser over a string holds nothing to release
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Parses any JSON text Warden wrote (stored JSON, under the same number rule). */
    public static Object parse(String text) {
        try {
            return JsonNumbers.checked(MAPPER.readValue(text, Object.class), "");
        } catch (JsonProcessingException | InvalidNumberException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    /** Stored JSON text put into a response as it is, byte for byte (an audit entry, say). */
    public static Object raw(String json) {
        return new RawValue(json);
    }

    /** Writes a value as JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response is not serializable", e);
        }
    }
}
