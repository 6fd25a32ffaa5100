package dev.warden.scan.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IbanDetectorTest {
    private final IbanDetector detector = new IbanDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsIbansWithOrWithoutSpacesInEitherCase() {
        assertThat(found("IBAN DE89 3704 0044 0532 0130 00, or DE89370400440532013000.")).containsExactly("DE89 3704 0044 0532 0130 00",
                "DE89370400440532013000");
        assertThat(found("pay gb82 west 1234 5698 7654 32 today")).containsExactly("gb82 west 1234 5698 7654 32");
        assertThat(found("IBAN:GB82WEST12345698765432;")).containsExactly("GB82WEST12345698765432");
        assertThat(found("NO9386011117947 and BE68539007547034")).containsExactly("NO9386011117947", "BE68539007547034");
    }

    @Test
    void skipsBadChecksumsWrongLengthsAndUnknownCountries() {
        assertThat(found("DE88 3704 0044 0532 0130 00")).isEmpty(); // check digits off by one
        assertThat(found("DE89 3704 0044 0532 0130 001")).isEmpty(); // one char too many
        assertThat(found("DE89 3704 0044 0532 0130")).isEmpty(); // too short
        assertThat(found("XX89370400440532013000")).isEmpty();
        assertThat(found("ADE89370400440532013000")).isEmpty(); // inside a longer word
    }

    @Test
    void mod97() {
        assertThat(IbanDetector.mod97("GB82WEST12345698765432")).isEqualTo(1);
        assertThat(IbanDetector.mod97("GB83WEST12345698765432")).isNotEqualTo(1);
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("DE89".repeat(25_000))).isEmpty();
        assertThat(found("DE89 ".repeat(20_000))).isEmpty();
        assertThat(found("A".repeat(100_000))).isEmpty();
    }
}
