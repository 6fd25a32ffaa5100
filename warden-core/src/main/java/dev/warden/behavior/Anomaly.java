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
 * @param learning  whether the agent was still learning its baseline: the anomaly is recorded
 *                  (minor) and no response should follow
 */
public record Anomaly(String id, Instant at, String agent, Optional<String> tool, String detector, int version,
                      AnomalySeverity severity, double observed, Optional<Double> baseline, double threshold,
                      String summary, List<String> evidence, boolean learning) {

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

    /** An anomaly of an agent whose baseline counts. */
    public Anomaly(String id, Instant at, String agent, Optional<String> tool, String detector, int version,
                   AnomalySeverity severity, double observed, Optional<Double> baseline, double threshold,
                   String summary, List<String> evidence) {
        this(id, at, agent, tool, detector, version, severity, observed, baseline, threshold, summary, evidence, false);
    }

    /** The anomaly as recorded in the audit log and returned by the API. */
    public java.util.Map<String, Object> wire() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("anomaly_id", id);
        m.put("at", at.toString());
        m.put("agent", agent);
        tool.ifPresent(t -> m.put("tool", t));
        m.put("detector", detector);
        m.put("detector_version", version);
        m.put("severity", severity.wire());
        m.put("observed", observed);
        baseline.ifPresent(b -> m.put("baseline", b));
        m.put("threshold", threshold);
        m.put("summary", summary);
        m.put("evidence", evidence);
        m.put("learning", learning);
        return m;
    }
}
