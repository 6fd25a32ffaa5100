package dev.warden.simulation;

import dev.warden.Warden;
import dev.warden.behavior.AnomalySink;
import java.time.Clock;
import java.util.List;

/**
 * What the simulation measures: the detectors wired into the Warden it drives. The driver builds
 * Warden itself (catalog, policies, in-memory stores, its clock) and lets the target add to the
 * builder; the anomalies the detectors find must reach {@code sink}.
 */
public interface DetectionTarget {
    /** No detectors: the traffic runs and nothing is found (the baseline for the timing). */
    DetectionTarget NONE = new DetectionTarget() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public void attach(Warden.Builder builder, Clock clock, AnomalySink sink) {
        }
    };

    /** The name the report shows. */
    String name();

    /** Adds the detectors to the builder; every anomaly they record goes to {@code sink}. */
    void attach(Warden.Builder builder, Clock clock, AnomalySink sink);

    /** Called once Warden is built, before the first call (for wiring that needs the built Warden). */
    default void started(Warden warden) {
    }

    /**
     * Processes everything decided and reported so far before the driver moves the clock on (a
     * monitor reading the audit stream off the decision path catches up here). Called at every
     * simulated minute boundary that traffic crosses, and at the end.
     */
    default void settle(Warden warden) {
    }

    /** The incidents opened during the run, read after the last {@link #settle}; none by default. */
    default List<ObservedIncident> incidents(Warden warden) {
        return List.of();
    }
}
