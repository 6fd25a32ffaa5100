package dev.warden.audit.log;

import dev.warden.audit.merkle.TreeLayout;
import java.util.Optional;

/**
 * Pruning of old entries out of the hot store.
 *
 * <p>{@link #prune} removes the entries with index below {@code mark.below()} and, in the same
 * transaction, keeps the leaf hashes of the partly removed block {@code [below - below % 16, below)}
 * (16 = 2^{@link TreeLayout#STRIDE}) so that every root, inclusion proof and consistency proof
 * from {@code below} on can still be computed. Kept interior nodes are never removed.
 */
public interface RetentionStore {

    /** The last prune, if any. */
    Optional<PruneMark> pruneMark();

    /**
     * Removes the entries below {@code mark.below()}.
     *
     * @throws IllegalArgumentException if {@code below} is not above the previous mark or beyond the log
     */
    void prune(PruneMark mark);
}
