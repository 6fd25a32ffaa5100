package dev.warden.scan;

import dev.warden.scan.text.ScannedText;
import java.util.List;
import java.util.Set;

/**
 * Finds one kind of content in a text. One class per detector; implementations are deterministic
 * (the same text gives the same findings), thread-safe, run in time linear in the text (no
 * backtracking regular expression over unbounded input) and never return the matched value
 * anywhere but through the span.
 */
public interface ContentDetector {

    /** Stable id, e.g. {@code card_luhn}; appears in findings, audit records and configuration. */
    String id();

    /** Bumped whenever what the detector finds changes. */
    int version();

    /** The classes this detector can report. */
    Set<DataClass> classes();

    /** Scans one text; findings in ascending {@code start} order. */
    List<Finding> scan(String text);

    /**
     * Scans one text of a scan that runs several detectors over it; the same findings as
     * {@link #scan(String)}. Detectors that read words override it to use the text's shared
     * {@link ScannedText#folded() folding} rather than folding it again.
     */
    default List<Finding> scan(ScannedText text) {
        return scan(text.text());
    }
}
