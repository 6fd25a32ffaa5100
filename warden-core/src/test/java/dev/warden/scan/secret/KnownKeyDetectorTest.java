package dev.warden.scan.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownKeyDetectorTest {
    private final KnownKeyDetector detector = new KnownKeyDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsKeysByIssuerPrefix() {
        String aws = "AKIA2E3F4G5H6J7K8L9M";
        String gh = "ghp_R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s12";
        String slack = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
        String stripe = "sk_live_51Hx9QmK2pL7vT4rW8yZ3aB6c";
        String google = "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q";
        String openai = "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78";
        assertThat(found("aws " + aws + ", gh " + gh + "; slack=" + slack + " \"" + stripe + "\" " + google + " " + openai + "."))
                .containsExactly(aws, gh, slack, stripe, google, openai);
        assertThat(found("https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEFG12/Ab12Cd34Ef56Gh78Ij90Kl12"))
                .containsExactly("hooks.slack.com/services/T0ABCDEF1/B0ABCDEFG12/Ab12Cd34Ef56Gh78Ij90Kl12");
    }

    @Test
    void reportsDocumentedExampleKeysToo_andTestKeysLower() {
        assertThat(found("AKIAIOSFODNN7EXAMPLE")).containsExactly("AKIAIOSFODNN7EXAMPLE");
        assertThat(found("xoxp-2048-4096-8192-0a1b2c3d4e5f60718293a4b5c6d7e8f9")).hasSize(1); // lower-case hex body
        assertThat(detector.scan("sk_test_4eC39HqLyjWDarjtT1zdp7dc").get(0).score()).isEqualTo(0.9);
    }

    @Test
    void skipsPrefixesWithoutAKeyBody() {
        assertThat(found("tokens start with ghp_ or AKIA; sk-learn-pipeline-2024 is a name; risk-assessment-framework-v2")).isEmpty();
        assertThat(found("AKIA2E3F4G5H6J7K8L9MX and xAKIA2E3F4G5H6J7K8L9M")).isEmpty(); // too long, glued
        assertThat(found("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).isEmpty(); // not random
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("ghp_".repeat(25_000))).isEmpty();
        assertThat(found("sk-" + "a".repeat(100_000))).isEmpty();
        assertThat(found("A".repeat(100_000))).isEmpty();
    }
}
