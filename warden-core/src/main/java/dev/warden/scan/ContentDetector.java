package dev.warden.scan;

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
}
