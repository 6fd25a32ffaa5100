package dev.warden.scan.ml;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.ContentDetectors;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Measures the learned detectors against the shipped rule detectors on one split of the labelled
 * set (default {@code report}), and their latency per 4 KB text. Document-level scoring as in
 * warden-bench's {@code ScanEvaluationRun}: a text is flagged for a class when a finding of that
 * class scores at least the threshold; a text is a positive when labelled with the class (toxicity:
 * graded label at least 0.5).
 *
 * <pre>
 * java -cp ... dev.warden.scan.ml.LearnedEvaluationRun [--data DIR] [--split report|tune|all] [--latency N] [--quality false] [--heads FILE]
 * </pre>
 *
 * Prints, per class, precision, recall and false-positive rate of the learned detector at 0.5 and
 * at its stored threshold (chosen on tune for a false-positive rate of at most 2%), of each rule
 * detector and of the rules together at 0.5, of rules or learned together, and the ROC AUCs; then a
 * per-kind table; then, with {@code --latency N} (default 200, 0 to skip), p50 / p99 / max of
 * scoring N distinct 4 KB texts made of the split's texts ({@code --quality false} measures only that). {@code --heads} reads other heads than the shipped ones.
 */
public final class LearnedEvaluationRun {
    private LearnedEvaluationRun() {
    }

    /** Runs the evaluation; see the class comment. */
    public static void main(String[] args) {
        Path data = Path.of("warden-bench/src/main/resources/scan-eval");
        String split = "report";
        int latencyTexts = 200;
        boolean quality = true;
        Path headFile = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--split" -> split = args[i + 1];
                case "--latency" -> latencyTexts = Integer.parseInt(args[i + 1]);
                case "--quality" -> quality = Boolean.parseBoolean(args[i + 1]);
                case "--heads" -> headFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String wanted = split;
        List<LabelledCase> cases = LabelledCase.readAll(data).stream()
                .filter(c -> wanted.equals("all") || c.split().equals(wanted)).toList();
        long t0 = System.nanoTime();
        List<LearnedContentDetector> learned = headFile == null ? LearnedDetectors.load()
                : LearnedDetectors.load(MiniLmEmbedder.load(), HeadFile.read(headFile));
        System.out.printf(Locale.ROOT, "model and heads loaded in %.0f ms; split %s: %d texts%n",
                (System.nanoTime() - t0) / 1e6, split, cases.size());
        for (LearnedContentDetector d : quality ? learned : List.<LearnedContentDetector>of()) {
            quality(d, cases);
        }
        if (latencyTexts > 0) {
            latency(learned, cases, latencyTexts);
        }
    }

