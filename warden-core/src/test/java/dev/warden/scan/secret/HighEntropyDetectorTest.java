package dev.warden.scan.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighEntropyDetectorTest {
    private final HighEntropyDetector detector = new HighEntropyDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsRandomValuesAssignedToKeys_andAfterCredentialWords() {
        assertThat(found("SIGNING_MATERIAL=q8Zk3mW9pT2vX7nR4bY6cA1s")).containsExactly("q8Zk3mW9pT2vX7nR4bY6cA1s");
        assertThat(found("{\"webhook\": \"Qm9Hn4Kx2Lp8Vr6Tz1Wy3Ab5\"}")).containsExactly("Qm9Hn4Kx2Lp8Vr6Tz1Wy3Ab5");
        assertThat(found("access key AKIA... and secret 3pN+1C6XveVjO3BFfE9EI+ztq3nc/VNGnPFUBZOm, rotate soon"))
                .containsExactly("3pN+1C6XveVjO3BFfE9EI+ztq3nc/VNGnPFUBZOm");
    }

    @Test
    void skipsPublicRandomDataWordsHexAndUuids() {
        assertThat(found("{\"request_id\": \"Ab3dE9fGh2JkL7mNp4Qr\", \"sha256\": \"9f86d081884c7d659a2feaa0c55ad015\", "
                + "\"next_page_token\": \"CjAKEgoQAbC12dEf34GhIj56\"}")).isEmpty();
        assertThat(found("x=deadbeefcafebabe0123456789abcdef y=123e4567-e89b-42d3-a456-426614174000")).isEmpty();
        assertThat(found("x-amz-id-2: Qm9Hn4Kx2Lp8Vr6Tz1Wy3Ab5Cd7Ef9Gh")).isEmpty();
        assertThat(found("name=getUserAccountSettingsValue title=ThisIsAVeryLongTitleWithNoDigits")).isEmpty();
        assertThat(found("an unrelated id Xk92LmQp7ZtR4vB8Xk92LmQp in prose")).isEmpty();
    }

    @Test
    void entropyIsShannonsInBitsPerChar() {
        int[] counts = new int[128];
        counts['a'] = 2;
        counts['b'] = 2;
        assertThat(HighEntropyDetector.entropy(counts, 4)).isEqualTo(1.0);
        assertThat(HighEntropyDetector.random("aaaaaaaaaaaaaaaaaaaaA1")).isFalse();
        assertThat(HighEntropyDetector.random("q8Zk3mW9pT2vX7nR4bY6cA1s")).isTrue();
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("secret " + "Ab1".repeat(33_000))).isEmpty(); // longer than any value
        assertThat(found("k=".repeat(50_000))).isEmpty();
        assertThat(found("secret ".repeat(14_000))).isEmpty();
    }
}
