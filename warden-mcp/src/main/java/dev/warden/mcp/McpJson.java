package dev.warden.mcp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.warden.json.CanonicalJson;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * JSON for the gateway: the SDK's mapper configured for Warden (integers as {@code Long}, other
 * numbers as {@code BigDecimal}, so arguments reach the decision point in Warden's plain JSON
 * form; {@link McpError} written without its stack trace), and canonical digests.
 */
final class McpJson {
    /** Jackson mapper shared by the SDK transports and the gateway. */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // buffers shared across threads: the default keeps them per thread, and a request
                    // may run on a new virtual thread, where each parse would allocate ~16 KB afresh
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(McpError.class, HideThrowableDetails.class)
            .build();

    /** The SDK view of {@link #MAPPER}. */
    static final McpJsonMapper SDK = new JacksonMcpJsonMapper(MAPPER);

    private McpJson() {
    }

    /** Keeps the SDK from serializing a Throwable's stack trace into HTTP error bodies. */
    @JsonIgnoreProperties({"stackTrace", "cause", "suppressed", "localizedMessage"})
    private interface HideThrowableDetails {
    }

    /** Any SDK value as Warden's plain Java JSON (maps, lists, strings, Long, BigDecimal, Boolean, null). */
    static Object plain(Object value) {
        return value == null ? null : MAPPER.convertValue(value, Object.class);
    }

    /** A JSON object as a plain map (empty for null). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plainObject(Object value) {
        Object plain = plain(value);
        return plain instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Canonical JSON text of a value (see {@link CanonicalJson}). */
    static String canonical(Object value) {
        return CanonicalJson.write(plain(value));
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
