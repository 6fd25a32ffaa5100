package dev.warden.behavior;

import java.util.Optional;

/**
 * Looks at one agent's latest event against its baseline. Detectors are deterministic: the same
 * events with the same times give the same findings. They run on the monitor's thread only; a
 * detector that throws is logged and counted and the others go on.
 */
public interface Detector {
    /** The id used in configuration and anomalies, e.g. {@code volume_spike}. */
    String id();

    /** The version; raised whenever what the detector finds changes. */
    int version();

    /**
     * Whether the detector compares with the baseline statistically: while an agent learns, what
     * it finds is only recorded (minor, marked learning). Rules (false) apply from the first call.
     */
    boolean statistical();

    /** What the detector finds in the latest event, if anything. */
    Optional<Finding> inspect(Observation o);
}
