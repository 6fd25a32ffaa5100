package dev.warden.mcp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.warden.json.CanonicalJson;
import dev.warden.json.InvalidNumberException;
import dev.warden.json.JsonNumbers;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * JSON for the gateway: the SDK's mapper configured for Warden (numbers read under
 * {@link JsonNumbers the one number rule}: integers as {@code Long} or {@code BigInteger}, other
 * numbers as {@code BigDecimal}, so arguments reach the decision point in Warden's plain JSON
 * form; {@link McpError} written without its stack trace), and canonical digests.
 */
final class McpJson {
    /** Jackson mapper shared by the SDK transports and the gateway. */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // buffers shared across threads: the default keeps them per thread, and a request
                    // may run on a new virtual thread, where each parse would allocate ~16 KB afresh
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            // no USE_LONG_FOR_INTS: it fails on integers beyond the long range; plain() makes ints Longs
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(McpError.class, HideThrowableDetails.class)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(JsonNumbers.MAX_TEXT_CHARS).build());
    }

    /** The SDK view of {@link #MAPPER}. */
    static final McpJsonMapper SDK = new JacksonMcpJsonMapper(MAPPER);

    private McpJson() {
    }

    /** Keeps the SDK from serializing a Throwable's stack trace into HTTP error bodies. */
    @JsonIgnoreProperties({"stackTrace", "cause", "suppressed", "localizedMessage"})
    private interface HideThrowableDetails {
    }

    /**
     * Any SDK value as Warden's plain Java JSON (maps, lists, strings, Long, BigInteger, BigDecimal,
     * Boolean, null).
     *
     * @param path the value's name in an error, e.g. {@code arguments}
     * @throws InvalidNumberException naming the number that breaks the number rule
     */
    static Object plain(Object value, String path) {
        return value == null ? null : JsonNumbers.checked(MAPPER.convertValue(value, Object.class), path);
    }

    /** A JSON object as a plain map (empty for null); see {@link #plain(Object, String)}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plainObject(Object value, String path) {
        Object plain = plain(value, path);
        return plain instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Canonical JSON text of a value (see {@link CanonicalJson}). */
    static String canonical(Object value) {
        return CanonicalJson.write(plain(value, "value"));
    }

    /** SHA-256 hex of a text. */
    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a value as compact JSON. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not serializable", e);
        }
    }
}
