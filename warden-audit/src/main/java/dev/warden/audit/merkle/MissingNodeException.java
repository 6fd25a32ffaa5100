package dev.warden.audit.merkle;

/**
 * A hash the tree needs is not in the store: the subtree lies beyond the integrated tree, or its
 * entries were pruned.
 */
public final class MissingNodeException extends RuntimeException {
    private final int level;
    private final long index;

    /** The node at {@code level} and {@code index} is missing. */
    public MissingNodeException(int level, long index) {
        super(level == 0 ? "leaf " + index + " is not stored (pruned or beyond the tree)"
                : "tree node level " + level + " index " + index + " is not stored (pruned or beyond the tree)");
        this.level = level;
        this.index = index;
    }

    /** The missing node's level (0 = leaf). */
    public int level() {
        return level;
    }

    /** The missing node's index within its level. */
    public long index() {
        return index;
    }
}
