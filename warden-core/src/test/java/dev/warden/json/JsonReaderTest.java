package dev.warden.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.decision.RequestBounds;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one JSON reader: RFC 8259 and nothing more, the number rule, and everything CanonicalJson writes read back. */
class JsonReaderTest {

    @Test
    void parse_everyKindOfValue_intoPlainJavaForm() {
        Object value = JsonReader.parse(" { \"s\" : \"x\", \"t\":true, \"f\":false, \"n\":null, \"i\":-42, "
                + "\"d\":49.99, \"e\":1e3, \"a\":[1,[],{}], \"o\":{\"k\":\"v\"} } ");

        assertThat(value).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("s", "t", "f", "n", "i", "d", "e", "a", "o");
        assertThat(map.get("s")).isEqualTo("x");
        assertThat(map.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(map.get("f")).isEqualTo(Boolean.FALSE);
        assertThat(map).containsEntry("n", null);
        assertThat(map.get("i")).isEqualTo(-42L);
        assertThat(map.get("d")).isEqualTo(new BigDecimal("49.99"));
        assertThat(map.get("e")).isEqualTo(new BigDecimal("1e3"));
        assertThat(map.get("a")).isEqualTo(List.of(1L, List.of(), Map.of())).isInstanceOf(ArrayList.class);
        assertThat(map.get("o")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void parse_typedEntryPoints_checkTheTopLevel() {
        assertThat(JsonReader.parseObject("{}")).isEmpty();
        assertThat(JsonReader.parseArray("[true]")).containsExactly(true);
        byte[] bytes = "xx{\"a\":1}yy".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonReader.parseObject(bytes, 2, 7)).isEqualTo(Map.of("a", 1L));
        assertThatThrownBy(() -> JsonReader.parseObject("[]")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> JsonReader.parseArray("{}")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> JsonReader.parse((String) null)).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> JsonReader.parse(bytes, 8, 7)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0", "-0", "1", "-1", "0.5", "-0.5e-3", "1E+2", "1e2", "12.34E-5", "true", "false", "null", "\"\"", "[]", "{}",
        " \t\n\r[ 1 , { \"a\" : [ ] } ]\r\n\t ", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u00E9\"", "\"\u007f \u2028 é 😀\"",
        "[[[[]]]]", "{\"\":0}", "{\"a\":1,\"b\":{\"a\":1}}"
    })
    void parse_theGrammar_accepts(String text) {
        Object value = JsonReader.parse(text);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonReader.parse(bytes, 0, bytes.length)).isEqualTo(value);
    }

    static Stream<Arguments> notJson() {
        return Stream.of(
                Arguments.of("", 0), Arguments.of(" ", 1), Arguments.of("{", 1), Arguments.of("}", 0),
                Arguments.of("[1,]", 3), Arguments.of("{\"a\":1,}", 7), Arguments.of("{a:1}", 1), Arguments.of("{'a':1}", 1),
                Arguments.of("[1 2]", 3), Arguments.of("01", 0), Arguments.of("-", 1), Arguments.of("1.", 2),
                Arguments.of(".5", 0), Arguments.of("1e", 2), Arguments.of("1e+", 3), Arguments.of("+1", 0),
                Arguments.of("NaN", 0), Arguments.of("Infinity", 0), Arguments.of("-Infinity", 1), Arguments.of("tru", 3),
                Arguments.of("nul", 3), Arguments.of("True", 0), Arguments.of("\"abc", 4), Arguments.of("\"\\x\"", 2),
                Arguments.of("\"\\u12g4\"", 5), Arguments.of("\"\\u12\"", 5), Arguments.of("\"\\", 2), Arguments.of("\"a\tb\"", 2),
                Arguments.of("\"a\nb\"", 2), Arguments.of("\"\u0000\"", 1), Arguments.of("[1] x", 4), Arguments.of("1 2", 2),
                Arguments.of("// c\n1", 0), Arguments.of("/* c */1", 0), Arguments.of("[1]]", 3), Arguments.of("{\"a\" 1}", 5),
                Arguments.of("{\"a\":}", 5), Arguments.of("{,}", 1), Arguments.of("[,1]", 1), Arguments.of("\uFEFF1", 0),
                Arguments.of("\u00a01", 0), Arguments.of("\f1", 0), Arguments.of("[1,\u000b2]", 3), Arguments.of("'a'", 0),
                Arguments.of("0x10", 1), Arguments.of("1.5.", 3), Arguments.of("-01", 0), Arguments.of("[-]", 2),
                Arguments.of("{\"a\":1 \"b\":2}", 7), Arguments.of("{\"a\":1,\"a\":2}", 7), Arguments.of("{\"a\":1}{}", 7));
    }

