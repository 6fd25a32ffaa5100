package dev.warden.behavior;

import java.util.Optional;

/** The binomial test the share detectors share. */
final class Shares {
    private Shares() {
    }

    /**
     * The z-score of {@code hits} in {@code n} against the usual share {@code p}, when there are
     * enough to judge and it is above the threshold. The share is floored at 1% so that an agent
     * that never failed is not alarmed by its first failure.
     */
    static Optional<Double> spike(int hits, int n, double p, DetectorSettings s) {
        if (n < Math.max(1, s.minSample())) {
            return Optional.empty();
        }
        double usual = Math.max(p, 0.01);
        double sigma = Math.sqrt(usual * (1 - usual) / n);
        double z = ((double) hits / n - usual) / sigma;
        return z > s.threshold() ? Optional.of(z) : Optional.empty();
    }
}
