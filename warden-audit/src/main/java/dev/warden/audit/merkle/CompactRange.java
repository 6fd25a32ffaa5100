package dev.warden.audit.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The right edge of a Merkle tree of {@code size} leaves: the roots of the perfect subtrees that
 * make up {@code [0, size)}, one per set bit of {@code size} (at most 63). Enough to append further
 * leaves and to compute the root hash, in O(log n) memory; this is how the writer extends the tree
 * and how the offline verifier recomputes it while streaming.
 *
 * <p>Mutable and not thread-safe; {@link #copy()} for a snapshot.
 */
public final class CompactRange {
    private final TreeHasher hasher = new TreeHasher();
    /** hashes[level] is the subtree root at that level; valid exactly where bit {@code level} of size is set. */
    private final Hash[] hashes = new Hash[64];
    private long size;

    private CompactRange() {
    }

    /** The range of the empty tree. */
    public static CompactRange empty() {
        return new CompactRange();
    }

    /**
     * The range of a tree of {@code size} leaves from its subtree roots, highest level first (as
     * returned by {@link #subtreeRoots()}).
     *
     * @throws IllegalArgumentException if the number of roots is not the number of set bits of size
     */
    public static CompactRange of(long size, List<Hash> subtreeRoots) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        if (subtreeRoots.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + Long.bitCount(size)
                    + " subtree roots, got " + subtreeRoots.size());
        }
        CompactRange r = new CompactRange();
        int i = 0;
        for (int level = 63; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                r.hashes[level] = Objects.requireNonNull(subtreeRoots.get(i++), "subtree root");
            }
        }
        r.size = size;
        return r;
    }

    /** Number of leaves. */
    public long size() {
        return size;
    }

    /** Appends one leaf hash. */
    public void append(Hash leaf) {
        append(leaf, null);
    }

    /**
     * Appends one leaf hash and tells {@code sink} (if not null) about every interior node this
     * completes, lowest level first.
     */
    public void append(Hash leaf, NodeSink sink) {
        Objects.requireNonNull(leaf, "leaf");
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full");
        }
        Hash current = leaf;
        int level = 0;
        long index = size;
        while ((size >>> level & 1) == 1) {
            current = hasher.node(hashes[level], current);
            hashes[level] = null;
            level++;
            index >>>= 1;
            if (sink != null) {
                sink.node(level, index, current);
            }
        }
        hashes[level] = current;
        size++;
    }

    /** The root hash (RFC 9162 MTH of all leaves); the empty-tree hash for size 0. */
    public Hash root() {
        Hash root = null;
        for (int level = 0; level < 64; level++) {
            if ((size >>> level & 1) == 1) {
                root = root == null ? hashes[level] : hasher.node(hashes[level], root);
            }
        }
        return root == null ? TreeHasher.emptyRoot() : root;
    }

    /** The perfect-subtree roots, highest level (leftmost) first. */
    public List<Hash> subtreeRoots() {
        List<Hash> out = new ArrayList<>(Long.bitCount(size));
        for (int level = 63; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                out.add(hashes[level]);
            }
        }
        return out;
    }

    /** An independent copy. */
    public CompactRange copy() {
        CompactRange c = new CompactRange();
        System.arraycopy(hashes, 0, c.hashes, 0, hashes.length);
        c.size = size;
        return c;
    }
}
