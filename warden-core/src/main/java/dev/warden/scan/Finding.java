package dev.warden.scan;

import java.util.Objects;

/**
 * One thing a detector found in a text.
 *
 * @param dataClass what was found
 * @param detector  the id of the detector that found it
 * @param start     index of the first char of the match in the scanned text (UTF-16 units)
 * @param end       index one past the last char of the match; {@code end > start}, except for
 *                  findings about the whole text (toxicity, some injection signals) which span it
 * @param score     confidence in 0..1; rule detectors give 1.0 for a validated match (a Luhn-valid
 *                  card number) and less for weaker evidence
 */
public record Finding(DataClass dataClass, String detector, int start, int end, double score) {

    /** Validates the fields. */
    public Finding {
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(detector, "detector");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score outside 0..1: " + score);
        }
    }
}
