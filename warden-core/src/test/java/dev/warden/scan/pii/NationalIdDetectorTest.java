package dev.warden.scan.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scan.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class NationalIdDetectorTest {
    private final NationalIdDetector detector = new NationalIdDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsSocialSecurityNumbers_scoreRisesWithTheWord() {
        assertThat(found("SSN: 123-45-6789; other 078 05 1121")).containsExactly("123-45-6789", "078 05 1121");
        List<Finding> f = detector.scan("SSN: 123-45-6789; and in the other, unrelated record 078-05-1121");
        assertThat(f.get(0).score()).isEqualTo(1.0);
        assertThat(f.get(1).score()).isEqualTo(0.9);
        assertThat(found("TIN/SSN on file: 123456789")).containsExactly("123456789");
        assertThat(found("reference 123456789")).isEmpty(); // nine bare digits need the word
    }

    @Test
    void skipsNumbersNeverIssued() {
        assertThat(found("000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000")).isEmpty();
        assertThat(found("123-45-67890 and 2123-45-6789 and 123-45 6789")).isEmpty();
    }

    @Test
    void findsUkNationalInsuranceNumbers() {
        assertThat(found("NINO AB 12 34 56 C, also CE123456D")).containsExactly("AB 12 34 56 C", "CE123456D");
        assertThat(found("QQ 12 34 56 C, GB123456A, AB123456E, DA123456A")).isEmpty();
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("1".repeat(100_000))).isEmpty();
        assertThat(found("123-".repeat(25_000))).isEmpty();
        assertThat(found("AB 12 ".repeat(20_000))).isEmpty();
    }
}
