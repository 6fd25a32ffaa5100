package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * Denied decisions in the window more than {@code threshold} binomial standard deviations (default
 * 3) above the agent's usual deny share: an agent probing what it may do. Only refusals of
 * authority count ({@link BehaviorEvent.Decided#refused}): denies of Warden's own containment
 * (a throttle, a quarantine, an open breaker) are Warden's doing, not the agent's.
 */
public final class DenySpike implements Detector {
    /** The id. */
    public static final String ID = "deny_spike";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public boolean statistical() {
        return true;
    }

    @Override
    public Optional<Finding> inspect(Observation o) {
        if (!(o.event() instanceof BehaviorEvent.Decided d) || !d.refused()) {
            return Optional.empty();
        }
        AgentBaseline.Window w = o.baseline().window(o.at(), o.windowMinutes());
        return Shares.spike(w.denies(), w.calls(), o.baseline().denyShare(), o.settings())
                .map(z -> new Finding(Optional.empty(), (double) w.denies() / w.calls(),
                        Optional.of(o.baseline().denyShare()), o.settings().threshold(), String.format(Locale.ROOT,
                        "%d of %d calls denied in %d min where %.1f%% is usual (%.1f sigma above)", w.denies(),
                        w.calls(), o.windowMinutes(), 100 * o.baseline().denyShare(), z)));
    }
}
