package dev.warden.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void write_objectKeys_sortedByUtf16CodeUnits() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", 2L);
        m.put("B", 3L);
        m.put("aa", 4L);
        m.put("\uFFFD", 5L);
        m.put("\uD83D\uDE00", 6L); // U+1F600: surrogate pair D83D sorts before FFFD in UTF-16 order
        m.put("é", 7L);

        assertThat(CanonicalJson.write(m))
                .isEqualTo("{\"B\":3,\"a\":2,\"aa\":4,\"b\":1,\"é\":7,\"\uD83D\uDE00\":6,\"\uFFFD\":5}");
    }

    @Test
    void write_nestedStructures_sortedAtEveryLevelWithoutWhitespace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", List.of(true, false));
        inner.put("y", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outer", inner);
        m.put("list", List.of(Map.of("k", "v"), List.of(), Map.of()));
        m.put("empty", "");

        assertThat(CanonicalJson.write(m))
                .isEqualTo("{\"empty\":\"\",\"list\":[{\"k\":\"v\"},[],{}],\"outer\":{\"y\":null,\"z\":[true,false]}}");
    }

    @Test
    void write_arrays_keepTheirOrder() {
        assertThat(CanonicalJson.write(List.of("b", "a", 3L, 1L))).isEqualTo("[\"b\",\"a\",3,1]");
    }

    @Test
    void write_quotesAndBackslash_escaped() {
        assertThat(CanonicalJson.write("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
    }

    @Test
    void write_controlCharacters_shortEscapesOrLowerCaseUnicodeEscapes() {
        String s = "\b\f\n\r\t" + "\u0000" + "\u001f" + "\u0007";
        assertThat(CanonicalJson.write(s)).isEqualTo("\"\\b\\f\\n\\r\\t\\u0000\\u001f\\u0007\"");
    }

    @Test
    void write_unpairedSurrogates_lowerCaseUnicodeEscapes_soTheUtf8FormKeepsThem() {
        // a lone surrogate has no UTF-8 form: written literally, it became '?' in every hash and store
        Map<String, Object> m = Map.of("k\uD800", "a\uDFFFb\uDC00\uD800c\uD83D");
        assertThat(CanonicalJson.write(m)).isEqualTo("{\"k\\ud800\":\"a\\udfffb\\udc00\\ud800c\\ud83d\"}");
        assertThat(CanonicalJson.write("\uD83D\uDE00\uD83D")).isEqualTo("\"\uD83D\uDE00\\ud83d\"");
        assertThat(JsonReader.parse(CanonicalJson.write(m))).isEqualTo(m);
    }

    @Test
    void write_nonAsciiAndSlash_stayLiteral() {
        String s = "Zürich / 東京 \uD83D\uDE00 \u007f \u2028";
        assertThat(CanonicalJson.write(s)).isEqualTo("\"" + s + "\"");
    }

    @Test
    void write_integers_plainDecimal() {
        assertThat(CanonicalJson.write(List.of(0L, -7L, Long.MAX_VALUE, 42, Integer.MIN_VALUE)))
                .isEqualTo("[0,-7,9223372036854775807,42,-2147483648]");
        assertThat(CanonicalJson.write(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void write_decimals_shortestPlainForm() {
        assertThat(CanonicalJson.write(new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(CanonicalJson.write(new BigDecimal("100.0"))).isEqualTo("100");
        assertThat(CanonicalJson.write(new BigDecimal("0.0"))).isEqualTo("0");
        assertThat(CanonicalJson.write(new BigDecimal("-0.00"))).isEqualTo("0");
        assertThat(CanonicalJson.write(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(CanonicalJson.write(new BigDecimal("1.23E-7"))).isEqualTo("0.000000123");
        assertThat(CanonicalJson.write(new BigDecimal("-12.340"))).isEqualTo("-12.34");
    }

    @Test
    void write_finiteDoubles_sameAsDecimal() {
        assertThat(CanonicalJson.write(List.of(1.5d, 100.0d, -0.0d, 0.5f))).isEqualTo("[1.5,100,0,0.5]");
    }

    @Test
    void write_nonFiniteNumbers_rejected() {
        assertThatThrownBy(() -> CanonicalJson.write(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> CanonicalJson.write(List.of(Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }

    @Test
    void write_literals() {
        assertThat(CanonicalJson.write(Arrays.asList(true, false, null))).isEqualTo("[true,false,null]");
        assertThat(CanonicalJson.write(null)).isEqualTo("null");
    }

    @Test
    void write_equalMapsWithDifferentInsertionOrder_identicalOutput() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("amount", new BigDecimal("10.0"));
        a.put("order", Map.of("id", "o-1", "lines", List.of(1L, 2L)));
        a.put("currency", "EUR");
        Map<String, Object> b = new HashMap<>();
        b.put("currency", "EUR");
        b.put("order", new TreeMap<>(Map.of("lines", List.of(1L, 2L), "id", "o-1")));
        b.put("amount", new BigDecimal("10"));

        assertThat(CanonicalJson.write(a)).isEqualTo(CanonicalJson.write(b))
                .isEqualTo("{\"amount\":10,\"currency\":\"EUR\",\"order\":{\"id\":\"o-1\",\"lines\":[1,2]}}");
    }

    @Test
    void write_nonJsonValues_rejectedNamingTheType() {
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("when", Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
        assertThatThrownBy(() -> CanonicalJson.write(Optional.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.util.Optional");
        assertThatThrownBy(() -> CanonicalJson.write(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON value");
        assertThatThrownBy(() -> CanonicalJson.write((short) 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Short");
    }

    @Test
    void write_nonStringKey_rejected() {
        assertThatThrownBy(() -> CanonicalJson.write(Map.of(1L, "one")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key is not a string");
    }

    @Test
    void write_output_parsesBackToTheSameValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\u0001é");
        m.put("n", List.of(1L, new BigDecimal("2.5"), Arrays.asList(null, true)));
        m.put("o", new LinkedHashMap<>(Map.of("k", new ArrayList<>(List.of("v")))));

        Object back = JsonReader.parse(CanonicalJson.write(m));

        assertThat(back).isEqualTo(m);
    }

    @Test
    void write_numberOutsideTheRule_refusedWithoutExpandingIt() {
        // 1e999999999 in plain form is a billion characters; it must be refused, not written
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("n", new BigDecimal("1e999999999"))))
                .isInstanceOf(InvalidNumberException.class);
        assertThatThrownBy(() -> CanonicalJson.write(List.of(new BigInteger("1" + "0".repeat(150)))))
                .isInstanceOf(InvalidNumberException.class);
        assertThatThrownBy(() -> CanonicalJson.write(1e300)).isInstanceOf(InvalidNumberException.class);
        assertThat(CanonicalJson.write(new BigDecimal("1e19"))).isEqualTo("10000000000000000000");
    }

    @Test
    void write_withALimit_stopsAsSoonAsItIsExceeded() {
        List<Object> big = java.util.Collections.nCopies(100_000, "0123456789");
        assertThatThrownBy(() -> CanonicalJson.write(big, 1000)).isInstanceOf(CanonicalJson.TooLargeException.class);
        assertThatThrownBy(() -> CanonicalJson.write("x".repeat(2000), 1000)).isInstanceOf(CanonicalJson.TooLargeException.class);
        assertThat(CanonicalJson.write(Map.of("a", "b"), 9)).isEqualTo("{\"a\":\"b\"}");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("a", "b"), 8)).isInstanceOf(CanonicalJson.TooLargeException.class);
    }
}
