package dev.warden.audit.log;

import java.time.Duration;
import java.util.Objects;

/**
 * When to publish a checkpoint: as soon as {@code everyEntries} entries are new, or when
 * {@code interval} has passed since the last one and at least one entry is new.
 *
 * @param everyEntries publish once this many entries are not yet covered (>= 1)
 * @param interval     publish at least this often while entries arrive (> 0)
 */
public record CheckpointPolicy(long everyEntries, Duration interval) {
    /** The default: every 1 s when there are new entries, or at once after 100,000. */
    public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(100_000, Duration.ofSeconds(1));

    /** Checks the bounds. */
    public CheckpointPolicy {
        if (everyEntries < 1) {
            throw new IllegalArgumentException("everyEntries must be at least 1");
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }
}
