package dev.warden.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "-0", "0.0", "0e999999999", "1", "-1", "1e100", "-9.99e100", "1e-100", "1.5e-99",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e19", "12.50"})
    void parse_withinTheRule_accepted(String text) {
        assertThat(JsonNumbers.parse(text, "n")).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e101", "-1e101", "1e-101", "1e100000000", "1e999999999", "9.99e-101"})
    void parse_outsideTheRule_refusedNamingThePath(String text) {
        assertThatThrownBy(() -> JsonNumbers.parse(text, "args.n"))
                .isInstanceOf(InvalidNumberException.class)
                .hasMessageContaining("args.n")
                .extracting(e -> ((InvalidNumberException) e).path()).isEqualTo("args.n");
    }

    @Test
    void parse_tooManyDigitsOrTooLongText_refused() {
        assertThatThrownBy(() -> JsonNumbers.parse("1." + "1".repeat(100), "n")).hasMessageContaining("significant digits");
        assertThatThrownBy(() -> JsonNumbers.parse("1" + "0".repeat(JsonNumbers.MAX_TEXT_CHARS), "n"))
                .hasMessageContaining("longer than");
        // trailing zeros are not significant: 1 followed by 100 zeros is 1e100
        assertThat(JsonNumbers.parse("1" + "0".repeat(100), "n")).isEqualTo(BigInteger.TEN.pow(100));
    }

    @Test
    void parse_integersAsLongOrBigInteger_othersAsBigDecimal() {
        assertThat(JsonNumbers.parse("42", "n")).isEqualTo(42L);
        assertThat(JsonNumbers.parse("-9223372036854775808", "n")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonNumbers.parse("10000000000000000000", "n")).isEqualTo(new BigInteger("10000000000000000000"));
        assertThat(JsonNumbers.parse("1e21", "n")).isEqualTo(new BigDecimal("1e21"));
        assertThat(JsonNumbers.parse("2.50", "n")).isEqualTo(new BigDecimal("2.50"));
    }

    @Test
    void everyAcceptedNumber_hasAShortPlainForm() {
        BigDecimal longest = new BigDecimal("-" + "9".repeat(JsonNumbers.MAX_DIGITS) + "e-" + (JsonNumbers.MAX_EXPONENT + JsonNumbers.MAX_DIGITS - 1));
        assertThat(JsonNumbers.problem(longest)).isEmpty();
        assertThat(CanonicalJson.write(longest)).hasSize(JsonNumbers.MAX_PLAIN_CHARS);
        BigDecimal largest = new BigDecimal("9".repeat(JsonNumbers.MAX_DIGITS) + "e1");
        assertThat(CanonicalJson.write(largest).length()).isLessThanOrEqualTo(JsonNumbers.MAX_PLAIN_CHARS);
    }

    @Test
    void problem_isCheapForHugeExponents() {
        // the plain form of these has a billion digits; the check must not build it
        assertThat(JsonNumbers.problem(new BigDecimal("1e999999999"))).isPresent();
        assertThat(JsonNumbers.problem(new BigDecimal("1e-999999999"))).isPresent();
        assertThat(JsonNumbers.problem(Double.NaN)).isPresent();
        assertThat(JsonNumbers.problem(Double.POSITIVE_INFINITY)).isPresent();
        assertThat(JsonNumbers.problem(1e300)).isPresent();
        assertThat(JsonNumbers.problem(1e-5)).isEmpty();
    }

    @Test
    void checked_namesNestedPathsAndNormalizesIntegers() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("qty", 3);
        inner.put("big", BigInteger.valueOf(7));
        List<Object> items = new ArrayList<>(List.of(1L, inner));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("items", items);

        Object out = JsonNumbers.checked(args, "args");

        assertThat(out).isEqualTo(Map.of("items", List.of(1L, Map.of("qty", 3L, "big", 7L))));
        items.add(new BigDecimal("1e500"));
        assertThatThrownBy(() -> JsonNumbers.checked(args, "args"))
                .isInstanceOf(InvalidNumberException.class).hasMessageContaining("args.items[2]");
        assertThatThrownBy(() -> JsonNumbers.checked(Map.of("a", new BigDecimal("1e500")), ""))
                .hasMessageStartingWith("the number at a ");
    }

    @Test
    void checked_unchangedValues_notCopied() {
        Map<String, Object> args = Map.of("a", 1L, "b", List.of("x", 2L));
        assertThat(JsonNumbers.checked(args, "args")).isSameAs(args);
    }
}
