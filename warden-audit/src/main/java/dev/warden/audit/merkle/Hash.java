package dev.warden.audit.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A 32-byte SHA-256 value: a leaf hash, a node hash or a root hash. Immutable; equal when the bytes
 * are equal.
 */
public final class Hash {
    /** Length of a hash in bytes. */
    public static final int SIZE = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Wraps a copy of 32 bytes.
     *
     * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
     */
    public static Hash of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
        }
        return new Hash(bytes.clone());
    }

    /** Wraps bytes the caller no longer touches (no copy). */
    static Hash wrap(byte[] bytes) {
        return new Hash(bytes);
    }

    /**
     * Parses 64 hex digits (either case).
     *
     * @throws IllegalArgumentException if the text is not 64 hex digits
     */
    public static Hash ofHex(String hex) {
        if (hex == null || hex.length() != 2 * SIZE) {
            throw new IllegalArgumentException("a hash is 64 hex digits");
        }
        try {
            return new Hash(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a hash is 64 hex digits", e);
        }
    }

    /**
     * Parses standard base64 of 32 bytes (as in a checkpoint's root hash line).
     *
     * @throws IllegalArgumentException if the text is not base64 of 32 bytes
     */
    public static Hash ofBase64(String base64) {
        return of(Base64.getDecoder().decode(base64));
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes themselves, for hashing in this package (never modified). */
    byte[] raw() {
        return bytes;
    }

    /** Lower-case hex. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** Standard base64 with padding. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
