package dev.warden.audit.merkle;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 consistency proof that the tree of {@code from} leaves is a prefix of the tree of
 * {@code to} leaves.
 *
 * @param from     the older tree size
 * @param to       the newer tree size
 * @param fromRoot the older root hash
 * @param toRoot   the newer root hash
 * @param path     the proof hashes (empty when {@code from} is 0 or equals {@code to})
 */
public record ConsistencyProof(long from, long to, Hash fromRoot, Hash toRoot, List<Hash> path) {
    /** Copies the path. */
    public ConsistencyProof {
        Objects.requireNonNull(fromRoot, "fromRoot");
        Objects.requireNonNull(toRoot, "toRoot");
        path = List.copyOf(path);
    }

    /** Checks this proof with {@link ProofVerifier}. */
    public ProofCheck verify() {
        return ProofVerifier.verifyConsistency(from, to, fromRoot, toRoot, path);
    }
}
