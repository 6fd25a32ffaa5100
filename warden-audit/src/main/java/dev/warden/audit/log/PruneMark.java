package dev.warden.audit.log;

import dev.warden.audit.merkle.Hash;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the hot store starts after pruning: entries with index below {@code below} were removed.
 *
 * @param below         first index still stored (entries {@code seq <= below} are gone)
 * @param anchorChain   the chain hash of the last removed entry (seq {@code below}), where chain verification resumes
 * @param exportedSize  size of the verified export that covered the removed entries
 * @param exportedRoot  root hash of that export at {@code exportedSize}
 * @param at            when the prune happened
 */
public record PruneMark(long below, String anchorChain, long exportedSize, Hash exportedRoot, Instant at) {
    /** Checks the fields. */
    public PruneMark {
        if (below < 0 || exportedSize < below) {
            throw new IllegalArgumentException("need 0 <= below <= exportedSize");
        }
        Objects.requireNonNull(anchorChain, "anchorChain");
        Objects.requireNonNull(exportedRoot, "exportedRoot");
        Objects.requireNonNull(at, "at");
    }
}