    @ParameterizedTest
    @MethodSource("notJson")
    void parse_outsideTheGrammar_refusedWithTheOffset(String text, int offset) {
        assertThatThrownBy(() -> JsonReader.parse(text)).isInstanceOfSatisfying(JsonException.class, e -> {
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.getMessage()).startsWith("invalid JSON at offset " + offset + ": ");
        });
    }

    @Test
    void parse_stringInput_offsetCountsCharsNotUtf8Bytes() {
        // "é😀" is 2 + 4 UTF-8 bytes but 3 chars
        assertThatThrownBy(() -> JsonReader.parse("[\"é😀\", x]")).isInstanceOfSatisfying(JsonException.class,
                e -> assertThat(e.offset()).isEqualTo(8));
        byte[] bytes = "..[\"é😀\", x]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonReader.parse(bytes, 2, bytes.length - 2)).isInstanceOfSatisfying(JsonException.class,
                e -> assertThat(e.offset()).isEqualTo(13));
    }

    @Test
    void parse_integers_longOrBigIntegerBeyondTheLongRange() {
        assertThat(JsonReader.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(JsonReader.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonReader.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(JsonReader.parse("-123456789012345678901234567890"))
                .isEqualTo(new BigInteger("-123456789012345678901234567890"));
        assertThat(JsonReader.parse("0")).isEqualTo(0L);
        assertThat(JsonReader.parse("-0")).isEqualTo(0L);
        assertThat(JsonReader.parse("1.0")).isEqualTo(new BigDecimal("1.0"));
    }

    @Test
    void parse_everyNumberCanonicalJsonCanWrite_readsBack() {
        List<Object> extremes = List.of(new BigDecimal("-" + "9".repeat(100) + "e-199"), new BigDecimal("9".repeat(100) + "e1"),
                new BigDecimal("1e-100"), new BigDecimal("1e100"), new BigInteger("10000000000000000000"),
                new BigDecimal("0.0000001"), Long.MIN_VALUE, Long.MAX_VALUE);
        String text = CanonicalJson.write(extremes);

        assertThat(CanonicalJson.write(JsonReader.parse(text))).isEqualTo(text);
        byte[] line = ("{\"n\":" + text + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(JsonReader.objectSpans(line, 0, line.length).value("n")).isEqualTo(JsonReader.parse(text));
    }

    static Stream<String> outsideTheRule() {
        return Stream.of("[1,1e999999999]", "[1,1e101]", "[1,-1e-101]", "[1,1e99999999999999999999]",
                "[1,1e-2147483649]", "[1,0.1e-100]", "[1,1" + "0".repeat(101) + "]", "[1," + "1".repeat(101) + ".5]");
    }

    @ParameterizedTest
    @MethodSource("outsideTheRule")
    void parse_numbersOutsideTheRule_refusedWithTheirOffset_alsoWhenOnlySkipped(String text) {
        assertThatThrownBy(() -> JsonReader.parse(text)).isInstanceOfSatisfying(JsonException.class, e -> {
            assertThat(e.offset()).isEqualTo(3);
            assertThat(e.getMessage()).contains("the number at offset 3 ");
        });
        byte[] line = ("{\"a\":" + text + "}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonReader.objectSpans(line, 0, line.length)).isInstanceOf(JsonException.class);
    }

    @Test
    void parse_numberTextLongerThanTheRule_refused() {
        assertThatThrownBy(() -> JsonReader.parse("1" + "0".repeat(300))).hasMessageContaining("longer than");
        assertThatThrownBy(() -> JsonReader.parse("0." + "0".repeat(300))).hasMessageContaining("longer than");
        assertThatThrownBy(() -> JsonReader.parse("0e99999999999999999999")).hasMessageContaining("exponent out of range");
        assertThat(JsonReader.parse("0e999")).isEqualTo(new BigDecimal("0e999"));
    }

    @Test
    void parse_escapesAndUnicode_decoded() {
        assertThat(JsonReader.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0001\\u00e9\\ud83d\\ude00\""))
                .isEqualTo("a\"b\\c/d\b\f\n\r\t\u0001é😀");
        assertThat(JsonReader.parse("\"Zürich 東京 😀\"")).isEqualTo("Zürich 東京 😀");
        assertThat(JsonReader.parse("\"\\u0000\\uFFFF\\uabcd\"")).isEqualTo("\u0000\uffff\uabcd");
    }

    @Test
    void parse_escapedUnpairedSurrogates_readBackAsTheSameLoneChars() {
        assertThat(JsonReader.parse("\"\\ud800\"")).isEqualTo("\ud800");
        assertThat(JsonReader.parse("\"a\\udc00\\ud800b\\ud83d\"")).isEqualTo("a\udc00\ud800b\ud83d");
        assertThat(JsonReader.parse("{\"k\\ud800\":1}")).isEqualTo(Map.of("k\ud800", 1L));
        String lone = "o-\udc00 \ud83d\ude00 \ud83d";
        String written = CanonicalJson.write(Map.of("order_id", lone));
        assertThat(JsonReader.parseObject(written)).containsEntry("order_id", lone);
        byte[] bytes = written.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonReader.objectSpans(bytes, 0, bytes.length).string("order_id")).isEqualTo(lone);
    }

    @Test
    void parse_stringWithARawUnpairedSurrogate_refusedAtIt() {
        // a raw lone surrogate has no UTF-8 form; read as it was it would have become '?'
        assertThatThrownBy(() -> JsonReader.parse("[\"ab\ud800\"]")).isInstanceOfSatisfying(JsonException.class,
                e -> assertThat(e.offset()).isEqualTo(4));
        assertThatThrownBy(() -> JsonReader.parse("\"\udc00\ud800\"")).isInstanceOf(JsonException.class);
        assertThat(JsonReader.parse("\"\ud83d\ude00\"")).isEqualTo("😀");
    }

    static Stream<Arguments> notUtf8() {
        return Stream.of(
                Arguments.of("80", "a lone continuation byte"), Arguments.of("bf", "a lone continuation byte"),
                Arguments.of("c0af", "overlong '/'"), Arguments.of("c180", "overlong"), Arguments.of("e080af", "overlong"),
                Arguments.of("e09fbf", "overlong"), Arguments.of("f08282ac", "overlong"), Arguments.of("f08fbfbf", "overlong"),
                Arguments.of("eda080", "an encoded surrogate (CESU-8)"), Arguments.of("edbfbf", "an encoded surrogate"),
                Arguments.of("f4908080", "beyond U+10FFFF"), Arguments.of("f5808080", "beyond U+10FFFF"),
                Arguments.of("ff", "never in UTF-8"), Arguments.of("fe", "never in UTF-8"), Arguments.of("c3", "truncated"),
                Arguments.of("e282", "truncated"), Arguments.of("f09f98", "truncated"), Arguments.of("c328", "bad continuation"),
                Arguments.of("e228a1", "bad continuation"), Arguments.of("f0289f98", "bad continuation"));
    }

    @ParameterizedTest
    @MethodSource("notUtf8")
    void parse_bytesThatAreNotUtf8_refusedAtTheirFirstByte(String hex, String why) {
        byte[] bad = HexFormat.of().parseHex(hex);
        byte[] text = concat("[\"ab".getBytes(StandardCharsets.UTF_8), bad, "\"]".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> JsonReader.parse(text, 0, text.length)).as(why).isInstanceOfSatisfying(JsonException.class, e -> {
            assertThat(e.offset()).isEqualTo(4);
            assertThat(e.getMessage()).contains("invalid UTF-8");
        });
        byte[] line = concat("{\"a\":[\"ab".getBytes(StandardCharsets.UTF_8), bad, "\"]}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> JsonReader.objectSpans(line, 0, line.length)).as(why).isInstanceOf(JsonException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c280", "dfbf", "e0a080", "ed9fbf", "ee8080", "efbfbf", "f0908080", "f48fbfbf", "e282ac", "f09f9880"})
    void parse_utf8AtTheEdgesOfEachForm_decodedAsTheJdkDoes(String hex) {
        byte[] chars = HexFormat.of().parseHex(hex);
        byte[] text = concat(new byte[] {'"'}, chars, new byte[] {'"'});
        assertThat(JsonReader.parse(text, 0, text.length)).isEqualTo(new String(chars, StandardCharsets.UTF_8));
    }

    @Test
    void parse_nesting_upToMaxDepthLevels() {
        String deepest = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertThat(JsonReader.parse(deepest)).isInstanceOf(List.class);
        String tooDeep = "[" + deepest + "]";
        assertThatThrownBy(() -> JsonReader.parse(tooDeep)).isInstanceOfSatisfying(JsonException.class, e -> {
            assertThat(e.offset()).isEqualTo(JsonReader.MAX_DEPTH);
            assertThat(e.getMessage()).contains("nesting deeper than " + JsonReader.MAX_DEPTH);
        });
        String objects = "{\"a\":".repeat(JsonReader.MAX_DEPTH) + "1" + "}".repeat(JsonReader.MAX_DEPTH);
        assertThat(JsonReader.parse(objects)).isInstanceOf(Map.class);
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":" + objects + "}")).hasMessageContaining("nesting");
        byte[] line = ("{\"a\":" + objects + "}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonReader.objectSpans(line, 0, line.length)).hasMessageContaining("nesting");
        assertThatThrownBy(() -> JsonReader.parse("[".repeat(100_000))).hasMessageContaining("nesting");
    }

    @Test
    void objectSpans_exportLineOfAnEntryWithTheDeepestArguments_reads() {
        // the deepest arguments a decision takes, in an entry, in an export line: two levels around them
        Object body = 1L;
        for (int i = 1; i < RequestBounds.MAX_ARGS_DEPTH; i++) {
            body = List.of(body);
        }
        String entry = CanonicalJson.write(Map.of("kind", "decision", "args", Map.of("body", body)));
        String line = "{\"type\":\"entry\",\"index\":0,\"entry\":" + entry + "}";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);

        JsonObjectSpans spans = JsonReader.objectSpans(bytes, 0, bytes.length);
        JsonObjectSpans.Span span = spans.span("entry").orElseThrow();
        assertThat(new String(bytes, span.start(), span.length(), StandardCharsets.UTF_8)).isEqualTo(entry);
        assertThat(JsonReader.objectSpans(bytes, span.start(), span.length()).string("kind")).isEqualTo("decision");
        assertThat(JsonReader.parseObject(line)).containsKey("entry");
    }

    @Test
    void parse_duplicateMemberNames_refusedAtAnyDepthAndEvenWhenEscapedDifferently() {
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":1,\"a\":1}")).isInstanceOfSatisfying(JsonException.class, e -> {
            assertThat(e.offset()).isEqualTo(7);
            assertThat(e.getMessage()).contains("duplicate member 'a'");
        });
        assertThatThrownBy(() -> JsonReader.parse("[{\"x\":{\"b\":1,\"c\":2,\"b\":3}}]")).hasMessageContaining("duplicate member 'b'");
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":1,\"\\u0061\":2}")).hasMessageContaining("duplicate member 'a'");
        for (String text : List.of("{\"a\":1,\"a\":2}", "{\"e\":{\"k\":1,\"j\":2,\"k\":3}}", "{\"e\":[{\"k\":1,\"\\u006b\":1}]}")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> JsonReader.objectSpans(bytes, 0, bytes.length)).as(text)
                    .isInstanceOf(JsonException.class).hasMessageContaining("duplicate member");
        }
    }

    @Test
    void objectSpans_membersAsByteSpansOfTheInput() {
        byte[] bytes = "  { \"s\" : \"é\\n\", \"i\": -7, \"d\": 2.0, \"o\": {\"k\": [1, \"x\"]}, \"t\": true } "
                .getBytes(StandardCharsets.UTF_8);
        JsonObjectSpans spans = JsonReader.objectSpans(bytes, 0, bytes.length);

        assertThat(spans.members().keySet()).containsExactly("s", "i", "d", "o", "t");
        JsonObjectSpans.Span o = spans.span("o").orElseThrow();
        assertThat(new String(bytes, o.start(), o.length(), StandardCharsets.UTF_8)).isEqualTo("{\"k\": [1, \"x\"]}");
        assertThat(o.kind()).isEqualTo((byte) '{');
        assertThat(spans.string("s")).isEqualTo("é\n");
        assertThat(spans.integer("i")).isEqualTo(-7L);
        assertThat(spans.integer("d")).isEqualTo(2L);
        assertThat(spans.value("o")).isEqualTo(Map.of("k", List.of(1L, "x")));
        assertThat(spans.has("t")).isTrue();
        assertThat(spans.has("x")).isFalse();
        assertThat(spans.input()).isSameAs(bytes);
        assertThatThrownBy(() -> spans.string("i")).isInstanceOf(JsonException.class).hasMessageContaining("not a string");
        assertThatThrownBy(() -> spans.integer("s")).isInstanceOf(JsonException.class).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> spans.integer("x")).isInstanceOf(JsonException.class).hasMessageContaining("missing 'x'");
        for (String notOne : List.of("[]", "{} {}", "{\"a\":}", "{\"a\":1,}", "", "\"s\"")) {
            byte[] b = notOne.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> JsonReader.objectSpans(b, 0, b.length)).as(notOne).isInstanceOf(JsonException.class);
        }
        byte[] big = "{\"n\":9223372036854775808}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonReader.objectSpans(big, 0, big.length).integer("n")).hasMessageContaining("not an integer");
    }

    @Test
    void parse_canonicalJsonOfRandomValues_readsBackTheSameValueAndText() {
        long seed = Long.getLong("warden.json.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            Object value = randomValue(random, 0);
            String text = CanonicalJson.write(value);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            String because = "seed " + seed + " (-Dwarden.json.seed), value " + i + ": " + text;

            Object back = JsonReader.parse(text);
            assertThat(back).as(because).isEqualTo(value);
            assertThat(CanonicalJson.write(back)).as(because).isEqualTo(text);
            assertThat(JsonReader.parse(bytes, 0, bytes.length)).as(because).isEqualTo(value);
            if (value instanceof Map<?, ?> map) {
                JsonObjectSpans spans = JsonReader.objectSpans(bytes, 0, bytes.length);
                assertThat(spans.members().keySet()).as(because).containsExactlyInAnyOrderElementsOf(
                        map.keySet().stream().map(String.class::cast).toList());
                for (Map.Entry<String, JsonObjectSpans.Span> m : spans.members().entrySet()) {
                    JsonObjectSpans.Span s = m.getValue();
                    assertThat(new String(bytes, s.start(), s.length(), StandardCharsets.UTF_8)).as(because)
                            .isEqualTo(CanonicalJson.write(map.get(m.getKey())));
                    assertThat(spans.value(m.getKey())).as(because).isEqualTo(map.get(m.getKey()));
                }
            }
        }
    }

    /** A value in the form the reader gives back: Long, BigInteger beyond it, BigDecimal with a fraction. */
    private static Object randomValue(Random r, int depth) {
        int kind = depth >= 4 ? r.nextInt(6) : depth == 0 ? 6 + r.nextInt(2) : r.nextInt(8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt(3) == 0 ? (long) r.nextInt(100) : r.nextLong();
            case 3 -> new BigInteger(64 + r.nextInt(250), r).add(BigInteger.valueOf(Long.MAX_VALUE)).add(BigInteger.ONE)
                    .multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1));
            case 4 -> randomFraction(r);
            case 5 -> randomString(r);
            case 6 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(6); i > 0; i--) {
                    m.put(randomString(r), randomValue(r, depth + 1));
                }
                yield m;
            }
            default -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(6); i > 0; i--) {
                    l.add(randomValue(r, depth + 1));
                }
                yield l;
            }
        };
    }

    private static BigDecimal randomFraction(Random r) {
        while (true) {
            BigDecimal d = new BigDecimal(new BigInteger(1 + r.nextInt(300), r), r.nextInt(200) - 90).stripTrailingZeros();
            d = r.nextBoolean() ? d : d.negate();
            if (d.scale() > 0 && JsonNumbers.problem(d).isEmpty()) {
                return d;
            }
        }
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            switch (r.nextInt(8)) {
                case 0 -> s.append((char) r.nextInt(0x20)); // control characters
                case 1 -> s.append("\"\\/".charAt(r.nextInt(3)));
                case 2 -> s.append((char) (0xd800 + r.nextInt(0x800))); // a surrogate, often unpaired
                case 3 -> s.appendCodePoint(0x10000 + r.nextInt(0x100000));
                case 4 -> s.append((char) (0x80 + r.nextInt(0xd800 - 0x80)));
                case 5 -> s.append((char) (0xe000 + r.nextInt(0x2000)));
                default -> s.append((char) (0x20 + r.nextInt(0x60)));
            }
        }
        return s.toString();
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
