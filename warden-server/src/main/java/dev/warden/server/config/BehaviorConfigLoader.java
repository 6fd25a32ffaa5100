package dev.warden.server.config;

import dev.warden.behavior.AnomalySeverity;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.behavior.DetectorSettings;
import dev.warden.behavior.Detectors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code behavior:} section of {@code warden.yaml}: the learning period, the monitor's
 * queue and snapshot interval, and settings per detector that inherit the defaults (the seed
 * table) for what they do not set.
 */
final class BehaviorConfigLoader {
    static final Set<String> KEYS = Set.of("learning", "queue_capacity", "snapshot_seconds", "detectors");
    private static final Set<String> LEARNING_KEYS = Set.of("days", "operations");
    private static final Set<String> DETECTOR_KEYS = Set.of("enabled", "threshold", "severity", "min_sample",
            "window_seconds");

    private BehaviorConfigLoader() {
    }

    static BehaviorConfig behavior(YamlNode node) {
        node.allowOnly(KEYS);
        BehaviorConfig d = BehaviorConfig.DEFAULTS;
        Duration period = d.learningPeriod();
        long operations = d.learningOperations();
        if (node.get("learning").isPresent()) {
            YamlNode l = node.require("learning");
            l.allowOnly(LEARNING_KEYS);
            period = l.get("days").map(n -> Duration.ofDays(n.integer(0, 30))).orElse(period);
            operations = l.get("operations").map(n -> n.integer(0, 100_000_000)).orElse(operations);
        }
        int queue = node.get("queue_capacity").map(n -> (int) n.integer(1024, 16_777_216)).orElse(d.queueCapacity());
        Duration snapshot = node.get("snapshot_seconds").map(n -> Duration.ofSeconds(n.integer(10, 86_400)))
                .orElse(d.snapshotEvery());
        Map<String, DetectorSettings> detectors = new LinkedHashMap<>();
        node.get("detectors").ifPresent(ds -> {
            for (String id : ds.keys()) {
                if (!Detectors.IDS.contains(id)) {
                    throw ds.errorAtKey(id, "unknown detector '" + id + "'; known: " + String.join(", ", Detectors.IDS));
                }
                detectors.put(id, detector(ds.require(id), id, d.detector(id)));
            }
        });
        try {
            return new BehaviorConfig(period, operations, queue, snapshot, detectors);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static DetectorSettings detector(YamlNode n, String id, DetectorSettings base) {
        n.allowOnly(DETECTOR_KEYS);
        boolean enabled = n.get("enabled").map(BehaviorConfigLoader::bool).orElse(base.enabled());
        double threshold = n.get("threshold").map(BehaviorConfigLoader::decimal).orElse(base.threshold());
        AnomalySeverity severity = base.severity();
        if (n.get("severity").isPresent()) {
            YamlNode s = n.require("severity");
            try {
                severity = AnomalySeverity.parse(s.string());
            } catch (IllegalArgumentException e) {
                throw s.error(e.getMessage());
            }
        }
        int minSample = n.get("min_sample").map(v -> (int) v.integer(0, 1_000_000)).orElse(base.minSample());
        Duration window = n.get("window_seconds").map(v -> Duration.ofSeconds(v.integer(1, 3600))).orElse(base.window());
        DetectorSettings settings;
        try {
            settings = new DetectorSettings(enabled, threshold, severity, minSample, window);
            BehaviorConfig.DEFAULTS.with(id, settings); // the detector's own bounds (a share is at most 1, ...)
        } catch (IllegalArgumentException e) {
            throw n.get("threshold").orElse(n).error(e.getMessage());
        }
        return settings;
    }

    private static boolean bool(YamlNode n) {
        return switch (n.text()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw n.error("must be true or false");
        };
    }

    private static double decimal(YamlNode n) {
        try {
            double v = Double.parseDouble(n.text().trim());
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw n.error("must be a finite number");
            }
            if (v < 0) {
                throw n.error("must be >= 0");
            }
            return v;
        } catch (NumberFormatException e) {
            throw n.error("must be a number");
        }
    }
}
