package dev.warden.audit.log;

import java.util.Objects;

/**
 * The three store SPIs a {@link VerifiableLog} runs over. The tree store must be the audit store
 * the {@link dev.warden.Warden} writes to.
 *
 * @param tree        the entries and their Merkle tree
 * @param checkpoints published checkpoints and log keys
 * @param retention   the prune mark and pruning
 */
public record LogStores(TreeAuditStore tree, CheckpointStore checkpoints, RetentionStore retention) {
    /** Checks that every part is present. */
    public LogStores {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(retention, "retention");
    }

    /** All three parts from one in-memory store (not durable: for tests and embedded use). */
    public static LogStores of(InMemoryLogStore store) {
        return new LogStores(store, store, store);
    }
}
