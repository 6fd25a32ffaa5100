package dev.warden.audit.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes root hashes, inclusion proofs and consistency proofs (RFC 9162 §2.1.1, §2.1.3.1,
 * §2.1.4.1) for any tree size up to what a {@link NodeSource} holds. Interior nodes that are not
 * kept (see {@link TreeLayout}) are recomputed from the kept ones below them.
 *
 * <p>Not thread-safe (it owns a hasher); it is cheap to create one per request.
 */
public final class TreeReader {
    private final NodeSource source;
    private final TreeHasher hasher = new TreeHasher();

    /** A reader over {@code source}. */
    public TreeReader(NodeSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The root hash of the tree of the first {@code size} leaves.
     *
     * @throws MissingNodeException if a needed hash is not stored
     */
    public Hash root(long size) {
        requireSize(size);
        return size == 0 ? TreeHasher.emptyRoot() : mth(0, size);
    }

    /**
     * The inclusion proof of leaf {@code index} in the tree of {@code size} leaves.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < size}
     * @throws MissingNodeException     if a needed hash is not stored
     */
    public InclusionProof inclusion(long index, long size) {
        requireSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index must be >= 0 and < size");
        }
        Hash leaf = node(0, index);
        List<Hash> path = new ArrayList<>(64);
        path(index, 0, size, path);
        return new InclusionProof(index, size, leaf, root(size), path);
    }

    /**
     * The consistency proof between the trees of {@code from} and {@code to} leaves. Empty when
     * {@code from} is 0 or equal to {@code to}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= from <= to}
     * @throws MissingNodeException     if a needed hash is not stored
     */
    public ConsistencyProof consistency(long from, long to) {
        requireSize(to);
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("from must be >= 0 and <= to");
        }
        List<Hash> proof = new ArrayList<>(64);
        if (from > 0 && from < to) {
            subproof(from, 0, to, true, proof);
        }
        return new ConsistencyProof(from, to, root(from), root(to), proof);
    }

    /**
     * The compact range (right edge) of the tree of {@code size} leaves, from which further leaves
     * can be appended.
     *
     * @throws MissingNodeException if a needed hash is not stored
     */
    public CompactRange compactRange(long size) {
        requireSize(size);
        List<Hash> roots = new ArrayList<>(Long.bitCount(size));
        long start = 0;
        for (int level = 62; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                roots.add(node(level, start >>> level));
                start += 1L << level;
            }
        }
        return CompactRange.of(size, roots);
    }

    /**
     * The hash of the complete subtree at {@code level} and {@code index}: read when kept,
     * otherwise folded from the kept hashes below it.
     *
     * @throws MissingNodeException if a needed hash is not stored
     */
    public Hash node(int level, long index) {
        if (level == 0 || TreeLayout.isStored(level)) {
            return single(level, index);
        }
        int base = TreeLayout.base(level);
        int span = level - base;
        List<Hash> row = source.nodes(base, index << span, (index + 1) << span);
        checkRow(row, 1 << span, base, index << span);
        Hash[] hashes = row.toArray(new Hash[0]);
        for (int n = hashes.length; n > 1; n /= 2) {
            for (int i = 0; i < n / 2; i++) {
                hashes[i] = hasher.node(hashes[2 * i], hashes[2 * i + 1]);
            }
        }
        return hashes[0];
    }

    private Hash single(int level, long index) {
        List<Hash> row = source.nodes(level, index, index + 1);
        checkRow(row, 1, level, index);
        return row.getFirst();
    }

    private static void checkRow(List<Hash> row, int expected, int level, long from) {
        if (row.size() != expected) {
            throw new MissingNodeException(level, from + row.size());
        }
    }

    /** MTH(D[from:to]); {@code from} is aligned as in every range RFC 9162's recursions produce. */
    private Hash mth(long from, long to) {
        long n = to - from;
        if (n == 1) {
            return node(0, from);
        }
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return node(Long.numberOfTrailingZeros(n), from / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return hasher.node(mth(from, from + k), mth(from + k, to));
    }

    /** PATH(m, D[from:to]) of RFC 9162 §2.1.3.1, with {@code m} absolute. */
    private void path(long m, long from, long to, List<Hash> out) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < from + k) {
            path(m, from, from + k, out);
            out.add(mth(from + k, to));
        } else {
            path(m, from + k, to, out);
            out.add(mth(from, from + k));
        }
    }

    /** SUBPROOF(m, D[from:from+n], b) of RFC 9162 §2.1.4.1, with {@code m} relative to {@code from}. */
    private void subproof(long m, long from, long to, boolean complete, List<Hash> out) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(mth(from, to));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, complete, out);
            out.add(mth(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(mth(from, from + k));
        }
    }

    /** The largest power of two strictly smaller than {@code n} (n >= 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void requireSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
