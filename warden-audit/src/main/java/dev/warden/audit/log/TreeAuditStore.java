package dev.warden.audit.log;

import dev.warden.audit.AuditStore;
import dev.warden.audit.merkle.NodeSource;
import java.util.OptionalLong;

/**
 * An {@link AuditStore} that also keeps the RFC 9162 Merkle tree over its entries (leaf index =
 * {@code seq - 1}).
 *
 * <p>Contract, on top of {@link AuditStore}'s: {@link #append} stores the kept interior nodes the
 * batch completes (see {@link dev.warden.audit.merkle.TreeLayout}) in the same transaction as the
 * batch, so a batch acknowledged as durable is always in the tree and the tree never runs ahead of
 * or behind the entries. {@link #treeHead()} reflects exactly the durable batches.
 */
public interface TreeAuditStore extends AuditStore, NodeSource {

    /** Size and root hash of the tree of the durable entries. */
    TreeHead treeHead();

    /**
     * The highest index stored at a kept interior level, if any; used to detect nodes beyond the
     * last entry (a truncated entries table).
     */
    OptionalLong lastNodeIndex(int level);
}
