package dev.warden.incident;

import dev.warden.behavior.AnomalySeverity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which responses an anomaly gets, by detector id and severity. A detector without an entry uses
 * the {@value #DEFAULT} entry; a severity without responses is recorded only (it still opens or
 * joins an incident). A critical anomaly is always at least alerted.
 *
 * @param detectors      detector id ({@code [a-z_]+}, or {@value #DEFAULT}) to severity to responses
 * @param throttleFactor a throttle cuts the agent's rate to the anomaly's baseline times this (> 0)
 */
public record ResponsePolicy(Map<String, Map<AnomalySeverity, List<ResponseAction>>> detectors, double throttleFactor) {
    /** The entry of detectors without their own. */
    public static final String DEFAULT = "default";
    /** What a detector id looks like. */
    public static final Pattern DETECTOR_ID = Pattern.compile("[a-z_]+");

    /**
     * The seed's red-flag table: a volume spike is throttled and alerted, an error-rate spike
     * quarantines, a new tool or resource class needs re-verification; minor anomalies are recorded
     * only; anything critical is alerted.
     */
    public static final ResponsePolicy SEED = new ResponsePolicy(seed(), 1.0);

    /** Validates and copies. */
    public ResponsePolicy {
        if (!(throttleFactor > 0) || Double.isInfinite(throttleFactor)) {
            throw new IllegalArgumentException("throttle_factor must be > 0");
        }
        Map<String, Map<AnomalySeverity, List<ResponseAction>>> copy = new LinkedHashMap<>();
        detectors.forEach((id, bySeverity) -> {
            if (!DETECTOR_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("detector id '" + id + "' must match [a-z_]+");
            }
            Map<AnomalySeverity, List<ResponseAction>> m = new EnumMap<>(AnomalySeverity.class);
            bySeverity.forEach((s, list) -> m.put(Objects.requireNonNull(s), List.copyOf(list)));
            copy.put(id, java.util.Collections.unmodifiableMap(m));
        });
        detectors = java.util.Collections.unmodifiableMap(copy);
    }

    /** The seed table with {@code overrides} replacing the entries of the detectors they name. */
    public static ResponsePolicy seedWith(Map<String, Map<AnomalySeverity, List<ResponseAction>>> overrides, double throttleFactor) {
        Map<String, Map<AnomalySeverity, List<ResponseAction>>> all = new LinkedHashMap<>(seed());
        all.putAll(overrides);
        return new ResponsePolicy(all, throttleFactor);
    }

    /** The responses for an anomaly of {@code detector} at {@code severity}, in the order to apply them. */
    public List<ResponseAction> responses(String detector, AnomalySeverity severity) {
        Map<AnomalySeverity, List<ResponseAction>> entry = detectors.getOrDefault(detector, detectors.getOrDefault(DEFAULT, Map.of()));
        List<ResponseAction> out = new ArrayList<>(entry.getOrDefault(severity, List.of()));
        if (severity == AnomalySeverity.CRITICAL && !out.contains(ResponseAction.ALERT)) {
            out.add(ResponseAction.ALERT); // anything critical reaches a person
        }
        return List.copyOf(out);
    }

    private static Map<String, Map<AnomalySeverity, List<ResponseAction>>> seed() {
        Map<String, Map<AnomalySeverity, List<ResponseAction>>> m = new LinkedHashMap<>();
        List<ResponseAction> throttle = List.of(ResponseAction.THROTTLE, ResponseAction.ALERT);
        m.put("volume_spike", Map.of(AnomalySeverity.MAJOR, throttle, AnomalySeverity.CRITICAL, throttle));
        List<ResponseAction> quarantine = List.of(ResponseAction.QUARANTINE, ResponseAction.ALERT);
        m.put("error_rate", Map.of(AnomalySeverity.MAJOR, quarantine, AnomalySeverity.CRITICAL, quarantine));
        List<ResponseAction> reverify = List.of(ResponseAction.REQUIRE_APPROVAL);
        m.put("access_pattern", Map.of(AnomalySeverity.MAJOR, reverify, AnomalySeverity.CRITICAL, reverify));
        m.put(DEFAULT, Map.of(AnomalySeverity.CRITICAL, List.of(ResponseAction.ALERT)));
        return m;
    }
}
