package dev.warden.scan.ml;

import java.util.Arrays;

/**
 * Scores given to labelled texts, and what follows from them: ROC AUC, confusion counts at a
 * threshold, and the lowest threshold keeping the false-positive rate within a bound.
 *
 * <p>Immutable; the arrays are copied in.
 */
public final class ScoredSet {
    private final double[] scores;
    private final boolean[] positive;

    /**
     * @param scores   score per text
     * @param positive whether each text is of the class, one per score
     */
    public ScoredSet(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("one label per score");
        }
        this.scores = scores.clone();
        this.positive = positive.clone();
    }

    /** Counts at one threshold (a text is reported when its score is at least the threshold). */
    public record Counts(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {
        /** Reported texts that are of the class; 1 when nothing is reported. */
        public double precision() {
            int reported = truePositives + falsePositives;
            return reported == 0 ? 1.0 : (double) truePositives / reported;
        }

        /** Texts of the class that are reported; 1 when there are none. */
        public double recall() {
            int of = truePositives + falseNegatives;
            return of == 0 ? 1.0 : (double) truePositives / of;
        }

        /** Texts not of the class that are reported; 0 when there are none. */
        public double falsePositiveRate() {
            int not = falsePositives + trueNegatives;
            return not == 0 ? 0.0 : (double) falsePositives / not;
        }
    }

    /** The counts at a threshold. */
    public Counts at(double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean reported = scores[i] >= threshold;
            if (positive[i]) {
                if (reported) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (reported) {
                fp++;
            } else {
                tn++;
            }
        }
        return new Counts(tp, fp, fn, tn);
    }

    /**
     * Area under the ROC curve: the chance that a random positive scores above a random negative
     * (ties count half); NaN without both.
     */
    public double auc() {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!positive[i]) {
                continue;
            }
            for (int k = 0; k < scores.length; k++) {
                if (positive[k]) {
                    continue;
                }
                pairs++;
                if (scores[i] > scores[k]) {
                    wins += 1;
                } else if (scores[i] == scores[k]) {
                    wins += 0.5;
                }
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }

    /**
     * The threshold reporting at most {@code maxRate} of the negatives: halfway between the highest
     * negative score allowed to be reported and the next one below it, so texts scored like the
     * kept negatives stay unreported.
     */
    public double thresholdForFalsePositiveRate(double maxRate) {
        double[] negatives = Arrays.stream(indices()).filter(i -> !positive[i]).mapToDouble(i -> scores[i]).sorted().toArray();
        if (negatives.length == 0) {
            return 0.5;
        }
        int n = negatives.length;
        int allowed = (int) Math.floor(maxRate * n + 1e-9);
        // negatives sorted ascending; the (allowed+1)-th highest is at n - 1 - allowed
        int firstKept = n - 1 - allowed;
        if (firstKept < 0) {
            return 0.0;
        }
        double below = negatives[firstKept];
        double above = firstKept + 1 < n ? negatives[firstKept + 1] : Math.min(1.0, below + 0.02);
        double t = (below + above) / 2;
        return t > below ? Math.min(1.0, t) : Math.nextUp(below);
    }

    private int[] indices() {
        int[] all = new int[scores.length];
        Arrays.setAll(all, i -> i);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoredSet s && Arrays.equals(s.scores, scores) && Arrays.equals(s.positive, positive);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scores) + Arrays.hashCode(positive);
    }

    @Override
    public String toString() {
        return "ScoredSet[" + scores.length + " texts]";
    }
}
