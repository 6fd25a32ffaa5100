package dev.warden.audit.testing;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An independent reference of RFC 9162 §2.1, typed from the RFC's recursive definitions and sharing
 * no code with production: MTH, PATH, PROOF/SUBPROOF over a plain list of leaf hashes, and proof
 * verification by replaying those recursions (not the bit-twiddling algorithm of §2.1.3.2 and
 * §2.1.4.2 that production uses).
 */
public final class Rfc9162 {
    private Rfc9162() {
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] leafHash(byte[] entry) {
        return sha256(new byte[] {0}, entry);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        return sha256(new byte[] {1}, left, right);
    }

    /** k: the largest power of two smaller than n (n > 1). */
    static int split(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }

    /** MTH(D[from:to]) over leaf hashes. */
    public static byte[] mth(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return sha256();
        }
        if (n == 1) {
            return leaves.get(from);
        }
        int k = split(n);
        return nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
    }

    /** PATH(m, D[from:to]), m relative. */
    public static List<byte[]> path(List<byte[]> leaves, int m, int from, int to) {
        int n = to - from;
        List<byte[]> out = new ArrayList<>();
        if (n == 1) {
            return out;
        }
        int k = split(n);
        if (m < k) {
            out.addAll(path(leaves, m, from, from + k));
            out.add(mth(leaves, from + k, to));
        } else {
            out.addAll(path(leaves, m - k, from + k, to));
            out.add(mth(leaves, from, from + k));
        }
        return out;
    }

    /** PROOF(m, D[0:n]). */
    public static List<byte[]> proof(List<byte[]> leaves, int m, int n) {
        return subproof(leaves, m, 0, n, true);
    }

    static List<byte[]> subproof(List<byte[]> leaves, int m, int from, int to, boolean b) {
        int n = to - from;
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(leaves, from, to));
            }
            return out;
        }
        int k = split(n);
        if (m <= k) {
            out.addAll(subproof(leaves, m, from, from + k, b));
            out.add(mth(leaves, from + k, to));
        } else {
            out.addAll(subproof(leaves, m - k, from + k, to, false));
            out.add(mth(leaves, from, from + k));
        }
        return out;
    }

    /** Replays PATH: the root that {@code path} leads to from leaf {@code m} of a tree of n, or null if the shape is wrong. */
    public static byte[] rootFromPath(long m, long n, byte[] leaf, List<byte[]> path) {
        if (m < 0 || m >= n) {
            return null;
        }
        if (n == 1) {
            return path.isEmpty() ? leaf : null;
        }
        if (path.isEmpty()) {
            return null;
        }
        long k = Long.highestOneBit(n - 1);
        byte[] last = path.getLast();
        List<byte[]> rest = path.subList(0, path.size() - 1);
        if (m < k) {
            byte[] left = rootFromPath(m, k, leaf, rest);
            return left == null ? null : nodeHash(left, last);
        }
        byte[] right = rootFromPath(m - k, n - k, leaf, rest);
        return right == null ? null : nodeHash(last, right);
    }

    public static boolean verifyInclusion(long m, long n, byte[] leaf, List<byte[]> path, byte[] root) {
        byte[] r = rootFromPath(m, n, leaf, path);
        return r != null && Arrays.equals(r, root);
    }

    /** Replays SUBPROOF: {old root, new root} or null if the shape is wrong. */
    static byte[][] replay(long m, long n, boolean b, List<byte[]> proof, byte[] knownOld) {
        if (m == n) {
            if (b) {
                return proof.isEmpty() ? new byte[][] {knownOld, knownOld} : null;
            }
            return proof.size() == 1 ? new byte[][] {proof.getFirst(), proof.getFirst()} : null;
        }
        if (proof.isEmpty()) {
            return null;
        }
        long k = Long.highestOneBit(n - 1);
        byte[] last = proof.getLast();
        List<byte[]> rest = proof.subList(0, proof.size() - 1);
        if (m <= k) {
            byte[][] r = replay(m, k, b, rest, knownOld);
            return r == null ? null : new byte[][] {r[0], nodeHash(r[1], last)};
        }
        byte[][] r = replay(m - k, n - k, false, rest, knownOld);
        return r == null ? null : new byte[][] {nodeHash(last, r[0]), nodeHash(last, r[1])};
    }

    public static boolean verifyConsistency(long m, long n, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (m == n) {
            return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        }
        if (m == 0) {
            return proof.isEmpty();
        }
        if (m > n) {
            return false;
        }
        byte[][] r = replay(m, n, true, proof, oldRoot);
        return r != null && Arrays.equals(r[0], oldRoot) && Arrays.equals(r[1], newRoot);
    }
}
