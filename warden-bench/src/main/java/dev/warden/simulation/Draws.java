package dev.warden.simulation;

import java.util.SplittableRandom;

/** The random draws the traffic models share, from a seeded source so a seed gives the same traffic. */
public final class Draws {
    private Draws() {
    }

    /** A Poisson-distributed count with mean {@code lambda} (Knuth's method: the rates here stay small); 0 for lambda ≤ 0. */
    public static int poisson(SplittableRandom random, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        double limit = Math.exp(-lambda);
        int k = 0;
        double p = random.nextDouble();
        while (p > limit) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }

    /** A standard normal draw (Box–Muller). */
    public static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
