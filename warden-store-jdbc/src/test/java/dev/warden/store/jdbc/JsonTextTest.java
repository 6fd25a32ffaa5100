package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @Test
    void parsesEveryKindOfValueIntoPlainJavaForm() {
        Object value = JsonText.parse(" { \"s\" : \"x\", \"t\":true, \"f\":false, \"n\":null, \"i\":-42, "
                + "\"d\":49.99, \"e\":1e3, \"a\":[1,[],{}], \"o\":{\"k\":\"v\"} } ");

        assertThat(value).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("s", "t", "f", "n", "i", "d", "e", "a", "o");
        assertThat(map.get("s")).isEqualTo("x");
        assertThat(map.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(map.get("f")).isEqualTo(Boolean.FALSE);
        assertThat(map.containsKey("n")).isTrue();
        assertThat(map.get("n")).isNull();
        assertThat(map.get("i")).isEqualTo(-42L);
        assertThat(map.get("d")).isEqualTo(new BigDecimal("49.99"));
        assertThat(map.get("e")).isEqualTo(new BigDecimal("1e3"));
        assertThat(map.get("a")).isEqualTo(List.of(1L, List.of(), Map.of()));
        assertThat(map.get("a")).isInstanceOf(ArrayList.class);
        assertThat(map.get("o")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void integersBeyondLongBecomeBigInteger() {
        assertThat(JsonText.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(JsonText.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonText.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(JsonText.parse("-123456789012345678901234567890"))
                .isEqualTo(new BigInteger("-123456789012345678901234567890"));
        assertThat(JsonText.parse("0")).isEqualTo(0L);
        assertThat(JsonText.parse("-0")).isEqualTo(0L);
    }

    @Test
    void decodesEscapesAndKeepsUnicode() {
        assertThat(JsonText.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0001\\u00e9\\ud83d\\ude00\""))
                .isEqualTo("a\"b\\c/d\b\f\n\r\t\u0001é😀");
        assertThat(JsonText.parse("\"Zürich 東京 😀\"")).isEqualTo("Zürich 東京 😀");
    }

    @Test
    void roundTripsCanonicalJson() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("list", List.of("x", 1L, new BigDecimal("0.001"), Boolean.FALSE));
        inner.put("nothing", null);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("amount", new BigDecimal("49.99"));
        value.put("big", new BigInteger("99999999999999999999999"));
        value.put("text", "line1\nline2 \"quoted\" \u001f ü 😀");
        value.put("inner", inner);

        String text = CanonicalJson.write(value);
        Object parsed = JsonText.parse(text);

        assertThat(parsed).isEqualTo(value);
        assertThat(CanonicalJson.write(parsed)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{a:1}", "{'a':1}", "[1 2]", "01", "-", "1.", ".5", "1e", "1e+",
        "+1", "NaN", "Infinity", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12g4\"", "\"\\u12\"", "\"a\tb\"",
        "{\"a\":1,\"a\":2}", "[1] x", "// c\n1", "[1]]", "{\"a\" 1}", "1e99999999999"
    })
    void rejectsInvalidJson(String text) {
        assertThatThrownBy(() -> JsonText.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid JSON at offset");
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        char[] open = new char[JsonText.MAX_DEPTH + 1];
        char[] close = new char[JsonText.MAX_DEPTH + 1];
        Arrays.fill(open, '[');
        Arrays.fill(close, ']');
        String tooDeep = new String(open) + new String(close);
        assertThatThrownBy(() -> JsonText.parse(tooDeep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting");
        String deepest = tooDeep.substring(1, tooDeep.length() - 1);
        assertThat(JsonText.parse(deepest)).isInstanceOf(List.class);
    }

    @Test
    void typedEntryPointsCheckTheTopLevel() {
        assertThat(JsonText.parseObject("{}")).isEmpty();
        assertThat(JsonText.parseArray("[true]")).containsExactly(true);
        assertThatThrownBy(() -> JsonText.parseObject("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.parseArray("{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsBackEveryNumberCanonicalJsonCanWrite_underTheOneNumberRule() {
        List<Object> extremes = List.of(new BigDecimal("-" + "9".repeat(100) + "e-199"), new BigDecimal("9".repeat(100) + "e1"),
                new BigDecimal("1e-100"), new BigInteger("10000000000000000000"), new BigDecimal("0.0000001"));
        String text = CanonicalJson.write(extremes);

        assertThat(CanonicalJson.write(JsonText.parse(text))).isEqualTo(text);
        assertThatThrownBy(() -> JsonText.parse("[1e101]")).hasMessageContaining("too large");
        assertThatThrownBy(() -> JsonText.parse("1" + "0".repeat(300))).hasMessageContaining("longer than");
    }
}
