package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * Failed outcomes in the window more than {@code threshold} binomial standard deviations (default
 * 3) above the agent's usual error share, once the window holds {@code min_sample} outcomes.
 */
public final class ErrorRateDeviation implements Detector {
    /** The id. */
    public static final String ID = "error_rate_deviation";

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
        if (!(o.event() instanceof BehaviorEvent.Outcome)) {
            return Optional.empty();
        }
        AgentBaseline.Window w = o.baseline().window(o.at(), o.windowMinutes());
        return Shares.spike(w.failures(), w.outcomes(), o.baseline().errorShare(), o.settings())
                .map(z -> new Finding(Optional.empty(), (double) w.failures() / w.outcomes(),
                        Optional.of(o.baseline().errorShare()), o.settings().threshold(), String.format(Locale.ROOT,
                        "%d of %d outcomes failed in %d min where %.1f%% is usual (%.1f sigma above)", w.failures(),
                        w.outcomes(), o.windowMinutes(), 100 * o.baseline().errorShare(), z)));
    }
}
