package dev.warden.audit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline verifier reads back every number the log can hold, and nothing outside the number rule. */
class JsonParserNumbersTest {

    @Test
    void readsBackEveryNumberCanonicalJsonCanWrite() {
        List<Object> extremes = List.of(new BigDecimal("-" + "9".repeat(100) + "e-199"), new BigDecimal("9".repeat(100) + "e1"),
                new BigInteger("10000000000000000000"), new BigDecimal("0.0000001"), Long.MIN_VALUE);
        String text = CanonicalJson.write(extremes);

        assertThat(CanonicalJson.write(JsonParser.parse(text))).isEqualTo(text);
    }

    @Test
    void numbersOutsideTheRule_areRefusedWithTheirOffset() {
        assertThatThrownBy(() -> JsonParser.parse("[1,1e999999999]")).isInstanceOf(JsonException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> JsonParser.parse("[" + "1".repeat(300) + "]")).isInstanceOf(JsonException.class)
                .hasMessageContaining("longer than");
    }
}
