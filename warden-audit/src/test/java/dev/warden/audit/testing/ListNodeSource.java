package dev.warden.audit.testing;

import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.MissingNodeException;
import dev.warden.audit.merkle.NodeSource;
import dev.warden.audit.merkle.TreeLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link NodeSource} over a plain list of leaf hashes that computes the kept interior levels
 * itself with {@link Rfc9162#mth} (independently of the production tree code), and counts reads.
 */
public final class ListNodeSource implements NodeSource {
    private final List<byte[]> leaves;
    private final long hidden;
    private final Map<String, Hash> cache = new HashMap<>();
    public int reads;

    /** All leaves readable. */
    public ListNodeSource(List<byte[]> leaves) {
        this(leaves, 0);
    }

    /** Leaves below {@code hidden} behave as pruned (interior nodes stay readable). */
    public ListNodeSource(List<byte[]> leaves, long hidden) {
        this.leaves = leaves;
        this.hidden = hidden;
    }

    @Override
    public List<Hash> nodes(int level, long from, long to) {
        reads++;
        if (level != 0 && !TreeLayout.isStored(level)) {
            throw new AssertionError("asked for level " + level + " which is not kept");
        }
        List<Hash> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            long first = i << level;
            long end = (i + 1) << level;
            if (end > leaves.size() || (level == 0 && i < hidden)) {
                throw new MissingNodeException(level, i);
            }
            out.add(level == 0 ? Hash.of(leaves.get((int) i))
                    : cache.computeIfAbsent(level + "/" + i, k -> Hash.of(Rfc9162.mth(leaves, (int) first, (int) end))));
        }
        return out;
    }
}
