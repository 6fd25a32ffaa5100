package dev.warden.limits;

import java.util.Objects;
import java.util.Optional;

/**
 * Limits on the calls of one agent to one tool.
 *
 * @param rate      calls per window to this tool
 * @param maxImpact the largest impact of one call, by level
 */
public record ToolLimits(Optional<Rate> rate, Optional<MaxImpact> maxImpact) {
    /** No limits. */
    public static final ToolLimits NONE = new ToolLimits(Optional.empty(), Optional.empty());

    /** Validates. */
    public ToolLimits {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(maxImpact, "maxImpact");
    }

    /** These values, each missing one taken from {@code base}. */
    public ToolLimits over(ToolLimits base) {
        return new ToolLimits(rate.or(base::rate), maxImpact.or(base::maxImpact));
    }
}
