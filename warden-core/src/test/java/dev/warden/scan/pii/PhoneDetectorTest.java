package dev.warden.scan.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneDetectorTest {
    private final PhoneDetector detector = new PhoneDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsInternationalNumbers() {
        assertThat(found("call +44 20 7946 0958 or +1 (415) 555-0132")).containsExactly("+44 20 7946 0958", "+1 (415) 555-0132");
        assertThat(found("Tel. +49 (0)30 1234567, +33 6 12 34 56 78, +81 3-1234-5678")).containsExactly("+49 (0)30 1234567",
                "+33 6 12 34 56 78", "+81 3-1234-5678");
        assertThat(found("<a href=\"tel:+14155550123\">")).containsExactly("+14155550123");
    }

    @Test
    void findsNationalFormatsWithSeparators() {
        assertThat(found("Phone: (415) 555-0132, 415.555.0199, 1-800-555-0100")).containsExactly("(415) 555-0132", "415.555.0199",
                "1-800-555-0100");
        assertThat(found("ring 020 7946 0958 or 07700 900123; Paris 01 23 45 67 89")).containsExactly("020 7946 0958", "07700 900123",
                "01 23 45 67 89");
        assertThat(found("call me at 4155550123 tonight")).containsExactly("4155550123");
        assertThat(found("mi móvil 612 345 678; Telefon 22 33 44 55; cell 347 123 4567")).containsExactly("612 345 678", "22 33 44 55",
                "347 123 4567");
        assertThat(found("we shipped 612 345 678 units; batch 22 33 44 55")).isEmpty(); // no phone word: not a phone
        assertThat(detector.scan("tel 4155550123").get(0).score()).isLessThan(detector.scan("+1 415 555 0123").get(0).score());
    }

    @Test
    void skipsDatesTimesVersionsAndReferenceNumbers() {
        assertThat(found("on 2025-12-07 14:30:00 and 07.12.2025, or 12/07/2025 10:15")).isEmpty();
        assertThat(found("version 10.4.2.1234 build 20251207")).isEmpty();
        assertThat(found("Order no. 415-555-0132 shipped; invoice 0301234567")).isEmpty();
        assertThat(found("4111 1111 1111 1111 is a card and 5551234567 is a bare number")).isEmpty();
        assertThat(found("ssn 086-02-9111 and IBAN NL23 RDAT 0192 8348 02")).isEmpty();
        assertThat(found("192.168.10.1, 1,234,567,890 and 3.14159265")).isEmpty();
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("1".repeat(100_000))).isEmpty();
        assertThat(found("1 ".repeat(50_000))).isEmpty();
        assertThat(found("(1".repeat(50_000))).isEmpty();
        assertThat(found("+".repeat(100_000))).isEmpty();
        assertThat(found("12-".repeat(33_000))).isEmpty();
    }
}
