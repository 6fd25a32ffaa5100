package dev.warden.simulation;

import java.time.Instant;
import java.util.List;

/**
 * A generated simulation: agents, their calls in time order and the injected anomalies.
 *
 * @param config     what was generated
 * @param agents     the agents
 * @param calls      every call, ordered by time
 * @param injections the injected anomalies (ground truth)
 * @param digest     SHA-256 over the calls (equal digests: identical traffic)
 */
public record Scenario(SimulationConfig config, List<AgentSpec> agents, List<SimulatedCall> calls,
                       List<Injection> injections, String digest) {

    /** Copies the lists. */
    public Scenario {
        agents = List.copyOf(agents);
        calls = List.copyOf(calls);
        injections = List.copyOf(injections);
    }

    /** When the learning period ends and injections may start. */
    public Instant learningEnd() {
        return config.start().plus(java.time.Duration.ofDays(config.learningDays()));
    }

    /** When the simulation ends. */
    public Instant end() {
        return config.start().plus(java.time.Duration.ofDays(config.days()));
    }
}
