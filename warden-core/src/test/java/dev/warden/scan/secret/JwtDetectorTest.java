package dev.warden.scan.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JwtDetectorTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFuYSJ9."
            + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    private final JwtDetector detector = new JwtDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsSignedAndUnsignedTokens() {
        assertThat(found("Authorization: Bearer " + JWT + "\n")).containsExactly(JWT);
        assertThat(found("?access_token=" + JWT + "&x=1")).containsExactly(JWT);
        String unsigned = JWT.substring(0, JWT.lastIndexOf('.') + 1);
        assertThat(detector.scan(unsigned)).singleElement().satisfies(f -> assertThat(f.score()).isEqualTo(0.8));
    }

    @Test
    void skipsLookAlikesWhoseHeaderIsNotAJoseHeader() {
        // {"typ":"JWT"} has no alg; base64 of other JSON; two parts only
        assertThat(found("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.abc")).isEmpty();
        assertThat(found("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0")).isEmpty();
        assertThat(found("a JWT is header.payload.signature, the header starts eyJ")).isEmpty();
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("eyJ".repeat(33_000))).isEmpty();
        assertThat(found("eyJ.".repeat(25_000))).isEmpty();
        assertThat(found("eyJhbGciOiJIUzI1NiJ9." + "a".repeat(100_000))).isEmpty();
    }
}
