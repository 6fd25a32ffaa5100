package dev.warden.simulation;

import java.time.Instant;
import java.util.List;

/**
 * An incident the detection target opened, as the scorer needs it.
 *
 * @param id         incident id
 * @param agent      the agent
 * @param opened     when it was opened (simulated time)
 * @param anomalyIds the anomalies grouped into it
 */
public record ObservedIncident(String id, String agent, Instant opened, List<String> anomalyIds) {
    /** Copies the list. */
    public ObservedIncident {
        anomalyIds = List.copyOf(anomalyIds);
    }
}
