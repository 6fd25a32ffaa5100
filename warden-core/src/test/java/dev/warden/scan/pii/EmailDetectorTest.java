package dev.warden.scan.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailDetectorTest {
    private final EmailDetector detector = new EmailDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsAddressesInManyShapes() {
        assertThat(found("write to ana.silva@example.org, or to j.doe+orders@mail.example.co.uk.")).containsExactly("ana.silva@example.org",
                "j.doe+orders@mail.example.co.uk");
        assertThat(found("<a href=\"mailto:help-desk@example.com\">")).containsExactly("help-desk@example.com");
        assertThat(found("Kontakt: lucía.gómez@example.es")).containsExactly("lucía.gómez@example.es");
        List<Finding> f = detector.scan("x ana@example.org");
        assertThat(f).singleElement().satisfies(e -> {
            assertThat(e.dataClass()).isEqualTo(DataClass.EMAIL);
            assertThat(e.detector()).isEqualTo("email");
            assertThat(e.score()).isEqualTo(1.0);
        });
    }

    @Test
    void skipsHandlesDecoratorsUrlUserInfoAndBareDomains() {
        assertThat(found("ping @ops, use @dataclass(frozen=True), see user@localhost and a@b.c")).isEmpty();
        assertThat(found("git clone https://x-access-token:ghp_abc123@github.com/acme/shop.git")).isEmpty();
        assertThat(found("<img src=\"logo@2x.png\"> and git@github.com:acme/shop.git, bundle main@3.js")).isEmpty();
        assertThat(found("https://example.com/unsubscribe?email=ana@example.org")).containsExactly("ana@example.org");
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("a".repeat(100_000) + "@example.org")).isEmpty(); // local part far beyond 64 chars
        assertThat(found("@".repeat(100_000))).isEmpty();
        assertThat(found("a@".repeat(50_000))).isEmpty();
        assertThat(found("a@b.".repeat(25_000))).isEmpty();
        assertThat(found("x@" + "a.".repeat(50_000))).isEmpty();
    }
}
