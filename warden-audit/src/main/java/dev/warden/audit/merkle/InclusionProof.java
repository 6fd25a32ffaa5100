package dev.warden.audit.merkle;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 inclusion proof: the audit path from leaf {@code index} to the root of the tree of
 * {@code size} leaves, nearest sibling first.
 *
 * @param index    0-based leaf index (an audit record's {@code seq - 1})
 * @param size     tree size
 * @param leafHash the leaf's hash
 * @param rootHash the tree's root hash
 * @param path     sibling hashes, from the leaf upwards
 */
public record InclusionProof(long index, long size, Hash leafHash, Hash rootHash, List<Hash> path) {
    /** Copies the path. */
    public InclusionProof {
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(rootHash, "rootHash");
        path = List.copyOf(path);
    }

    /** Checks this proof with {@link ProofVerifier}. */
    public ProofCheck verify() {
        return ProofVerifier.verifyInclusion(index, size, leafHash, path, rootHash);
    }
}
