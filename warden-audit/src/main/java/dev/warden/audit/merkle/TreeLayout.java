package dev.warden.audit.merkle;

/**
 * Which complete-subtree hashes a store keeps. Leaves (level 0) are the entries' own leaf hashes;
 * of the interior levels only every {@value #STRIDE}th is kept (levels 4, 8, 12, ...), which is
 * 1/15 of a node per entry. Any other node is recomputed from at most 2^({@value #STRIDE}-1) = 8
 * kept hashes one to three levels below it, so a proof for a 10-million-entry log needs about 24
 * small range reads and about 100 hash operations.
 */
public final class TreeLayout {
    /** Distance between kept interior levels. */
    public static final int STRIDE = 4;

    private TreeLayout() {
    }

    /** True for the interior levels a store keeps (4, 8, 12, ...); false for leaves and the rest. */
    public static boolean isStored(int level) {
        return level > 0 && level % STRIDE == 0;
    }

    /** The highest level at or below {@code level} whose hashes are available (0 = leaves). */
    public static int base(int level) {
        return level - level % STRIDE;
    }
}
