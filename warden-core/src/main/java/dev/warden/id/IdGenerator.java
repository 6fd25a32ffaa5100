package dev.warden.id;

import java.time.Instant;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Creates unguessable identifiers from an injected random source (a {@link java.security.SecureRandom}
 * in production; a seeded generator in tests). Ids are a prefix plus 128 bits in hex: all of them
 * random ({@link #next}), or a time and 80 random bits ({@link #nextOrdered}).
 */
public final class IdGenerator {
    private final RandomGenerator random;

    /** Uses the given random source; it MUST be thread-safe and, in production, cryptographically strong. */
    public IdGenerator(RandomGenerator random) {
        this.random = random;
    }

    /** A new id such as {@code dec_3f2a...} (prefix, underscore, 32 hex digits). */
    public String next(String prefix) {
        return prefix + "_" + HexFormat.of().formatHex(randomBytes());
    }

    /**
     * A new id that sorts by time, in the same shape as {@link #next} ({@code dec_019ae3...}: prefix,
     * underscore, 32 hex digits): the first 12 digits are {@code time} in milliseconds since the
     * epoch (48 bits, as in a version 7 UUID), the other 20 are random (80 bits, still unguessable).
     * Ids stored in an index in the order they are made then go to its last page instead of a random
     * one: for the audit log's index by decision id, each commit writes one index page, not a page
     * wherever the new id happens to fall (the index of a long log does not fit in memory, so every
     * random insert would also read a page first).
     *
     * @param time when the id is made (from the caller's clock); times before 1970 count as 1970
     */
    public String nextOrdered(String prefix, Instant time) {
        byte[] bytes = randomBytes();
        long millis = Math.max(0, time.toEpochMilli()) & 0xFFFF_FFFF_FFFFL;
        for (int i = 5; i >= 0; i--) {
            bytes[i] = (byte) millis;
            millis >>>= 8;
        }
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
