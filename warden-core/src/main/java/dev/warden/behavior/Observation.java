package dev.warden.behavior;

import java.time.Instant;
import java.util.Optional;

/**
 * What a detector sees: the latest event, already folded into the agent's baseline.
 *
 * @param event    the event
 * @param baseline the agent's baseline and recent counts
 * @param learned  whether the baseline counts (the learning period is over)
 * @param newTool  whether the event's tool was never used by the agent before it
 * @param newClass the resource class the event touched for the first time, if any
 * @param settings the detector's settings
 */
public record Observation(BehaviorEvent event, AgentBaseline baseline, boolean learned, boolean newTool,
                          Optional<String> newClass, DetectorSettings settings) {
    /** The event's time. */
    public Instant at() {
        return event.at();
    }

    /** The window's length in minutes (at least one). */
    public int windowMinutes() {
        return (int) Math.max(1, Math.min(60, settings.window().toMinutes()));
    }
}
