package dev.warden.simulation;

import java.time.Instant;

/**
 * A planned anomaly: the ground truth before the calls are made.
 *
 * @param index its index in the scenario (the {@link SimulatedCall#injection} of its calls)
 * @param agent the agent that misbehaves
 * @param kind  what it does
 * @param start the time of its first anomalous call
 * @param end   the time of its last anomalous call
 * @param note  what exactly was injected, for the report
 */
public record Injection(int index, String agent, AnomalyKind kind, Instant start, Instant end, String note) {
}
