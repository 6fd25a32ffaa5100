package dev.warden.audit.log;

import dev.warden.audit.AuditRecord;
import dev.warden.audit.merkle.CompactRange;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.MerkleNode;
import dev.warden.audit.merkle.TreeLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Extends the tree batch by batch for a {@link TreeAuditStore}: {@link #prepare} computes the kept
 * nodes a batch completes without changing anything; the store writes them in the batch's
 * transaction and calls {@link #commit} only after that transaction committed. A failed
 * transaction simply drops the prepared state, so the in-memory tree never runs ahead of the store.
 *
 * <p>{@link #prepare} and {@link #commit} are called by the single appending thread;
 * {@link #head()} may be called from any thread.
 */
public final class TreeIntegrator {
    private volatile CompactRange committed;

    /** Starts from the compact range of the stored tree. */
    public TreeIntegrator(CompactRange start) {
        this.committed = Objects.requireNonNull(start, "start").copy();
    }

    /**
     * The next state of the tree after a batch.
     *
     * @param range the tree after the batch
     * @param nodes the kept interior nodes the batch completes, to store with it
     */
    public record Prepared(CompactRange range, List<MerkleNode> nodes) {
    }

    /**
     * Computes the tree after {@code batch}.
     *
     * @throws IllegalStateException if the batch does not start right after the tree's last leaf
     *                               or its sequence numbers are not consecutive
     */
    public Prepared prepare(List<AuditRecord> batch) {
        CompactRange next = committed.copy();
        List<MerkleNode> nodes = new ArrayList<>(batch.size() / 8 + 2);
        for (AuditRecord r : batch) {
            if (r.seq() != next.size() + 1) {
                throw new IllegalStateException("audit record " + r.seq() + " does not follow the Merkle tree of size "
                        + next.size());
            }
            next.append(Hash.ofHex(r.leafHash()), (level, index, hash) -> {
                if (TreeLayout.isStored(level)) {
                    nodes.add(new MerkleNode(level, index, hash));
                }
            });
        }
        return new Prepared(next, nodes);
    }

    /** Adopts a prepared state once its transaction committed. */
    public void commit(Prepared prepared) {
        committed = prepared.range().copy();
    }

    /** Replaces the state, e.g. after re-reading the store. */
    public void reset(CompactRange range) {
        committed = range.copy();
    }

    /** The number of integrated leaves. */
    public long size() {
        return committed.size();
    }

    /** Size and root hash of the integrated tree. */
    public TreeHead head() {
        CompactRange c = committed.copy();
        return new TreeHead(c.size(), c.root());
    }
}
