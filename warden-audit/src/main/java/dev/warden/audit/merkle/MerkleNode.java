package dev.warden.audit.merkle;

import java.util.Objects;

/**
 * The hash of a complete subtree: level {@code level} (0 = a leaf), index {@code index} within that
 * level, covering leaves {@code [index * 2^level, (index + 1) * 2^level)}.
 *
 * @param level level above the leaves, 0..62
 * @param index position within the level, from 0
 * @param hash  the subtree's root hash
 */
public record MerkleNode(int level, long index, Hash hash) {
    /** Checks the bounds. */
    public MerkleNode {
        if (level < 0 || level > 62) {
            throw new IllegalArgumentException("level must be between 0 and 62: " + level);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        Objects.requireNonNull(hash, "hash");
    }

    /** The first leaf the subtree covers. */
    public long firstLeaf() {
        return index << level;
    }

    /** One past the last leaf the subtree covers. */
    public long endLeaf() {
        return (index + 1) << level;
    }
}
