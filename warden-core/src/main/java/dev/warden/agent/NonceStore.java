package dev.warden.agent;

import java.time.Instant;

/**
 * Remembers one-time values (client-assertion {@code jti}s) until they expire, to reject replays.
 * Implementations MUST be thread-safe and atomic: of two concurrent calls with the same key, only
 * one may return true.
 */
public interface NonceStore {

    /**
     * Records a key.
     *
     * @param key       the one-time value, already scoped by the caller (e.g. agent name + jti)
     * @param expiresAt after this the key may be forgotten
     * @param now       the current time, used to purge expired keys
     * @return true if the key was new, false if it was seen before (a replay)
     */
    boolean remember(String key, Instant expiresAt, Instant now);
}
