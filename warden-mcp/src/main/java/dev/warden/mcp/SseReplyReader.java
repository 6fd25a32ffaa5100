package dev.warden.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the answer to one JSON-RPC request from an upstream's SSE response: its {@code data:}
 * events up to the message that answers it, handing every other message on the stream (progress,
 * the upstream's own requests) to the caller on the way; and finds the answer in a JSON body.
 */
final class SseReplyReader {
    /** The largest JSON-RPC message read from an upstream. */
    static final int MAX_MESSAGE_BYTES = 32 << 20;
    /** One SSE line: {@code data: } and a whole JSON-RPC message. */
    private static final int MAX_SSE_LINE = MAX_MESSAGE_BYTES + 16;

    /** What to do with a message on the stream that is not the answer. */
    @FunctionalInterface
    interface Other {
        void accept(JsonNode msg);
    }

    private SseReplyReader() {
    }

    /**
     * Reads SSE events until the response with {@code id}; hands what else arrives to {@code other}.
     *
     * @return the response, or null when the stream ended without it
     * @throws SocketTimeoutException when {@code deadline} (a {@link System#nanoTime} value) passed after another message
     */
    static JsonNode readEvents(InputStream body, JsonNode id, long deadline, Other other) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        String line;
        while ((line = Http1Connection.readLine(body, MAX_SSE_LINE)) != null) {
            if (line.isEmpty()) {
                if (data.size() > 0) {
                    JsonNode msg = McpJson.MAPPER.readTree(data.toByteArray());
                    data.reset();
                    JsonNode reply = matching(msg, id);
                    if (reply != null) {
                        return reply;
                    }
                    other.accept(msg);
                    if (System.nanoTime() - deadline > 0) {
                        throw new SocketTimeoutException("no response within the request timeout");
                    }
                }
            } else if (line.startsWith("data:")) {
                if (data.size() > 0) {
                    data.write('\n');
                }
                String value = line.length() > 5 && line.charAt(5) == ' ' ? line.substring(6) : line.substring(5);
                data.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
                if (data.size() > MAX_MESSAGE_BYTES) {
                    throw new IOException("upstream event larger than " + MAX_MESSAGE_BYTES + " bytes");
                }
            }
            // "event:", "id:", "retry:" and comments carry nothing the call needs
        }
        return null;
    }

    /** The response to {@code id} in {@code msg} (a message or a batch), or null. */
    static JsonNode matching(JsonNode msg, JsonNode id) {
        if (msg != null && msg.isArray()) {
            for (JsonNode m : msg) {
                if (isReplyTo(m, id)) {
                    return m;
                }
            }
            return null;
        }
        return isReplyTo(msg, id) ? msg : null;
    }

    private static boolean isReplyTo(JsonNode m, JsonNode id) {
        return m != null && m.isObject() && !m.has("method") && sameId(id, m.get("id"));
    }

    /** JSON-RPC ids compared as values: a numeric id may come back as another integer node type. */
    private static boolean sameId(JsonNode sent, JsonNode got) {
        if (got == null) {
            return false;
        }
        if (sent.isIntegralNumber() && got.isIntegralNumber()) {
            return sent.bigIntegerValue().equals(got.bigIntegerValue());
        }
        return sent.equals(got);
    }
}
