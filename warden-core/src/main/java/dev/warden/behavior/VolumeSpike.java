package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * Seed rule: call volume above {@code threshold} times the baseline (default 2.0, "more than
 * 200%") over the window, for the hour of the week. Needs a baseline, so it waits for learning.
 */
public final class VolumeSpike implements Detector {
    /** The id. */
    public static final String ID = "volume_spike";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean statistical() {
        return false;
    }

    @Override
    public Optional<Finding> inspect(Observation o) {
        if (!o.learned() || !(o.event() instanceof BehaviorEvent.Decided)
                || !o.baseline().knowsHours(o.at(), o.windowMinutes())) {
            return Optional.empty();
        }
        int minutes = o.windowMinutes();
        int calls = o.baseline().window(o.at(), minutes).calls();
        double expected = o.baseline().expectedIn(o.at(), minutes);
        double limit = Math.max(expected, 1) * o.settings().threshold();
        if (calls < o.settings().minSample() || calls <= limit) {
            return Optional.empty();
        }
        // figures a minute: the throttle response cuts the agent to the baseline's calls a minute
        return Optional.of(new Finding(Optional.empty(), (double) calls / minutes, Optional.of(expected / minutes),
                limit / minutes, String.format(Locale.ROOT,
                "%d calls in %d min, %.0f%% of the %.1f expected at this hour of the week (limit %.0f%%)",
                calls, minutes, 100.0 * calls / Math.max(expected, 1), expected, 100 * o.settings().threshold())));
    }
}
