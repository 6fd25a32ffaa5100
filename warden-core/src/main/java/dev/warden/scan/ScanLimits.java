package dev.warden.scan;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of one scan.
 *
 * @param maxBytes       the largest text (UTF-8 bytes; for JSON the sum over its strings and keys)
 *                       scanned; larger content is refused with reason {@code too_large}
 * @param maxDepth       the deepest JSON nesting scanned; deeper content is refused ({@code too_deep})
 * @param detectorBudget how long one detector may take on one text; a detector over it counts as
 *                       failed ({@code detector_failed}), like one that throws
 * @param optionalBudget the same for an {@link OptionalDetectors optional detector} (a learned one
 *                       takes tens to hundreds of milliseconds per text)
 */
public record ScanLimits(int maxBytes, int maxDepth, Duration detectorBudget, Duration optionalBudget) {
    /** The default budget of an optional detector on one text: 2 s. */
    public static final Duration OPTIONAL_BUDGET = Duration.ofSeconds(2);
    /** 1 MiB, 64 levels, 250 ms per detector, 2 s per optional detector. */
    public static final ScanLimits DEFAULTS = new ScanLimits(1 << 20, 64, Duration.ofMillis(250));

    /** The bounds, with the default budget of optional detectors ({@link #OPTIONAL_BUDGET}). */
    public ScanLimits(int maxBytes, int maxDepth, Duration detectorBudget) {
        this(maxBytes, maxDepth, detectorBudget, OPTIONAL_BUDGET);
    }

    /** Checks the bounds. */
    public ScanLimits {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("scan limits must be at least 1");
        }
        Objects.requireNonNull(detectorBudget, "detectorBudget");
        if (detectorBudget.isNegative() || detectorBudget.isZero()) {
            throw new IllegalArgumentException("detectorBudget must be positive");
        }
        Objects.requireNonNull(optionalBudget, "optionalBudget");
        if (optionalBudget.isNegative() || optionalBudget.isZero()) {
            throw new IllegalArgumentException("optionalBudget must be positive");
        }
    }
}
