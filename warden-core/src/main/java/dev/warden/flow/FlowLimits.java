package dev.warden.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * How much {@link SessionLabels} keeps in memory.
 *
 * @param maxSessions        labelled sessions kept; beyond it the least recently used are dropped
 * @param maxLabelsPerSession distinct labels one session may carry; a label beyond it is refused
 *                           (label names come from the catalog and the detectors, so only a
 *                           misbehaving caller reaches it)
 * @param maxSourcesPerLabel sources kept and recorded per label of a session; later reads that
 *                           give a session a label it already has are not recorded again (their
 *                           decision records remain)
 * @param idle               a session not seen for this long is dropped: at least the access-token
 *                           lifetime, since each token opens its own session and a session cannot
 *                           call once its token expired
 */
public record FlowLimits(int maxSessions, int maxLabelsPerSession, int maxSourcesPerLabel, Duration idle) {
    /** The defaults: 100,000 sessions, 64 labels of 8 sources each, an hour idle. */
    public static final FlowLimits DEFAULTS = new FlowLimits(100_000, 64, 8, Duration.ofHours(1));

    /** Checks the bounds. */
    public FlowLimits {
        if (maxSessions < 1 || maxLabelsPerSession < 1 || maxSourcesPerLabel < 1) {
            throw new IllegalArgumentException("flow limits must be at least 1");
        }
        Objects.requireNonNull(idle, "idle");
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("idle must be positive");
        }
    }

    /** The same limits with another idle time. */
    public FlowLimits withIdle(Duration idle) {
        return new FlowLimits(maxSessions, maxLabelsPerSession, maxSourcesPerLabel, idle);
    }
}
