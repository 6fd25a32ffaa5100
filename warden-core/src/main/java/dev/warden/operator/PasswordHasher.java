package dev.warden.operator;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes operator passwords with PBKDF2-HMAC-SHA256 from the JDK (no extra dependency, FIPS
 * approved), {@value #ITERATIONS} iterations as OWASP recommends for it, and a random 16-byte salt
 * per password. The encoded form {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64url)
 * carries its own cost, so a stored hash stays verifiable after the default is raised.
 */
public final class PasswordHasher {
    /** The OWASP minimum for PBKDF2-HMAC-SHA256 (2023). */
    public static final int ITERATIONS = 600_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Longest password accepted: PBKDF2 hashes any length, this keeps a request from costing more. */
    public static final int MAX_PASSWORD = 1024;
    /** Shortest password accepted. */
    public static final int MIN_PASSWORD = 12;

    private final RandomGenerator random;
    private final int iterations;
    /** A hash to verify against for unknown names; made on first need (a server start does not pay for it). */
    private volatile String dummy;

    /** A hasher at {@value #ITERATIONS} iterations with salts from {@code random} (a {@link java.security.SecureRandom}). */
    public PasswordHasher(RandomGenerator random) {
        this(random, ITERATIONS);
    }

    /** A hasher at another cost; never fewer than {@value #ITERATIONS} outside tests of the hasher itself. */
    PasswordHasher(RandomGenerator random, int iterations) {
        this.random = Objects.requireNonNull(random, "random");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
    }

    /** The encoded hash of a new password (a fresh salt each time). */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * Whether {@code password} matches the encoded hash, compared in constant time. A malformed
     * hash never matches.
     */
    public boolean verify(char[] password, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getUrlDecoder().decode(parts[2]);
            byte[] expected = Base64.getUrlDecoder().decode(parts[3]);
            if (n < 1 || n > 10_000_000) {
                return false;
            }
            return MessageDigest.isEqual(derive(password, salt, n), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Spends the time of one verification without a hash to verify against: a sign-in for an
     * unknown or disabled name costs as much as one with a wrong password, so timing does not tell
     * which names exist.
     */
    public void verifyNothing(char[] password) {
        String d = dummy;
        if (d == null) {
            d = hash("not a password of anyone".toCharArray());
            dummy = d;
        }
        verify(password, d);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Overwrites a password in memory once it is no longer needed. */
    public static void wipe(char[] password) {
        Arrays.fill(password, '\0');
    }
}
