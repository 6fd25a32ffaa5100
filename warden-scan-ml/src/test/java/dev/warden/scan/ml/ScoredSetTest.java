package dev.warden.scan.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoredSetTest {

    @Test
    void auc_countsOrderedPairsAndHalfTies() {
        ScoredSet set = new ScoredSet(new double[] {0.9, 0.4, 0.4, 0.1}, new boolean[] {true, true, false, false});
        // pairs (pos, neg): 0.9>0.4, 0.9>0.1, 0.4=0.4 (half), 0.4>0.1
        assertThat(set.auc()).isCloseTo(3.5 / 4, within(1e-12));
    }

    @Test
    void countsAtAThreshold() {
        ScoredSet set = new ScoredSet(new double[] {0.9, 0.6, 0.7, 0.1, 0.2}, new boolean[] {true, true, false, false, false});
        ScoredSet.Counts c = set.at(0.65);
        assertThat(c).isEqualTo(new ScoredSet.Counts(1, 1, 1, 2));
        assertThat(c.precision()).isEqualTo(0.5);
        assertThat(c.recall()).isEqualTo(0.5);
        assertThat(c.falsePositiveRate()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void thresholdForFalsePositiveRate_keepsTheRateWithinTheBound() {
        double[] scores = new double[101];
        boolean[] positive = new boolean[101];
        for (int i = 0; i < 100; i++) {
            scores[i] = i / 100.0; // negatives 0.00 .. 0.99
        }
        scores[100] = 0.995;
        positive[100] = true;
        ScoredSet set = new ScoredSet(scores, positive);
        double t = set.thresholdForFalsePositiveRate(0.02);
        // two negatives (0.98, 0.99) may be reported, the third highest (0.97) may not
        assertThat(t).isGreaterThan(0.97).isLessThanOrEqualTo(0.98);
        assertThat(set.at(t).falsePositives()).isEqualTo(2);
        assertThat(set.at(t).truePositives()).isEqualTo(1);
    }
}
