package dev.warden.bench;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.ContentDetectors;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The content-detector evaluation of docs/detection.md: scans every labelled case of the
 * {@code scan-eval} set with the shipped detectors ({@link ContentDetectors#defaults()}) and prints,
 * per detector and class, TP, FP, FN, precision, recall and the false-positive rate on texts
 * without that class, overall and per kind, and for toxicity the ROC AUC of the highest toxicity
 * score against the graded label. Thresholds are fitted on split {@code tune}; figures are
 * reported on split {@code report} (the default).
 *
 * <pre>
 * java -cp warden-bench/target/benchmarks.jar dev.warden.bench.ScanEvaluationRun \
 *      [--split tune|report|all] [--detectors id,id] [--threshold 0.5] [--dir warden-bench/src/main/resources/scan-eval] [--errors true]
 * </pre>
 *
 * {@code --errors true} also lists every miss and false finding with its case id, for tuning.
 */
public final class ScanEvaluationRun {
    private static final String ALL = "(all)";

    private ScanEvaluationRun() {
    }

    /** Runs the evaluation and prints it. */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--split", "report", "--detectors", "", "--threshold", "0.5",
                "--dir", ScanEvalSet.SOURCE_DIR.toString(), "--errors", "false"));
        for (int i = 0; i < args.length; i++) {
            if (!o.containsKey(args[i]) || i + 1 >= args.length) {
                fail("unknown option or missing value: " + args[i] + "\noptions: " + String.join(" ", o.keySet().stream().sorted().toList()));
            }
            o.put(args[i], args[++i]);
        }
        String split = o.get("--split");
        if (!Set.of("tune", "report", "all").contains(split)) {
            fail("--split must be tune, report or all");
        }
        double threshold;
        try {
            threshold = Double.parseDouble(o.get("--threshold"));
        } catch (NumberFormatException e) {
            threshold = -1;
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            fail("--threshold must be a number in 0..1");
        }
        List<ContentDetector> detectors = new ArrayList<>(ContentDetectors.defaults());
        if (!o.get("--detectors").isBlank()) {
            Set<String> wanted = new TreeSet<>(Arrays.asList(o.get("--detectors").split(",")));
            Set<String> known = new TreeSet<>(detectors.stream().map(ContentDetector::id).toList());
            if (!known.containsAll(wanted)) {
                fail("unknown detector(s) " + wanted.stream().filter(w -> !known.contains(w)).toList() + "; shipped: " + known);
            }
            detectors.removeIf(d -> !wanted.contains(d.id()));
        }
        List<ScanCase> cases = ScanEvalSet.load(Path.of(o.get("--dir"))).stream()
                .filter(c -> split.equals("all") || c.split().equals(split)).toList();

        long scanNanos = 0;
        Map<String, List<Finding>> findings = new HashMap<>();
        for (ScanCase c : cases) {
            List<Finding> all = new ArrayList<>();
            long t0 = System.nanoTime();
            for (ContentDetector d : detectors) {
                all.addAll(d.scan(c.text()));
            }
            scanNanos += System.nanoTime() - t0;
            findings.put(c.id(), all);
        }
        System.out.printf(Locale.ROOT, "split %s: %d texts, %d detectors (%s), document threshold %.2f; scanned in %.1f ms%n%n",
                split, cases.size(), detectors.size(), String.join(", ", detectors.stream().map(d -> d.id() + " v" + d.version()).toList()),
                threshold, scanNanos / 1e6);

        // rows: detector (or ALL) -> class -> kind (or ALL) -> tally
        Map<String, Map<DataClass, Map<String, ScanScorer.Tally>>> rows = new LinkedHashMap<>();
        Set<DataClass> classes = new TreeSet<>();
        for (ContentDetector d : detectors) {
            classes.addAll(d.classes());
        }
        List<String> owners = new ArrayList<>(detectors.stream().map(ContentDetector::id).toList());
        owners.add(ALL);
        for (String owner : owners) {
            Set<DataClass> scored = owner.equals(ALL) ? classes
                    : detectors.stream().filter(d -> d.id().equals(owner)).findFirst().orElseThrow().classes();
            for (DataClass dc : new TreeSet<>(scored)) {
                Map<String, ScanScorer.Tally> byKind = new TreeMap<>();
                for (ScanCase c : cases) {
                    List<Finding> mine = owner.equals(ALL) ? findings.get(c.id())
                            : findings.get(c.id()).stream().filter(f -> f.detector().equals(owner)).toList();
                    ScanScorer.Tally t = ScanScorer.score(c, mine, dc, threshold);
                    byKind.merge(c.kind(), t, ScanScorer.Tally::plus);
                    byKind.merge(ALL, t, ScanScorer.Tally::plus);
                }
                rows.computeIfAbsent(owner, k -> new LinkedHashMap<>()).put(dc, byKind);
            }
        }
        String head = "| detector | class | kind | TP | FP | FN | precision | recall | FP rate (texts) |\n"
                + "|---|---|---|---:|---:|---:|---:|---:|---:|";
        System.out.println(head);
        rows.forEach((owner, byClass) -> byClass.forEach((dc, byKind) -> System.out.println(row(owner, dc, ALL, byKind.get(ALL)))));
        System.out.println("\nper kind (rows with anything expected or found):\n");
        System.out.println(head);
        rows.forEach((owner, byClass) -> byClass.forEach((dc, byKind) -> byKind.forEach((kind, t) -> {
            if (!kind.equals(ALL) && !t.empty()) {
                System.out.println(row(owner, dc, kind, t));
            }
        })));
        if (classes.contains(DataClass.TOXICITY)) {
            double[] scores = new double[cases.size()];
            boolean[] positive = new boolean[cases.size()];
            for (int i = 0; i < cases.size(); i++) {
                ScanCase c = cases.get(i);
                scores[i] = findings.get(c.id()).stream().filter(f -> f.dataClass() == DataClass.TOXICITY)
                        .mapToDouble(Finding::score).max().orElse(0.0);
                positive[i] = c.toxicity().orElse(c.expects(DataClass.TOXICITY) ? 1.0 : 0.0) >= 0.5;
            }
            int p = 0;
            for (boolean b : positive) {
                p += b ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%ntoxicity ROC AUC (highest toxicity score vs graded label >= 0.5): %.3f over %d texts, %d positive%n",
                    ScanScorer.auc(scores, positive), cases.size(), p);
        }
        if (Boolean.parseBoolean(o.get("--errors"))) {
            System.out.println("\nerrors:");
            for (ScanCase c : cases) {
                errors(c, findings.get(c.id()), classes, threshold);
            }
        }
    }

    private static void errors(ScanCase c, List<Finding> findings, Set<DataClass> classes, double threshold) {
        for (DataClass dc : classes) {
            List<Finding> mine = findings.stream().filter(f -> f.dataClass() == dc).toList();
            if (ScanScorer.documentLevel(dc)) {
                boolean flagged = mine.stream().anyMatch(f -> f.score() >= threshold);
                if (flagged != c.expects(dc)) {
                    System.out.printf(Locale.ROOT, "  %s %s [%s] %s: %s%n", flagged ? "FP" : "FN", c.id(), c.kind(), dc.id(), clip(c.text()));
                }
                continue;
            }
            List<int[]> spans = c.spans(dc);
            for (int[] s : spans) {
                if (mine.stream().noneMatch(f -> f.start() < s[1] && s[0] < Math.max(f.end(), f.start() + 1))) {
                    System.out.printf(Locale.ROOT, "  FN %s [%s] %s: %s%n", c.id(), c.kind(), dc.id(), c.text().substring(s[0], s[1]));
                }
            }
            for (Finding f : mine) {
                if (spans.stream().noneMatch(s -> f.start() < s[1] && s[0] < Math.max(f.end(), f.start() + 1))) {
                    System.out.printf(Locale.ROOT, "  FP %s [%s] %s by %s (%.2f): %s%n", c.id(), c.kind(), dc.id(), f.detector(), f.score(),
                            clip(c.text().substring(f.start(), f.end())));
                }
            }
        }
    }

    private static String clip(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 120 ? one.substring(0, 120) + "..." : one;
    }

    private static String row(String owner, DataClass dc, String kind, ScanScorer.Tally t) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %.3f | %.3f | %.3f (%d/%d) |", owner, dc.id(), kind, t.tp(), t.fp(),
                t.fn(), t.precision(), t.recall(), t.falsePositiveRate(), t.flaggedNegativeTexts(), t.negativeTexts());
    }

    private static void fail(String message) {
        System.err.println("ScanEvaluationRun: " + message);
        System.exit(2);
    }
}
