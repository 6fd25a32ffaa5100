package dev.warden.simulation;

import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One simulated agent: its rhythm and habits.
 *
 * @param name        agent name
 * @param profile     daily rhythm
 * @param scale       multiplies the profile's rate (agents of one profile differ in volume)
 * @param toolMix     the tools it uses and their weights (never the forbidden or unclaimed tool)
 * @param workingSet  per resource class, the ids it works on (customer ids, invoice ids, ...)
 * @param failureRate the share of its actions that fail on benign days
 */
public record AgentSpec(String name, Profile profile, double scale, Map<String, Double> toolMix,
                        Map<String, List<String>> workingSet, double failureRate) {

    /** Copies the maps, sorted: iteration order feeds the random draws, and must not vary between JVMs as Map.copyOf's does. */
    public AgentSpec {
        toolMix = Collections.unmodifiableMap(new TreeMap<>(toolMix));
        workingSet = Collections.unmodifiableMap(new TreeMap<>(workingSet));
    }

    /** Expected calls per minute at a minute of a weekday-or-weekend day. */
    public double rate(int minuteOfDay, java.time.DayOfWeek day) {
        return profile.rate(minuteOfDay, day) * scale;
    }
}
