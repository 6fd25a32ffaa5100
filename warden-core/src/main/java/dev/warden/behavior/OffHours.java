package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * Activity in an hour where the agent is usually idle: the baseline expects fewer than
 * {@code threshold} calls in this hour (default 0.5; by hour of the week once two weeks were seen,
 * else by hour of the day, UTC), and {@code min_sample} calls (default 3) came within the window.
 * Judged once every hour of the day was seen at least once.
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
        for (int h = 0; h < 24; h++) {
            if (b.daySamples(h) == 0) {
                return Optional.empty(); // not a full day seen yet
            }
        }
        double usual = b.expectedPerHour(o.at());
        if (usual >= o.settings().threshold()) {
            return Optional.empty();
        }
        int sinceHour = (int) (Math.floorMod(o.at().getEpochSecond(), 3600L) / 60) + 1; // this hour's calls only
        int calls = b.window(o.at(), Math.min(o.windowMinutes(), sinceHour)).calls();
        if (calls < Math.max(1, o.settings().minSample())) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Optional.empty(), calls, Optional.of(usual), o.settings().threshold(),
                String.format(Locale.ROOT, "%d calls at %02d:00 UTC, an hour where the agent usually makes %.2f",
                        calls, AgentBaseline.hourOfDay(o.at()), usual)));
    }
}
