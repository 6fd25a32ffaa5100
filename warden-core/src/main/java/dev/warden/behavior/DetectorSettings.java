package dev.warden.behavior;

import java.time.Duration;
import java.util.Objects;

/**
 * How one detector runs.
 *
 * @param enabled   whether it runs
 * @param threshold its threshold (a ratio, a share, a number of sigmas or a count: see docs/detection.md)
 * @param severity  the severity of what it finds once the agent's baseline counts
 * @param minSample how many calls or outcomes the window must hold before it judges
 * @param window    the window it looks at; also the least time between two of its anomalies for one agent (and tool)
 */
public record DetectorSettings(boolean enabled, double threshold, AnomalySeverity severity, int minSample,
                               Duration window) {
    /** Validates. */
    public DetectorSettings {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(window, "window");
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a number >= 0");
        }
        if (minSample < 0) {
            throw new IllegalArgumentException("min_sample must be >= 0");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("window must be between 1 s and 1 h");
        }
    }

    /** A copy with another threshold. */
    public DetectorSettings withThreshold(double t) {
        return new DetectorSettings(enabled, t, severity, minSample, window);
    }

    /** A copy switched on or off. */
    public DetectorSettings withEnabled(boolean on) {
        return new DetectorSettings(on, threshold, severity, minSample, window);
    }
}
