package dev.warden.behavior;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of behaviour monitoring.
 *
 * @param learningPeriod     how long an agent is watched before its baseline counts (default 7 days)
 * @param learningOperations how many decisions count the baseline earlier (default 1,000)
 * @param queueCapacity      events waiting for the monitor before new ones are dropped (and counted)
 * @param snapshotEvery      how often baselines are written to the store (also on close)
 * @param detectors          settings per detector id; every known detector is present
 */
public record BehaviorConfig(Duration learningPeriod, long learningOperations, int queueCapacity,
                             Duration snapshotEvery, Map<String, DetectorSettings> detectors) {
    /** The seed table and the statistical detectors with their default settings. */
    public static final BehaviorConfig DEFAULTS = new BehaviorConfig(Duration.ofDays(7), 1_000, 65_536,
            Duration.ofMinutes(5), Detectors.defaultSettings());

    /** Validates; missing detectors take their defaults, unknown ones are refused. */
    public BehaviorConfig {
        Objects.requireNonNull(learningPeriod, "learningPeriod");
        Objects.requireNonNull(snapshotEvery, "snapshotEvery");
        if (learningPeriod.isNegative()) {
            throw new IllegalArgumentException("learning period must be >= 0");
        }
        if (learningOperations < 0) {
            throw new IllegalArgumentException("learning operations must be >= 0");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be >= 1");
        }
        if (snapshotEvery.isNegative() || snapshotEvery.isZero()) {
            throw new IllegalArgumentException("snapshot interval must be positive");
        }
        Map<String, DetectorSettings> all = new LinkedHashMap<>(Detectors.defaultSettings());
        for (Map.Entry<String, DetectorSettings> e : detectors.entrySet()) {
            if (!all.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown detector " + e.getKey() + "; known: " + Detectors.IDS);
            }
            Detectors.check(e.getKey(), e.getValue());
            all.put(e.getKey(), e.getValue());
        }
        detectors = Map.copyOf(all);
    }

    /** The settings of one detector. */
    public DetectorSettings detector(String id) {
        return detectors.get(id);
    }

    /** A copy with one detector's settings replaced. */
    public BehaviorConfig with(String id, DetectorSettings settings) {
        Map<String, DetectorSettings> next = new LinkedHashMap<>(detectors);
        next.put(id, settings);
        return new BehaviorConfig(learningPeriod, learningOperations, queueCapacity, snapshotEvery, next);
    }

    /** A copy with another learning period. */
    public BehaviorConfig learning(Duration period, long operations) {
        return new BehaviorConfig(period, operations, queueCapacity, snapshotEvery, detectors);
    }

    /** A copy with another queue capacity. */
    public BehaviorConfig queueCapacity(int capacity) {
        return new BehaviorConfig(learningPeriod, learningOperations, capacity, snapshotEvery, detectors);
    }
}
