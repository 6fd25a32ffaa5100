package dev.warden.bench;

import dev.warden.scan.DataClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One labelled case of the content-detector evaluation set (format:
 * {@code warden-bench/src/main/resources/scan-eval/README.md}).
 *
 * @param id       unique id across all files
 * @param split    {@code tune} or {@code report}
 * @param kind     the group the case is reported under
 * @param text     the content scanned
 * @param expect   what a perfect scanner finds
 * @param toxicity the graded toxicity label in 0..1, when the case has one
 */
public record ScanCase(String id, String split, String kind, String text, List<Label> expect, OptionalDouble toxicity) {

    /** Validates the case: every span-level value must occur in the text. */
    public ScanCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        expect = List.copyOf(expect);
        Objects.requireNonNull(toxicity, "toxicity");
        if (!split.equals("tune") && !split.equals("report")) {
            throw new IllegalArgumentException(id + ": split must be tune or report, not " + split);
        }
        for (Label l : expect) {
            if (l.value().isPresent() && !text.contains(l.value().get())) {
                throw new IllegalArgumentException(id + ": expected " + l.dataClass().id() + " value not in the text: " + l.value().get());
            }
            if (l.value().isEmpty() != ScanScorer.documentLevel(l.dataClass())) {
                throw new IllegalArgumentException(id + ": " + l.dataClass().id() + (l.value().isEmpty()
                        ? " is a span-level class and needs a value" : " is a document-level class and takes no value"));
            }
        }
    }

    /**
     * One expected label.
     *
     * @param dataClass the class
     * @param value     the exact substring for a span-level label; empty for a document-level one
     */
    public record Label(DataClass dataClass, Optional<String> value) {
        /** Checks for nulls. */
        public Label {
            Objects.requireNonNull(dataClass, "dataClass");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Whether any label of this class is expected. */
    public boolean expects(DataClass dataClass) {
        return expect.stream().anyMatch(l -> l.dataClass() == dataClass);
    }

    /**
     * The expected spans of a span-level class: every occurrence of every expected value, as
     * {@code [start, end)} pairs in ascending order, without duplicates.
     */
    public List<int[]> spans(DataClass dataClass) {
        List<int[]> spans = new ArrayList<>();
        for (Label l : expect) {
            if (l.dataClass() != dataClass || l.value().isEmpty()) {
                continue;
            }
            String v = l.value().get();
            for (int at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + v.length())) {
                int s = at;
                if (spans.stream().noneMatch(p -> p[0] == s && p[1] == s + v.length())) {
                    spans.add(new int[] {s, s + v.length()});
                }
            }
        }
        spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        return spans;
    }
}
