package dev.warden.behavior;

import java.util.Optional;

/** The binomial test the share detectors share. */
final class Shares {
    /** The least number of hits above the usual count that can be a spike. */
    static final int MIN_EXCESS = 3;

    private Shares() {
    }

    /**
     * The z-score of {@code hits} in {@code n} against the usual share {@code p}, when there are
     * enough to judge and it is above the threshold. The share is floored at 1% so that an agent
     * that never failed is not alarmed by its first failure; the hits must also exceed the usual
     * count by {@link #MIN_EXCESS}, so that 2 failures in 20 where 1% is usual (17% likely) stay quiet.
     */
    static Optional<Double> spike(int hits, int n, double p, DetectorSettings s) {
        if (n < Math.max(1, s.minSample())) {
            return Optional.empty();
        }
        double usual = Math.max(p, 0.01);
        double expected = n * usual;
        if (hits - expected < MIN_EXCESS) {
            return Optional.empty();
        }
        // continuity-corrected: with a small usual share the normal tail is far thinner than the binomial's
        double z = (hits - 0.5 - expected) / Math.sqrt(expected * (1 - usual));
        return z > s.threshold() ? Optional.of(z) : Optional.empty();
    }
}
