package dev.warden.audit.merkle;

import java.util.List;

/**
 * Read access to the hashes a store keeps: leaf hashes (level 0) and the interior levels of
 * {@link TreeLayout#isStored(int)}. {@link TreeReader} computes everything else from these.
 */
public interface NodeSource {

    /**
     * The hashes of the complete subtrees {@code [from, to)} at {@code level}, in index order.
     *
     * @param level 0 (leaf hashes) or a level for which {@link TreeLayout#isStored(int)} holds
     * @throws MissingNodeException if any of them is not stored (never integrated, or pruned)
     */
    List<Hash> nodes(int level, long from, long to);
}
