package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * Calls in the window more than {@code threshold} standard deviations (default 3) above what the
 * baseline expects for this hour of the week, scaled to the window.
 */
public final class VolumeDeviation implements Detector {
    /** The id. */
    public static final String ID = "volume_deviation";

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
        if (!(o.event() instanceof BehaviorEvent.Decided) || !o.baseline().knowsHours(o.at(), o.windowMinutes())) {
            return Optional.empty();
        }
        int minutes = o.windowMinutes();
        int calls = o.baseline().window(o.at(), minutes).calls();
        double expected = o.baseline().expectedIn(o.at(), minutes);
        double sigma = o.baseline().sigmaIn(o.at(), minutes);
        double z = (calls - expected) / sigma;
        if (calls < o.settings().minSample() || z <= o.settings().threshold()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Optional.empty(), calls, Optional.of(expected),
                expected + o.settings().threshold() * sigma, String.format(Locale.ROOT,
                "%d calls in %d min where %.1f are usual at this hour (%.1f sigma above)", calls, minutes, expected, z)));
    }
}
