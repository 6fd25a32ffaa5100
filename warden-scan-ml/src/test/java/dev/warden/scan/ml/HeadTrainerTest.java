package dev.warden.scan.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.scan.DataClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadTrainerTest {

    /** Two Gaussian clouds in 8 dimensions, apart along the first two axes. */
    private static List<float[]> clouds(double[] y, long seed) {
        Random r = new Random(seed);
        List<float[]> x = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            float[] v = new float[8];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (r.nextGaussian() * 0.1);
            }
            v[0] += y[i] == 1 ? 0.5f : -0.5f;
            v[1] += y[i] == 1 ? 0.3f : -0.3f;
            x.add(v);
        }
        return x;
    }

    @Test
    void separableData_isSeparated() {
        double[] y = new double[60];
        List<float[]> x = clouds(y, 1);
        LinearHead head = HeadTrainer.withL2(0.01).fit(DataClass.INJECTION, x, y, 0.5, new Random(7));
        for (int i = 0; i < y.length; i++) {
            assertThat(head.probability(x.get(i)) >= 0.5).as("example %d", i).isEqualTo(y[i] == 1);
        }
    }

    @Test
    void sameSeed_sameHead_otherSeed_otherPath() {
        double[] y = new double[60];
        List<float[]> x = clouds(y, 2);
        HeadTrainer trainer = new HeadTrainer(0.01, 3, 0.1, 8);
        LinearHead a = trainer.fit(DataClass.INJECTION, x, y, 0.5, new Random(11));
        LinearHead b = trainer.fit(DataClass.INJECTION, x, y, 0.5, new Random(11));
        LinearHead c = trainer.fit(DataClass.INJECTION, x, y, 0.5, new Random(12));
        assertThat(a).isEqualTo(b);
        // after 3 epochs the example order still shows
        assertThat(c.weights()).isNotEqualTo(a.weights());
    }

    @Test
    void strongerPenalty_smallerWeights() {
        double[] y = new double[60];
        List<float[]> x = clouds(y, 3);
        double weak = norm(HeadTrainer.withL2(0.001).fit(DataClass.TOXICITY, x, y, 0.5, new Random(1)));
        double strong = norm(HeadTrainer.withL2(1.0).fit(DataClass.TOXICITY, x, y, 0.5, new Random(1)));
        assertThat(strong).isLessThan(weak);
    }

    @Test
    void softTargets_giveScoresBetween() {
        double[] y = new double[60];
        List<float[]> x = clouds(y, 4);
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 1 && i % 2 == 0) {
                y[i] = 0.5; // half the positives only half toxic
            }
        }
        LinearHead head = HeadTrainer.withL2(0.01).fit(DataClass.TOXICITY, x, y, 0.5, new Random(1));
        assertThat(head.probability(x.get(3))).isBetween(0.0, 1.0);
    }

    @Test
    void oneClassOnly_isRefused() {
        List<float[]> x = List.of(new float[] {1, 0}, new float[] {0, 1});
        assertThatThrownBy(() -> HeadTrainer.withL2(0.01).fit(DataClass.INJECTION, x, new double[] {0, 0}, 0.5, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double norm(LinearHead head) {
        double s = 0;
        for (double w : head.weights()) {
            s += w * w;
        }
        return Math.sqrt(s);
    }
}
