package dev.warden.scan.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CardNumberDetectorTest {
    private final CardNumberDetector detector = new CardNumberDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsLuhnValidNumbersOfKnownIssuers() {
        assertThat(found("visa 4111 1111 1111 1111, mc 5555-5555-5555-4444, amex 3782 822463 10005, raw 6011111111111117."))
                .containsExactly("4111 1111 1111 1111", "5555-5555-5555-4444", "3782 822463 10005", "6011111111111117");
        assertThat(found("{\"pan\":\"2223003122003222\"}")).containsExactly("2223003122003222");
    }

    @Test
    void skipsBadChecksumsUnknownIssuersLongerRunsAndMixedSeparators() {
        assertThat(found("4111 1111 1111 1112")).isEmpty(); // Luhn fails
        assertThat(found("1234 5678 9012 3452")).isEmpty(); // Luhn holds, no issuer starts with 1
        assertThat(found("9400 1000 0000 0000 0000 00 and 41111111111111110")).isEmpty();
        assertThat(found("4111-1111 1111-1111")).isEmpty();
        assertThat(found("ORD4111111111111111 and 4111111111111111x and SKU 4111111111111111-B")).isEmpty();
    }

    @Test
    void checks() {
        assertThat(CardNumberDetector.luhn("79927398713")).isTrue();
        assertThat(CardNumberDetector.luhn("79927398710")).isFalse();
        assertThat(CardNumberDetector.issued("378282246310005")).isTrue();
        assertThat(CardNumberDetector.issued("3782822463100055")).isFalse(); // Amex is 15 digits
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("4".repeat(100_000))).isEmpty();
        assertThat(found("4111 ".repeat(25_000))).isEmpty();
        assertThat(found("4-".repeat(50_000))).isEmpty();
    }
}
