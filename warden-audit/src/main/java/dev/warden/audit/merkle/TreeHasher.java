package dev.warden.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 §2.1.1 hashing: leaf {@code SHA-256(0x00 || entry)}, interior node
 * {@code SHA-256(0x01 || left || right)}, empty tree {@code SHA-256()}. Not thread-safe: one
 * instance per thread.
 */
public final class TreeHasher {
    private static final Hash EMPTY = Hash.wrap(newDigest().digest());
    private final MessageDigest sha256 = newDigest();

    /** The root hash of the empty tree, {@code SHA-256()} (e3b0c442...). */
    public static Hash emptyRoot() {
        return EMPTY;
    }

    /** The leaf hash of an entry. */
    public Hash leaf(byte[] entry) {
        return leaf(entry, 0, entry.length);
    }

    /** The leaf hash of {@code length} entry bytes at {@code offset}. */
    public Hash leaf(byte[] buffer, int offset, int length) {
        sha256.update((byte) 0x00);
        sha256.update(buffer, offset, length);
        return Hash.wrap(sha256.digest());
    }

    /** The hash of an interior node with these children. */
    public Hash node(Hash left, Hash right) {
        sha256.update((byte) 0x01);
        sha256.update(left.raw());
        sha256.update(right.raw());
        return Hash.wrap(sha256.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
