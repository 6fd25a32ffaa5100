package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.warden.audit.AuditHashing;
import dev.warden.json.JsonNumbers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit entries a test run wrote, read as an operator reads them ({@code GET /v1/audit/entries}),
 * each with its exact text as the listing returned it.
 */
final class AuditTrail {
    /** Deep enough for any entry Warden may write (MCP arguments are not depth-limited by the HTTP API's 64). */
    private static final StreamReadConstraints LENIENT = StreamReadConstraints.builder()
            .maxNestingDepth(5_000).maxStringLength(64 << 20).maxNumberLength(10_000).build();
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(LENIENT).build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /**
     * One listed entry.
     *
     * @param seq      its position
     * @param leafHash the leaf hash the listing gave
     * @param text     the entry's text exactly as listed
     * @param json     the entry parsed into Warden's plain JSON form
     */
    record Entry(long seq, String leafHash, String text, Map<String, Object> json) {
        String get(String key) {
            return (String) json.get(key);
        }

        int utf8Bytes() {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> args() {
            return (Map<String, Object>) json.get("args");
        }
    }

    private AuditTrail() {
    }

    /** The sequence number of the last entry written so far. */
    static long head(TestServer s) throws IOException, InterruptedException {
        List<Entry> all = after(s, 0, null);
        return all.isEmpty() ? 0 : all.getLast().seq();
    }

    /** Every entry after {@code seq} (of this kind; any kind when null), oldest first. */
    static List<Entry> after(TestServer s, long seq, String kind) throws IOException, InterruptedException {
        List<Entry> out = new ArrayList<>();
        long after = seq;
        while (true) {
            HttpResponse<String> page = s.getText("/v1/audit/entries?limit=100&after=" + after
                    + (kind == null ? "" : "&kind=" + kind), TestServer.ADMIN);
            assertThat(page.statusCode()).as("audit listing after %d: %s", after, abbreviated(page.body())).isEqualTo(200);
            List<Entry> entries = parse(page.body());
            if (entries.isEmpty()) {
                return out;
            }
            out.addAll(entries);
            after = entries.getLast().seq();
        }
    }

    /** The entries of one listing page, each entry's text cut from the body where the listing put it. */
    private static List<Entry> parse(String body) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!"entries".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    long seq = -1;
                    String leaf = null;
                    String text = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        switch (name) {
                            case "seq" -> seq = p.getLongValue();
                            case "leaf_hash" -> leaf = p.getText();
                            case "entry" -> {
                                int start = (int) p.currentTokenLocation().getCharOffset();
                                p.skipChildren();
                                text = body.substring(start, (int) p.currentLocation().getCharOffset());
                            }
                            default -> p.skipChildren();
                        }
                    }
                    out.add(new Entry(seq, leaf, text, parseObject(text)));
                }
            }
        }
        return out;
    }

    /** Any JSON object text (a response, an entry) in Warden's plain JSON form, however deep. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        try {
            return (Map<String, Object>) JsonNumbers.checked(MAPPER.readValue(text, Map.class), "");
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + abbreviated(text), e);
        }
    }

    private static void expect(JsonToken got, JsonToken wanted) {
        assertThat(got).isEqualTo(wanted);
    }

    /** The leaf hash of the entry's listed text: equal to the listed leaf hash when the listing gave the entry byte for byte. */
    static String leafHashOf(Entry e) {
        return AuditHashing.hex(new AuditHashing().leaf(e.text()));
    }

    static String abbreviated(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "... (" + s.length() + " characters)";
    }
}
