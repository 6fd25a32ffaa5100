package dev.warden.bench;

import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pure scoring of the content-detector evaluation. Span-level classes are scored per span: an
 * expected span is found (TP) when a finding of the same class overlaps it, else missed (FN); a
 * finding overlapping no expected span of its class is a false positive, and false findings that
 * overlap each other count once. Document-level classes (injection, toxicity) are scored per text:
 * the text is flagged when a finding of the class has a score at or above the threshold.
 */
public final class ScanScorer {
    private ScanScorer() {
    }

    /** Whether the class is judged per text rather than per span. */
    public static boolean documentLevel(DataClass dataClass) {
        return dataClass == DataClass.INJECTION || dataClass == DataClass.TOXICITY;
    }

    /**
     * Counts for one class over some texts.
     *
     * @param tp             expected spans (or texts) found
     * @param fp             false findings (span level) or falsely flagged texts (document level)
     * @param fn             expected spans (or texts) missed
     * @param negativeTexts  texts with no label of the class
     * @param flaggedNegativeTexts negative texts with at least one false finding of the class
     */
    public record Tally(int tp, int fp, int fn, int negativeTexts, int flaggedNegativeTexts) {
        /** No texts. */
        public static final Tally ZERO = new Tally(0, 0, 0, 0, 0);

        /** The sum of two tallies. */
        public Tally plus(Tally o) {
            return new Tally(tp + o.tp, fp + o.fp, fn + o.fn, negativeTexts + o.negativeTexts,
                    flaggedNegativeTexts + o.flaggedNegativeTexts);
        }

        /** TP / (TP + FP); 1 when nothing was reported. */
        public double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        /** TP / (TP + FN); 1 when nothing was expected. */
        public double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        /** Flagged negative texts / negative texts; 0 when there are none. */
        public double falsePositiveRate() {
            return negativeTexts == 0 ? 0.0 : (double) flaggedNegativeTexts / negativeTexts;
        }

        /** Whether nothing was expected, found or flagged. */
        public boolean empty() {
            return tp == 0 && fp == 0 && fn == 0 && flaggedNegativeTexts == 0;
        }
    }

    /**
     * Scores one case for one class.
     *
     * @param c         the labelled case
     * @param findings  the findings of the detectors being scored on its text (any classes)
     * @param dataClass the class scored
     * @param threshold the score at or above which a finding flags a text (document-level classes)
     */
    public static Tally score(ScanCase c, List<Finding> findings, DataClass dataClass, double threshold) {
        boolean negative = !c.expects(dataClass);
        List<Finding> mine = findings.stream().filter(f -> f.dataClass() == dataClass).toList();
        if (documentLevel(dataClass)) {
            boolean flagged = mine.stream().anyMatch(f -> f.score() >= threshold);
            return new Tally(!negative && flagged ? 1 : 0, negative && flagged ? 1 : 0, !negative && !flagged ? 1 : 0,
                    negative ? 1 : 0, negative && flagged ? 1 : 0);
        }
        List<int[]> spans = c.spans(dataClass);
        int tp = 0;
        for (int[] s : spans) {
            if (mine.stream().anyMatch(f -> overlaps(f, s))) {
                tp++;
            }
        }
        List<Finding> wrong = new ArrayList<>(mine.stream().filter(f -> spans.stream().noneMatch(s -> overlaps(f, s))).toList());
        wrong.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
        int fp = 0;
        int reach = -1;
        for (Finding f : wrong) {
            if (f.start() >= reach) {
                fp++;
            }
            reach = Math.max(reach, Math.max(f.end(), f.start() + 1));
        }
        return new Tally(tp, fp, spans.size() - tp, negative ? 1 : 0, negative && fp > 0 ? 1 : 0);
    }

    private static boolean overlaps(Finding f, int[] span) {
        int end = Math.max(f.end(), f.start() + 1); // an empty finding still points at a char
        return f.start() < span[1] && span[0] < end;
    }

    /**
     * The ROC AUC of scores against binary labels (Mann-Whitney; ties count one half); NaN when
     * either side is empty.
     */
    public static double auc(double[] scores, boolean[] positive) {
        long pos = 0;
        long neg = 0;
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!positive[i]) {
                continue;
            }
            pos++;
            for (int j = 0; j < scores.length; j++) {
                if (positive[j]) {
                    continue;
                }
                wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
            }
        }
        for (boolean p : positive) {
            neg += p ? 0 : 1;
        }
        return pos == 0 || neg == 0 ? Double.NaN : wins / (pos * neg);
    }
}
