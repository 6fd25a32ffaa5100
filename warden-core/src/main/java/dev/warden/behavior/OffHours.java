package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * Activity in an hour of the day (UTC) where the agent is usually idle: the baseline expects
 * fewer calls there than {@code threshold} times its busiest hour (default 0.02). Judged once
 * {@code min_sample} calls came in that hour, after every hour of the day was seen at least once.
 */
public final class OffHours implements Detector {
    /** The id. */
    public static final String ID = "off_hours";

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
        return true;
    }

    @Override
    public Optional<Finding> inspect(Observation o) {
        if (!(o.event() instanceof BehaviorEvent.Decided)) {
            return Optional.empty();
        }
        AgentBaseline b = o.baseline();
        double peak = 0;
        for (int h = 0; h < 24; h++) {
            if (b.daySamples(h) == 0) {
                return Optional.empty(); // not a full day seen yet
            }
            peak = Math.max(peak, b.dayMean(h));
        }
        int hour = AgentBaseline.hourOfDay(o.at());
        double usual = b.dayMean(hour);
        if (peak <= 0 || usual >= o.settings().threshold() * peak) {
            return Optional.empty();
        }
        int calls = b.window(o.at(), o.windowMinutes()).calls();
        if (calls < Math.max(1, o.settings().minSample())) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Optional.empty(), calls, Optional.of(usual), o.settings().threshold() * peak,
                String.format(Locale.ROOT, "%d calls at %02d:00 UTC, an hour where the agent usually makes %.1f "
                        + "(busiest hour: %.1f)", calls, hour, usual, peak)));
    }
}
