package dev.warden.incident;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A response applied for an incident, with its trigger and whether an operator undid it.
 *
 * @param n         its number within the incident (1, 2, ...), the {@code {n}} of the undo endpoint
 * @param action    what was done
 * @param at        when
 * @param anomalyId the anomaly that triggered it
 * @param detector  the detector of that anomaly
 * @param tool      the tool concerned (re-verification holds one tool; empty: all the agent's tools)
 * @param detail    what undoing needs: {@code level_before}, {@code status_before}, {@code rate_per_minute}...
 * @param undoneBy  the operator who undid it
 * @param undoneAt  when it was undone
 */
public record AppliedResponse(int n, ResponseAction action, Instant at, String anomalyId, String detector,
                              Optional<String> tool, Map<String, Object> detail, Optional<String> undoneBy,
                              Optional<Instant> undoneAt) {
    /** Validates and copies. */
    public AppliedResponse {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(anomalyId, "anomalyId");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(undoneBy, "undoneBy");
        Objects.requireNonNull(undoneAt, "undoneAt");
        detail = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    /** Whether it is still in force (not undone). */
    public boolean inForce() {
        return undoneAt.isEmpty();
    }

    /** This response undone by {@code by} at {@code at}. */
    public AppliedResponse undone(String by, Instant when) {
        return new AppliedResponse(n, action, at, anomalyId, detector, tool, detail, Optional.of(by), Optional.of(when));
    }
}
