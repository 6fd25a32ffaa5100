package dev.warden.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentDetectorsTest {
    private static final List<String> ADVERSARIAL = List.of("a".repeat(100_000), "1".repeat(100_000), "@".repeat(100_000),
            "a@".repeat(50_000), "1.".repeat(50_000), ":".repeat(100_000), "=".repeat(100_000), "\"".repeat(100_000),
            "-----BEGIN ".repeat(9_000), "eyJ.".repeat(25_000), "x=\"".repeat(33_000), "+1 ".repeat(33_000), "DE89 ".repeat(20_000),
            "password: ".repeat(10_000), "a:a=".repeat(25_000), "\n".repeat(100_000));

    @Test
    void shippedDetectorsHaveUniqueIdsAndOneClassEach() {
        List<ContentDetector> all = ContentDetectors.defaults();
        Set<String> ids = new HashSet<>();
        for (ContentDetector d : all) {
            assertThat(ids.add(d.id())).as(d.id()).isTrue();
            assertThat(d.classes()).hasSize(1);
            assertThat(d.version()).isPositive();
        }
        assertThat(ids).contains("email", "phone", "card_luhn", "iban", "national_id", "ip_address", "secret_prefix", "jwt", "private_key",
                "credential_assignment", "high_entropy");
        assertThat(ContentDetectors.byId("iban")).isPresent();
    }

    @Test
    void everyDetectorFinishesOnAdversarialInput_findingsSortedAndInsideTheText() {
        for (ContentDetector d : ContentDetectors.defaults()) {
            for (String text : ADVERSARIAL) {
                List<Finding> found = d.scan(text);
                for (int k = 0; k < found.size(); k++) {
                    Finding f = found.get(k);
                    assertThat(f.end()).isLessThanOrEqualTo(text.length());
                    assertThat(d.classes()).contains(f.dataClass());
                    assertThat(f.detector()).isEqualTo(d.id());
                    if (k > 0) {
                        assertThat(f.start()).isGreaterThanOrEqualTo(found.get(k - 1).start());
                    }
                }
            }
        }
    }

    @Test
    void scansAreDeterministic() {
        String text = "mail ana@example.org, +44 20 7946 0958, card 4111 1111 1111 1111, IBAN DE89370400440532013000, SSN 123-45-6789, "
                + "host 10.0.0.1, key AKIA2E3F4G5H6J7K8L9M, password=Harbor9161%";
        Set<DataClass> seen = new HashSet<>();
        for (ContentDetector d : ContentDetectors.defaults()) {
            assertThat(d.scan(text)).isEqualTo(d.scan(text));
            d.scan(text).forEach(f -> seen.add(f.dataClass()));
        }
        assertThat(seen).contains(DataClass.EMAIL, DataClass.PHONE, DataClass.CARD, DataClass.IBAN, DataClass.NATIONAL_ID, DataClass.IP,
                DataClass.SECRET);
    }
}