    private static void quality(LearnedContentDetector learned, List<LabelledCase> cases) {
        DataClass c = learned.dataClass();
        boolean[] positive = new boolean[cases.size()];
        double[] mine = new double[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            positive[i] = cases.get(i).positive(c);
            mine[i] = learned.score(cases.get(i).text());
        }
        List<ContentDetector> rules = ContentDetectors.defaults().stream().filter(d -> d.classes().contains(c)).toList();
        double[] anyRule = new double[cases.size()];
        List<double[]> perRule = new ArrayList<>();
        for (ContentDetector rule : rules) {
            double[] s = new double[cases.size()];
            for (int i = 0; i < cases.size(); i++) {
                s[i] = rule.scan(cases.get(i).text()).stream().filter(f -> f.dataClass() == c)
                        .mapToDouble(Finding::score).max().orElse(0.0);
                anyRule[i] = Math.max(anyRule[i], s[i]);
            }
            perRule.add(s);
        }
        double t = learned.threshold();
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%n### %s: %d texts, %d positive%n%n", c.id(), cases.size(), positives);
        System.out.println("| detector | threshold | TP | FP | FN | precision | recall | FP rate | ROC AUC |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        ScoredSet learnedSet = new ScoredSet(mine, positive);
        row(learned.id(), 0.5, learnedSet);
        row(learned.id(), t, learnedSet);
        for (int r = 0; r < rules.size(); r++) {
            row(rules.get(r).id(), 0.5, new ScoredSet(perRule.get(r), positive));
        }
        if (!rules.isEmpty()) {
            ScoredSet rulesSet = new ScoredSet(anyRule, positive);
            row("rules together", 0.5, rulesSet);
            double[] either = new double[cases.size()];
            for (int i = 0; i < either.length; i++) {
                // flagged by a rule at 0.5 or by the learned detector at its threshold
                either[i] = anyRule[i] >= 0.5 || mine[i] >= t ? 1.0 : 0.0;
            }
            row("rules or " + learned.id() + " at " + fmt(t), 0.5, new ScoredSet(either, positive));
        }
        System.out.printf(Locale.ROOT, "%nper kind: texts, positives, flagged by %s at %s, flagged by the rules at 0.5%n%n",
                learned.id(), fmt(t));
        System.out.println("| kind | texts | positive | learned flags (TP/FP) | rules flag (TP/FP) |");
        System.out.println("|---|---:|---:|---:|---:|");
        Map<String, int[]> byKind = new TreeMap<>();
        for (int i = 0; i < cases.size(); i++) {
            int[] k = byKind.computeIfAbsent(cases.get(i).kind(), x -> new int[6]);
            k[0]++;
            k[1] += positive[i] ? 1 : 0;
            if (mine[i] >= t) {
                k[positive[i] ? 2 : 3]++;
            }
            if (anyRule[i] >= 0.5) {
                k[positive[i] ? 4 : 5]++;
            }
        }
        byKind.forEach((kind, k) -> System.out.printf(Locale.ROOT, "| %s | %d | %d | %d/%d | %d/%d |%n", kind, k[0], k[1], k[2], k[3], k[4], k[5]));
    }

    private static void row(String name, double threshold, ScoredSet set) {
        ScoredSet.Counts n = set.at(threshold);
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %.3f | %.3f | %.3f | %.3f |%n", name, fmt(threshold),
                n.truePositives(), n.falsePositives(), n.falseNegatives(), n.precision(), n.recall(), n.falsePositiveRate(), set.auc());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static void latency(List<LearnedContentDetector> learned, List<LabelledCase> cases, int count) {
        List<String> texts = fourKilobyteTexts(cases, count + 20, new Random(4096));
        for (String warm : texts.subList(0, 20)) {
            learned.forEach(d -> d.score(warm));
        }
        long[] both = new long[count];
        long[] one = new long[count];
        long[] cpu = new long[count];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int windows = 0;
        for (int i = 0; i < count; i++) {
            String text = texts.get(20 + i);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long a = System.nanoTime();
            learned.get(0).score(text);
            long b = System.nanoTime();
            learned.get(1).score(text);
            long c = System.nanoTime();
            cpu[i] = threads.getCurrentThreadCpuTime() - cpu0;
            one[i] = b - a;
            both[i] = c - a;
        }
        MiniLmEmbedder probe = MiniLmEmbedder.load();
        for (String text : texts.subList(20, 20 + Math.min(count, 20))) {
            windows += probe.windows(text).size();
        }
        System.out.printf(Locale.ROOT, "%n### latency per 4 KB text (%d distinct texts, about %.1f windows each; %d cores, %s ONNX threads)%n%n",
                count, windows / (double) Math.min(count, 20), Runtime.getRuntime().availableProcessors(),
                System.getProperty(MiniLmModel.THREADS_PROPERTY, "1"));
        System.out.println("| what | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|");
        latencyRow("one learned detector", one);
        latencyRow("both learned detectors (one embedding)", both);
        // with one ONNX thread the model runs on the calling thread: its CPU time is the work done,
        // whatever else the machine is doing
        latencyRow("both, CPU time of the calling thread", cpu);
        System.out.printf(Locale.ROOT, "%nload average while measuring: %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void latencyRow(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", what, pct(sorted, 0.50) / 1e6, pct(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static long pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Distinct texts of 4,096 chars, each the split's texts in a fresh random order, cut at a space. */
    static List<String> fourKilobyteTexts(List<LabelledCase> cases, int count, Random random) {
        List<String> pool = new ArrayList<>(cases.stream().map(LabelledCase::text).toList());
        List<String> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Collections.shuffle(pool, random);
            StringBuilder sb = new StringBuilder(4200);
            for (int i = 0; sb.length() < 4096; i = (i + 1) % pool.size()) {
                sb.append(pool.get(i)).append('\n');
            }
            out.add(sb.substring(0, 4096));
        }
        return out;
    }
}
