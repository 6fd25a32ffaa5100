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
 */
public record ScanLimits(int maxBytes, int maxDepth, Duration detectorBudget) {
    /** 1 MiB, 64 levels, 250 ms per detector. */
    public static final ScanLimits DEFAULTS = new ScanLimits(1 << 20, 64, Duration.ofMillis(250));

    /** Checks the bounds. */
    public ScanLimits {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("scan limits must be at least 1");
        }
        Objects.requireNonNull(detectorBudget, "detectorBudget");
        if (detectorBudget.isNegative() || detectorBudget.isZero()) {
            throw new IllegalArgumentException("detectorBudget must be positive");
        }
    }
}
