package dev.warden.server.api.v1;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.Map;

/**
 * JSON on the wire: strict parsing into Warden's plain Java JSON form (integers as Long or
 * BigInteger, other numbers as BigDecimal, duplicate keys rejected, depth and sizes bounded) and
 * writing of response maps.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // shared buffers: per-thread ones are new for every request that runs on a virtual thread
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_LONG_FOR_INTS,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(100).build());
    }

    private Json() {
    }

    /**
     * Parses a request body that must be a JSON object.
     *
     * @throws WardenException {@code invalid_request} describing the syntax error
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw new WardenException(ErrorCode.INVALID_REQUEST, "request body must be a JSON object");
        }
        Object value;
        try {
            value = MAPPER.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new WardenException(ErrorCode.INVALID_REQUEST, "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new WardenException(ErrorCode.INVALID_REQUEST, "request body must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    /** Parses any JSON text (used for stored canonical entries). */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
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
