package dev.warden.behavior;

/** Tail probabilities of the Poisson and binomial distributions: how likely a count of calls or failures is by chance. */
final class Tails {
    private static final double[] LOG_FACTORIAL = new double[1024];

    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private Tails() {
    }

    /** ln(k!), exact below 1024 and by Stirling's series above. */
    static double logFactorial(int k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[k];
        }
        double x = k + 1.0;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1.0 / (12 * x) - 1.0 / (360 * x * x * x);
    }

    /** P(X >= n) for X ~ Poisson(mean); 1 when n <= 0. */
    static double poissonAtLeast(int n, double mean) {
        if (n <= 0) {
            return 1.0;
        }
        if (!(mean > 0)) {
            return 0.0;
        }
        if (n <= mean) {
            // the tail holds most of the mass: 1 - P(X < n), summed over the n terms below
            double below = 0;
            for (int k = 0; k < n; k++) {
                below += Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
            }
            return Math.max(0.0, 1.0 - below);
        }
        // above the mean the terms shrink at least geometrically: sum until they stop mattering
        double sum = 0;
        double logMean = Math.log(mean);
        for (int k = n; k < n + 10_000; k++) {
            double term = Math.exp(-mean + k * logMean - logFactorial(k));
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return Math.min(1.0, sum);
    }

    /** P(X >= k) for X ~ Binomial(n, p); 1 when k <= 0, 0 when k > n. */
    static double binomialAtLeast(int k, int n, double p) {
        if (k <= 0) {
            return 1.0;
        }
        if (k > n || !(p > 0)) {
            return 0.0;
        }
        if (p >= 1) {
            return 1.0;
        }
        double sum = 0;
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        for (int j = k; j <= n; j++) {
            sum += Math.exp(logFactorial(n) - logFactorial(j) - logFactorial(n - j) + j * logP + (n - j) * logQ);
        }
        return Math.min(1.0, sum);
    }
}
