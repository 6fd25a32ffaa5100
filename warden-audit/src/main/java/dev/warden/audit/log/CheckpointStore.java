package dev.warden.audit.log;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of published checkpoints and of the public log keys that signed them. Checkpoints
 * are never removed, so every one stays retrievable.
 */
public interface CheckpointStore {

    /** Stores a checkpoint; returns it with its assigned id. */
    StoredCheckpoint add(StoredCheckpoint checkpoint);

    /** The most recently published checkpoint. */
    Optional<StoredCheckpoint> latest();

    /** Checkpoints with {@code size >= minSize} and {@code id > afterId}, in id order, at most {@code limit}. */
    List<StoredCheckpoint> page(long minSize, long afterId, int limit);

    /** Publishes a public key (idempotent for a key already present). */
    void addKey(LogKeyRecord key);

    /** Marks a key retired at {@code at}. */
    void retireKey(String verifierKey, Instant at);

    /** Every published key, oldest first. */
    List<LogKeyRecord> keys();
}
