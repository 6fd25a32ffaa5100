package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * Seed rule: failed outcomes above {@code threshold} of those reported in the window (default
 * 15%), judged only once the window holds {@code min_sample} outcomes (so 1 failure in 3 calls is
 * not 33%). A rule: it applies while the agent learns.
 */
public final class ErrorRate implements Detector {
    /** The id. */
    public static final String ID = "error_rate";

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
        if (!(o.event() instanceof BehaviorEvent.Outcome)) {
            return Optional.empty();
        }
        AgentBaseline.Window w = o.baseline().window(o.at(), o.windowMinutes());
        if (w.outcomes() < Math.max(1, o.settings().minSample())) {
            return Optional.empty();
        }
        double share = (double) w.failures() / w.outcomes();
        if (share <= o.settings().threshold()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Optional.empty(), share, Optional.of(o.baseline().errorShare()),
                o.settings().threshold(), String.format(Locale.ROOT,
                "%d of %d outcomes failed in %d min (%.0f%%, limit %.0f%%)", w.failures(), w.outcomes(),
                o.windowMinutes(), 100 * share, 100 * o.settings().threshold())));
    }
}
