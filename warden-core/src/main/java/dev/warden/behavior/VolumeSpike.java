package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * Seed rule: call volume above {@code threshold} times the baseline (default 2.0, "more than
 * 200%") for the hour of the week. It judges the last fifth, two fifths and the whole of its
 * window (1, 2 and 5 minutes by default), counting calls to the millisecond, so a strong spike is
 * seen within a minute; a span fires only when its count is also too many to be chance at the
 * usual rate (Poisson tail below {@link #CHANCE}), so 3 calls where 1 is usual stay quiet. Needs
 * a baseline, so it waits for learning.
 */
public final class VolumeSpike implements Detector {
    /** The id. */
    public static final String ID = "volume_spike";
    /** How unlikely at the usual rate a span's count must be to fire: about once in a million spans judged. */
    static final double CHANCE = 1e-6;
    private static final int[] FIFTHS = {1, 2, 5};

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
        if (!o.learned() || !(o.event() instanceof BehaviorEvent.Decided)
                || !o.baseline().knowsHours(o.at(), o.windowMinutes())) {
            return Optional.empty();
        }
        long window = Math.max(5, o.settings().window().toSeconds());
        for (int fifths : FIFTHS) {
            long span = window * fifths / 5;
            int calls = o.baseline().callsIn(o.at(), span);
            if (calls < Math.max(1, o.settings().minSample())) {
                continue;
            }
            // at least one call per window is usual: an hour that usually sees none is off_hours' to judge
            double expected = Math.max(o.baseline().expectedInSeconds(o.at(), span), (double) span / window);
            double limit = expected * o.settings().threshold();
            if (calls <= limit || Tails.poissonAtLeast(calls, expected) >= CHANCE) {
                continue;
            }
            double minutes = span / 60.0;
            // figures a minute: the throttle response cuts the agent to the baseline's calls a minute
            return Optional.of(new Finding(Optional.empty(), calls / minutes, Optional.of(expected / minutes),
                    limit / minutes, String.format(Locale.ROOT,
                    "%d calls in %s, %.0f%% of the %.1f expected at this hour of the week (limit %.0f%%)",
                    calls, span % 60 == 0 ? span / 60 + " min" : span + " s", 100.0 * calls / expected, expected,
                    100 * o.settings().threshold())));
        }
        return Optional.empty();
    }
}
