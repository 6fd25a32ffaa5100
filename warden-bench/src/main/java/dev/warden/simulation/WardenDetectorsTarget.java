package dev.warden.simulation;

import dev.warden.Warden;
import dev.warden.behavior.AnomalySink;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.behavior.BehaviorMonitor;
import java.time.Clock;
import java.util.Objects;

/** Warden's own behaviour monitor and detectors, as configured, measured by the simulation. */
public final class WardenDetectorsTarget implements DetectionTarget {
    private final BehaviorConfig config;

    /** Measures the detectors under {@code config} (the seed table: {@link BehaviorConfig#DEFAULTS}). */
    public WardenDetectorsTarget(BehaviorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "warden";
    }

    @Override
    public void attach(Warden.Builder builder, Clock clock, AnomalySink sink) {
        builder.behavior(config).anomalySink(sink);
    }

    @Override
    public void settle(Warden warden) {
        warden.behavior().ifPresent(BehaviorMonitor::drain);
    }
}
