package dev.warden.id;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Creates unguessable identifiers from an injected random source (a {@link java.security.SecureRandom}
 * in production; a seeded generator in tests). Ids are a prefix plus 128 random bits in hex.
 */
public final class IdGenerator {
    private final RandomGenerator random;

    /** Uses the given random source; it MUST be thread-safe and, in production, cryptographically strong. */
    public IdGenerator(RandomGenerator random) {
        this.random = random;
    }

    /** A new id such as {@code dec_3f2a...} (prefix, underscore, 32 hex digits). */
    public String next(String prefix) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }
}
