package dev.warden.scan.ml;

import dev.warden.scan.DataClass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the injection and toxicity heads on the {@code tune} split of the labelled evaluation set
 * and writes them where {@link HeadFile#shipped()} reads them.
 *
 * <p>Per class: every tune text is cut into model windows and embedded; texts without the class
 * give one negative example per window. A text of the class gives, in a first fit, one positive
 * per window; in the second fit only its highest-scoring window stays positive (the injected
 * paragraph of a long page is what the class is about, not the page). The L2 strength is chosen
 * from a grid by 5-fold cross-validation over texts (lowest balanced log loss of the held-out
 * texts' scores), and the reporting threshold from the same held-out scores: the lowest that
 * reports at most 2% of the tune texts without the class. The final head is fitted on all tune
 * texts. Everything random (fold assignment, example order) comes from one {@link Random}: the same
 * data and seed give the same file.
 *
 * <pre>
 * java -cp ... dev.warden.scan.ml.TrainHead [--data DIR] [--extra FILE|none] [--out FILE] [--seed N]
 * </pre>
 * Defaults: {@code warden-bench/src/main/resources/scan-eval}, the module's hand-written benign
 * supplement {@code warden-scan-ml/training/supplement.jsonl} (added to the tune texts; see its README),
 * {@code warden-scan-ml/src/main/resources/dev/warden/scan/ml/minilm-heads.json}, seed 29.
 */
public final class TrainHead {
    /** Most false positives, as a share of negatives, allowed by the stored threshold. */
    public static final double MAX_FALSE_POSITIVE_RATE = 0.02;
    /** L2 strengths tried. */
    static final double[] L2_GRID = {0.01, 0.03, 0.1, 0.3, 1, 3};
    static final int FOLDS = 5;

    private final MiniLmEmbedder embedder;
    private final Random random;
    private final long seed;
    private final Map<DataClass, double[]> heldOut = new java.util.EnumMap<>(DataClass.class);
    private final Map<DataClass, Map<Double, Double>> lossByL2 = new java.util.EnumMap<>(DataClass.class);
    private List<LabelledCase> trained = List.of();

    /**
     * @param embedder the model
     * @param seed     seeds the one {@link Random} every random choice draws from
     */
    public TrainHead(MiniLmEmbedder embedder, long seed) {
        this.embedder = embedder;
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Trains the command line's way; see the class comment. */
    public static void main(String[] args) {
        Path data = Path.of("warden-bench/src/main/resources/scan-eval");
        Path out = Path.of("warden-scan-ml/src/main/resources/" + HeadFile.RESOURCE);
        Path extra = Path.of("warden-scan-ml/training/supplement.jsonl");
        long seed = 29;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--extra" -> extra = args[i + 1].equals("none") ? null : Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<LabelledCase> tune = new ArrayList<>(LabelledCase.readAll(data).stream().filter(c -> c.split().equals("tune")).toList());
        int fromSet = tune.size();
        if (extra != null) {
            tune.addAll(LabelledCase.readFile(extra).stream().filter(c -> c.split().equals("tune")).toList());
        }
        System.out.printf("training on %d tune texts from %s and %d from %s (seed %d)%n", fromSet, data,
                tune.size() - fromSet, extra, seed);
        long t0 = System.nanoTime();
        TrainHead trainer = new TrainHead(MiniLmEmbedder.load(), seed);
        HeadFile heads = trainer.train(tune);
        heads.write(out);
        for (LinearHead head : heads.heads()) {
            System.out.printf("%s: %s%n", head, heads.training().get(head.dataClass()));
            trainer.printHeldOut(head);
        }
        System.out.printf("wrote %s in %.1f s%n", out, (System.nanoTime() - t0) / 1e9);
    }

    /** Trains both heads on these cases (all of them: pass only the tune split). */
    public HeadFile train(List<LabelledCase> cases) {
        List<List<float[]>> windows = new ArrayList<>();
        List<LabelledCase> kept = new ArrayList<>();
        for (LabelledCase c : cases) {
            List<float[]> w = embedder.embedWindows(c.text());
            if (!w.isEmpty()) {
                windows.add(w);
                kept.add(c);
            }
        }
        trained = List.copyOf(kept);
        List<LinearHead> heads = new ArrayList<>();
        Map<DataClass, Map<String, Object>> facts = new LinkedHashMap<>();
        for (DataClass c : List.of(DataClass.INJECTION, DataClass.TOXICITY)) {
            double[] y = kept.stream().mapToDouble(k -> k.target(c)).toArray();
            boolean[] positive = labels(kept, c);
            heads.add(trainClass(c, windows, y, positive, facts));
        }
        return new HeadFile(heads, facts);
    }

    private static boolean[] labels(List<LabelledCase> cases, DataClass c) {
        boolean[] positive = new boolean[cases.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = cases.get(i).positive(c);
        }
        return positive;
    }

    private LinearHead trainClass(DataClass c, List<List<float[]>> windows, double[] y, boolean[] positive,
                                  Map<DataClass, Map<String, Object>> facts) {
        int n = windows.size();
        int[] fold = folds(positive);
        double bestL2 = L2_GRID[0];
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] bestScores = null;
        for (double l2 : L2_GRID) {
            double[] scores = new double[n];
            for (int f = 0; f < FOLDS; f++) {
                List<Integer> train = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (fold[i] != f) {
                        train.add(i);
                    }
                }
                LinearHead head = fit(c, l2, train, windows, y, 0.5);
                for (int i = 0; i < n; i++) {
                    if (fold[i] == f) {
                        scores[i] = textScore(head, windows.get(i));
                    }
                }
            }
            double loss = balancedLogLoss(scores, positive);
            lossByL2.computeIfAbsent(c, k -> new java.util.TreeMap<>()).put(l2, loss);
            if (loss < bestLoss) {
                bestLoss = loss;
                bestL2 = l2;
                bestScores = scores;
            }
        }
        heldOut.put(c, bestScores);
        ScoredSet heldOut = new ScoredSet(bestScores, positive);
        double threshold = heldOut.thresholdForFalsePositiveRate(MAX_FALSE_POSITIVE_RATE);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        LinearHead head = fit(c, bestL2, all, windows, y, threshold);
        ScoredSet.Counts atThreshold = heldOut.at(threshold);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("seed", seed);
        f.put("l2", bestL2);
        f.put("texts", n);
        f.put("positives", atThreshold.truePositives() + atThreshold.falseNegatives());
        f.put("windows", windows.stream().mapToInt(List::size).sum());
        f.put("threshold_rule", "held-out false-positive rate <= " + MAX_FALSE_POSITIVE_RATE + " (5-fold, tune)");
        f.put("cv_auc", round(heldOut.auc()));
        f.put("cv_recall_at_threshold", round(atThreshold.recall()));
        f.put("cv_fpr_at_threshold", round(atThreshold.falsePositiveRate()));
        f.put("cv_recall_at_0.5", round(heldOut.at(0.5).recall()));
        f.put("cv_fpr_at_0.5", round(heldOut.at(0.5).falsePositiveRate()));
        facts.put(c, f);
        return head;
    }

    /** Prints, per kind of tune text, how the held-out scores of the chosen L2 fare at the threshold. */
    private void printHeldOut(LinearHead head) {
        DataClass c = head.dataClass();
        double[] scores = heldOut.get(c);
        System.out.printf("  held-out balanced log loss by L2: %s%n", lossByL2.get(c));
        Map<String, int[]> byKind = new java.util.TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            LabelledCase k = trained.get(i);
            int[] n = byKind.computeIfAbsent(k.kind() + (k.positive(c) ? " (+)" : ""), x -> new int[2]);
            n[0]++;
            n[1] += scores[i] >= head.threshold() ? 1 : 0;
        }
        byKind.forEach((kind, n) -> System.out.printf("  %-32s %3d texts, %3d flagged held out%n", kind, n[0], n[1]));
    }

    /** Two fits: all windows of positive texts, then only each positive text's best window. */
    private LinearHead fit(DataClass c, double l2, List<Integer> texts, List<List<float[]>> windows, double[] y, double threshold) {
        HeadTrainer trainer = HeadTrainer.withL2(l2);
        List<float[]> x = new ArrayList<>();
        List<Double> t = new ArrayList<>();
        for (int i : texts) {
            for (float[] w : windows.get(i)) {
                x.add(w);
                t.add(y[i]);
            }
        }
        LinearHead first = trainer.fit(c, x, t.stream().mapToDouble(Double::doubleValue).toArray(), threshold, random);
        boolean multiWindowPositive = texts.stream().anyMatch(i -> y[i] > 0 && windows.get(i).size() > 1);
        if (!multiWindowPositive) {
            return first;
        }
        x.clear();
        t.clear();
        for (int i : texts) {
            List<float[]> ws = windows.get(i);
            if (y[i] > 0 && ws.size() > 1) {
                int best = 0;
                for (int k = 1; k < ws.size(); k++) {
                    if (first.probability(ws.get(k)) > first.probability(ws.get(best))) {
                        best = k;
                    }
                }
                x.add(ws.get(best));
                t.add(y[i]);
                if (y[i] < 1) {
                    // a graded target keeps its negative share on the other windows
                    for (int k = 0; k < ws.size(); k++) {
                        if (k != best) {
                            x.add(ws.get(k));
                            t.add(0.0);
                        }
                    }
                }
            } else {
                for (float[] w : ws) {
                    x.add(w);
                    t.add(y[i]);
                }
            }
        }
        return trainer.fit(c, x, t.stream().mapToDouble(Double::doubleValue).toArray(), threshold, random);
    }

    private int[] folds(boolean[] positive) {
        int n = positive.length;
        List<Integer> pos = new ArrayList<>();
        List<Integer> neg = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (positive[i] ? pos : neg).add(i);
        }
        java.util.Collections.shuffle(pos, random);
        java.util.Collections.shuffle(neg, random);
        int[] fold = new int[n];
        for (int k = 0; k < pos.size(); k++) {
            fold[pos.get(k)] = k % FOLDS;
        }
        for (int k = 0; k < neg.size(); k++) {
            fold[neg.get(k)] = k % FOLDS;
        }
        return fold;
    }

    static double textScore(LinearHead head, List<float[]> windows) {
        double best = 0;
        for (float[] w : windows) {
            best = Math.max(best, head.probability(w));
        }
        return best;
    }

    private static double balancedLogLoss(double[] scores, boolean[] positive) {
        double pos = 0;
        double neg = 0;
        int np = 0;
        int nn = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i]));
            if (positive[i]) {
                pos -= Math.log(p);
                np++;
            } else {
                neg -= Math.log(1 - p);
                nn++;
            }
        }
        return (np == 0 ? 0 : pos / np) + (nn == 0 ? 0 : neg / nn);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
