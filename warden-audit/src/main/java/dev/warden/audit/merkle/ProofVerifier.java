package dev.warden.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Verifies RFC 9162 proofs exactly as §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) describe,
 * needing nothing but the proof and the root hashes.
 */
public final class ProofVerifier {
    private static final ProofCheck VALID = new ProofCheck.Valid();

    private ProofVerifier() {
    }

    /** Verifies that {@code leafHash} is leaf {@code index} of the tree of {@code size} with {@code rootHash}. */
    public static ProofCheck verifyInclusion(long index, long size, Hash leafHash, List<Hash> path, Hash rootHash) {
        if (index < 0 || index >= size) {
            return new ProofCheck.Invalid("index " + index + " is not below tree size " + size);
        }
        long fn = index;
        long sn = size - 1;
        TreeHasher hasher = new TreeHasher();
        Hash r = leafHash;
        for (Hash p : path) {
            if (sn == 0) {
                return new ProofCheck.Invalid("inclusion proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = hasher.node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = hasher.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            return new ProofCheck.Invalid("inclusion proof is too short");
        }
        return r.equals(rootHash) ? VALID : new ProofCheck.Invalid("inclusion proof does not lead to the root hash");
    }

    /** Verifies that the tree of {@code from} leaves with {@code fromRoot} is a prefix of the one of {@code to} with {@code toRoot}. */
    public static ProofCheck verifyConsistency(long from, long to, Hash fromRoot, Hash toRoot, List<Hash> proof) {
        if (from < 0 || from > to) {
            return new ProofCheck.Invalid("tree sizes must satisfy 0 <= from <= to");
        }
        if (from == to) {
            if (!proof.isEmpty()) {
                return new ProofCheck.Invalid("a proof between equal sizes must be empty");
            }
            return fromRoot.equals(toRoot) ? VALID : new ProofCheck.Invalid("equal tree sizes with different root hashes");
        }
        if (from == 0) {
            // every tree extends the empty tree; RFC 9162 defines no proof for it
            if (!proof.isEmpty()) {
                return new ProofCheck.Invalid("a proof from the empty tree must be empty");
            }
            return fromRoot.equals(TreeHasher.emptyRoot()) ? VALID
                    : new ProofCheck.Invalid("the root hash of the empty tree is SHA-256 of nothing");
        }
        if (proof.isEmpty()) {
            return new ProofCheck.Invalid("consistency proof is empty");
        }
        List<Hash> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(from) == 1) {
            path.add(fromRoot);
        }
        path.addAll(proof);
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        TreeHasher hasher = new TreeHasher();
        Hash fr = path.getFirst();
        Hash sr = path.getFirst();
        for (Hash c : path.subList(1, path.size())) {
            if (sn == 0) {
                return new ProofCheck.Invalid("consistency proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = hasher.node(c, fr);
                sr = hasher.node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = hasher.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            return new ProofCheck.Invalid("consistency proof is too short");
        }
        if (!fr.equals(fromRoot)) {
            return new ProofCheck.Invalid("consistency proof does not lead to the old root hash");
        }
        return sr.equals(toRoot) ? VALID : new ProofCheck.Invalid("consistency proof does not lead to the new root hash");
    }
}
