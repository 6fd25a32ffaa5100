package dev.warden.simulation;

import java.util.Map;

/**
 * One call of the simulated traffic, in the order the driver makes them.
 *
 * @param at        simulated time, in milliseconds since the epoch
 * @param agent     the calling agent
 * @param session   its session id
 * @param tool      the tool called
 * @param resource  the resource touched ({@code class:id})
 * @param args      the call's arguments
 * @param fails     whether the action fails (its outcome is reported {@code failed}) when allowed
 * @param injection the index of the injected anomaly this call belongs to, or -1 for benign traffic
 */
public record SimulatedCall(long at, String agent, String session, String tool, String resource, Map<String, Object> args,
                            boolean fails, int injection) {

    /** Copies the arguments, sorted (Map.copyOf's order varies between JVMs). */
    public SimulatedCall {
        args = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(args));
    }

    /** True for benign traffic. */
    public boolean benign() {
        return injection < 0;
    }

    /** The same call relabeled as part of an injection, failing or not. */
    SimulatedCall injected(int index, boolean failing) {
        return new SimulatedCall(at, agent, session, tool, resource, args, failing, index);
    }
}
