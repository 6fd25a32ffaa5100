package dev.warden.behavior;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Behaviour a detector found off an agent's baseline or against a rule.
 *
 * @param id        unique id ({@code anm_...})
 * @param at        when it was detected (the time of the event that tipped it)
 * @param agent     the agent
 * @param tool      the tool concerned, if the detector looks per tool
 * @param detector  the detector's id, e.g. {@code volume_spike}
 * @param version   the detector's version (a changed detector is a new version)
 * @param severity  how serious
 * @param observed  the value observed (e.g. calls in the last minute, failure share)
 * @param baseline  what the baseline expected, when the detector compares with one
 * @param threshold the threshold crossed
 * @param summary   one sentence a human understands
 * @param evidence  the decision ids it rests on (the first anomalous call first)
 */
public record Anomaly(String id, Instant at, String agent, Optional<String> tool, String detector, int version,
                      AnomalySeverity severity, double observed, Optional<Double> baseline, double threshold,
                      String summary, List<String> evidence) {

    /** Validates and copies. */
    public Anomaly {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(summary, "summary");
        evidence = List.copyOf(evidence);
    }
}
