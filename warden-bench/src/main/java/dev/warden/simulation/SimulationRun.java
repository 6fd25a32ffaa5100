package dev.warden.simulation;

import dev.warden.behavior.Anomaly;
import java.time.Duration;
import java.util.List;

/**
 * What a driven simulation produced.
 *
 * @param scenario   the traffic and injections
 * @param target     the detection target's name
 * @param labels     the ground truth with decision ids
 * @param anomalies  every anomaly the target reported, in the order reported
 * @param incidents  the incidents the target opened
 * @param decisions  decisions made
 * @param allowed    of which allowed
 * @param outcomes   outcomes reported
 * @param wallTime   how long driving took (wall clock, generation excluded)
 */
public record SimulationRun(Scenario scenario, String target, List<Label> labels, List<Anomaly> anomalies,
                            List<ObservedIncident> incidents, long decisions, long allowed, long outcomes, Duration wallTime) {
    /** Copies the lists. */
    public SimulationRun {
        labels = List.copyOf(labels);
        anomalies = List.copyOf(anomalies);
        incidents = List.copyOf(incidents);
    }
}
