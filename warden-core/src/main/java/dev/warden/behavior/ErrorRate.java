package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * Seed rule: failed outcomes above {@code threshold} (default 15%) of the agent's latest
 * outcomes. It judges the latest {@code min_sample}, twice and four times as many outcomes (10,
 * 20, 40 by default) reported within the reach-back (an hour, at least the window), so a fast
 * agent is judged on its last minute and a slow one on its last hour; a span fires only when its
 * failures are also too many to be chance at the agent's usual error rate (floored at 2%; binomial
 * tail below {@link VolumeSpike#CHANCE}), so 1 failure in 3 calls is not 33% and 4 in 20 at a 3%
 * usual rate stays quiet. A rule: it applies while the agent learns.
 */
public final class ErrorRate implements Detector {
    /** The id. */
    public static final String ID = "error_rate";
    /** The least usual error rate a span is tested against (an agent that never failed may still fail). */
    static final double USUAL_FLOOR = 0.02;
    private static final long REACH_BACK_SECONDS = 3600;
    private static final int[] MULTIPLES = {1, 2, 4};

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
        return false;
    }

    @Override
    public Optional<Finding> inspect(Observation o) {
        if (!(o.event() instanceof BehaviorEvent.Outcome)) {
            return Optional.empty();
        }
        int min = Math.max(1, o.settings().minSample());
        long reach = Math.max(REACH_BACK_SECONDS, o.settings().window().toSeconds());
        double usual = Math.max(o.baseline().errorShare(), USUAL_FLOOR);
        for (int multiple : MULTIPLES) {
            int n = min * multiple;
            int failures = o.baseline().failuresInLast(o.at(), n, reach);
            if (failures < 0) {
                break; // fewer outcomes than that in the reach-back: longer spans hold fewer still
            }
            double share = (double) failures / n;
            if (share <= o.settings().threshold() || Tails.binomialAtLeast(failures, n, usual) >= VolumeSpike.CHANCE) {
                continue;
            }
            return Optional.of(new Finding(Optional.empty(), share, Optional.of(o.baseline().errorShare()),
                    o.settings().threshold(), String.format(Locale.ROOT,
                    "%d of the latest %d outcomes failed (%.0f%%, limit %.0f%%; %.1f%% is usual)", failures, n,
                    100 * share, 100 * o.settings().threshold(), 100 * o.baseline().errorShare())));
        }
        return Optional.empty();
    }
}
