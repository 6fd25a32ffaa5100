package dev.warden.behavior;

import java.util.Objects;
import java.util.Optional;

/**
 * What a detector found; the monitor makes it an {@link Anomaly}.
 *
 * @param tool      the tool concerned when the detector looks per tool (anomalies are held back per agent and tool)
 * @param observed  the value observed
 * @param baseline  the baseline's value, when compared with one
 * @param threshold the threshold crossed
 * @param summary   one sentence a human understands
 */
public record Finding(Optional<String> tool, double observed, Optional<Double> baseline, double threshold,
                      String summary) {
    /** Validates. */
    public Finding {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(summary, "summary");
    }
}
