package dev.warden.behavior;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stock detectors and their default settings (the seed table and the statistical ones). */
public final class Detectors {
    /** The known detector ids, in the order they run. */
    public static final List<String> IDS = List.of(VolumeSpike.ID, ErrorRate.ID, AccessPattern.ID,
            VolumeDeviation.ID, ErrorRateDeviation.ID, DenySpike.ID, OffHours.ID, Enumeration.ID);

    private Detectors() {
    }

    /** One instance of each stock detector, in {@link #IDS} order. */
    public static List<Detector> all() {
        return List.of(new VolumeSpike(), new ErrorRate(), new AccessPattern(), new VolumeDeviation(),
                new ErrorRateDeviation(), new DenySpike(), new OffHours(), new Enumeration());
    }

    /** The defaults: the seed table's thresholds and 3 sigma for the statistical detectors. */
    static Map<String, DetectorSettings> defaultSettings() {
        Map<String, DetectorSettings> d = new LinkedHashMap<>();
        d.put(VolumeSpike.ID, new DetectorSettings(true, 2.0, AnomalySeverity.MAJOR, 5, Duration.ofMinutes(5)));
        d.put(ErrorRate.ID, new DetectorSettings(true, 0.15, AnomalySeverity.CRITICAL, 10, Duration.ofMinutes(5)));
        d.put(AccessPattern.ID, new DetectorSettings(true, 0, AnomalySeverity.MAJOR, 0, Duration.ofHours(1)));
        d.put(VolumeDeviation.ID, new DetectorSettings(true, 3, AnomalySeverity.MINOR, 20, Duration.ofMinutes(15)));
        d.put(ErrorRateDeviation.ID, new DetectorSettings(true, 3, AnomalySeverity.MINOR, 20, Duration.ofMinutes(15)));
        d.put(DenySpike.ID, new DetectorSettings(true, 3, AnomalySeverity.MAJOR, 20, Duration.ofMinutes(15)));
        d.put(OffHours.ID, new DetectorSettings(true, 0.5, AnomalySeverity.MINOR, 3, Duration.ofHours(1)));
        d.put(Enumeration.ID, new DetectorSettings(true, 30, AnomalySeverity.CRITICAL, 0, Duration.ofMinutes(1)));
        return d;
    }

    /**
     * Refuses thresholds a detector cannot mean.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static void check(String id, DetectorSettings s) {
        double t = s.threshold();
        switch (id) {
            case ErrorRate.ID -> {
                if (t > 1) {
                    throw new IllegalArgumentException(id + " threshold is a share: between 0 and 1 (0.15 = 15%)");
                }
            }
            case VolumeSpike.ID -> {
                if (t < 1) {
                    throw new IllegalArgumentException(id + " threshold is a ratio to the baseline: at least 1 (2.0 = 200%)");
                }
            }
            case VolumeDeviation.ID, ErrorRateDeviation.ID, DenySpike.ID -> {
                if (t <= 0) {
                    throw new IllegalArgumentException(id + " threshold is a number of sigmas: above 0");
                }
            }
            case Enumeration.ID -> {
                if (t < 1) {
                    throw new IllegalArgumentException(id + " threshold is a number of distinct resources: at least 1");
                }
            }
            default -> { }
        }
    }
}
