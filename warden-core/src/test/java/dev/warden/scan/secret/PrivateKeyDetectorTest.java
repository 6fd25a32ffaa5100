package dev.warden.scan.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrivateKeyDetectorTest {
    private static final String BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nVJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dV\n";
    private final PrivateKeyDetector detector = new PrivateKeyDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsWholeBlocks_andTruncatedOnes() {
        String block = "-----BEGIN PRIVATE KEY-----\n" + BODY + "-----END PRIVATE KEY-----";
        assertThat(found("key:\n" + block + "\nthanks")).containsExactly(block);
        String rsa = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,ABC\n\n" + BODY
                + "-----END RSA PRIVATE KEY-----";
        assertThat(found(rsa)).containsExactly(rsa);
        String cut = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + BODY.strip();
        assertThat(detector.scan(cut + "\n...[truncated]")).singleElement().satisfies(f -> {
            assertThat(f.end()).isEqualTo(cut.length());
            assertThat(f.score()).isEqualTo(0.9);
        });
    }

    @Test
    void skipsProseAndPublicMaterial() {
        assertThat(found("A key file starts with -----BEGIN PRIVATE KEY----- and ends with -----END PRIVATE KEY-----.")).isEmpty();
        assertThat(found("-----BEGIN CERTIFICATE-----\n" + BODY + "-----END CERTIFICATE-----")).isEmpty();
        assertThat(found("-----BEGIN PUBLIC KEY-----\n" + BODY + "-----END PUBLIC KEY-----")).isEmpty();
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("-----BEGIN RSA PRIVATE KEY-----".repeat(3_000))).isEmpty();
        assertThat(found("-----BEGIN ".repeat(9_000))).isEmpty();
        assertThat(found("-".repeat(100_000))).isEmpty();
    }
}
