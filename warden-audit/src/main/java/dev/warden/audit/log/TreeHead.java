package dev.warden.audit.log;

import dev.warden.audit.merkle.Hash;
import java.util.Objects;

/**
 * The integrated tree: its size and root hash.
 *
 * @param size number of leaves (= the last durable audit seq)
 * @param root RFC 9162 root hash
 */
public record TreeHead(long size, Hash root) {
    /** Checks the fields. */
    public TreeHead {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        Objects.requireNonNull(root, "root");
    }
}
