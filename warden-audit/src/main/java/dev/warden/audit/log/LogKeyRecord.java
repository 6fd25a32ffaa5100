package dev.warden.audit.log;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A public log key, published so checkpoints it signed stay verifiable after rotation.
 *
 * @param verifierKey the note verifier key, {@code <name>+<hash>+<base64>}
 * @param keyId       its key hash, 8 hex digits
 * @param createdAt   when it started signing
 * @param retiredAt   when it stopped signing (rotation), empty while current
 */
public record LogKeyRecord(String verifierKey, String keyId, Instant createdAt, Optional<Instant> retiredAt) {
    /** Checks the fields. */
    public LogKeyRecord {
        Objects.requireNonNull(verifierKey, "verifierKey");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
    }
}
