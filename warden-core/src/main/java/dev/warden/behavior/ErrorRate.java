package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * Seed rule: failed outcomes above {@code threshold} of those reported in the window (default
 * 15%), judged only once the window holds {@code min_sample} outcomes (so 1 failure in 3 calls is
 * not 33%); where the window holds fewer, it reaches back minute by minute (up to an hour) until it
 * holds twice as many, so a slow agent's error burst is judged too. A rule: it applies while the agent learns.
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
        int min = Math.max(1, o.settings().minSample());
        AgentBaseline.Window w = o.baseline().window(o.at(), o.windowMinutes());
        int minutes = o.windowMinutes();
        if (w.outcomes() < min) {
            // a slow agent's window is stretched back (up to an hour), else it is never judged; it then needs
            // twice the sample, as it is judged again on every outcome of a long span (a 3% benign failure
            // rate reaches 4 of 20 by chance within days, 7 of 40 not)
            AgentBaseline.Span span = o.baseline().windowHoldingOutcomes(o.at(), minutes, 2 * min);
            w = span.window();
            minutes = span.minutes();
            if (w.outcomes() < 2 * min) {
                return Optional.empty();
            }
        }
        double share = (double) w.failures() / w.outcomes();
        if (share <= o.settings().threshold()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Optional.empty(), share, Optional.of(o.baseline().errorShare()),
                o.settings().threshold(), String.format(Locale.ROOT,
                "%d of %d outcomes failed in %d min (%.0f%%, limit %.0f%%)", w.failures(), w.outcomes(),
                minutes, 100 * share, 100 * o.settings().threshold())));
    }
}
