package dev.warden.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher fast = new PasswordHasher(new SecureRandom(), 1_000);

    @Test
    void theDefault_isPbkdf2Sha256_atTheOwaspCount_withItsCostInTheHash() {
        String hash = new PasswordHasher(new SecureRandom()).hash("a-long-enough-password".toCharArray());
        assertThat(hash).startsWith("pbkdf2-sha256$600000$");
        assertThat(PasswordHasher.ITERATIONS).isGreaterThanOrEqualTo(600_000);
    }

    @Test
    void verify_acceptsTheRightPasswordOnly_andEachHashHasItsOwnSalt() {
        String a = fast.hash("secret-password-1".toCharArray());
        String b = fast.hash("secret-password-1".toCharArray());
        assertThat(a).isNotEqualTo(b);
        assertThat(fast.verify("secret-password-1".toCharArray(), a)).isTrue();
        assertThat(fast.verify("secret-password-1".toCharArray(), b)).isTrue();
        assertThat(fast.verify("secret-password-2".toCharArray(), a)).isFalse();
        assertThat(fast.verify("".toCharArray(), a)).isFalse();
    }

    @Test
    void aMalformedOrForeignHash_neverMatches() {
        char[] p = "secret-password-1".toCharArray();
        assertThat(fast.verify(p, "")).isFalse();
        assertThat(fast.verify(p, "plain$1000$AAAA$AAAA")).isFalse();
        assertThat(fast.verify(p, "pbkdf2-sha256$x$AAAA$AAAA")).isFalse();
        assertThat(fast.verify(p, "pbkdf2-sha256$0$AAAA$AAAA")).isFalse();
        assertThat(fast.verify(p, "pbkdf2-sha256$1000$!!$AAAA")).isFalse();
    }

    @Test
    void wipe_overwritesThePassword() {
        char[] p = "secret-password-1".toCharArray();
        PasswordHasher.wipe(p);
        assertThat(new String(p)).containsOnlyOnce("\0".repeat(p.length));
    }
}
