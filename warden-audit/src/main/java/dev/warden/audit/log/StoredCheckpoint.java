package dev.warden.audit.log;

import dev.warden.audit.merkle.Hash;
import java.time.Instant;
import java.util.Objects;

/**
 * A published checkpoint.
 *
 * @param id    store-assigned, increasing in publication order (0 before it is stored)
 * @param size  tree size
 * @param root  root hash at that size
 * @param keyId key hash (8 hex digits) of the signing key
 * @param time  when it was published
 * @param note  the full signed note (C2SP checkpoint)
 */
public record StoredCheckpoint(long id, long size, Hash root, String keyId, Instant time, String note) {
    /** Checks the fields. */
    public StoredCheckpoint {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(note, "note");
    }
}
