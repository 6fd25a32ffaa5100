package dev.warden.scan;

import java.util.Objects;

/**
 * What to do with one data class, and from where in the configuration that came.
 *
 * @param action    the action
 * @param threshold findings scoring below it are reported but neither acted on nor labelled (0..1)
 * @param source    where the rule was configured, e.g. {@code data.classes.card} or
 *                  {@code data.projects.shop.classes.card}, or {@code default}; named by the verdict
 */
public record ClassRule(DataAction action, double threshold, String source) {
    /** Checks the parts. */
    public ClassRule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(source, "source");
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold outside 0..1: " + threshold);
        }
    }

    /** Whether a finding with this score counts for the rule. */
    public boolean counts(double score) {
        return score >= threshold;
    }

    /** The rule as a verdict names it: {@code <source>=<action>}, e.g. {@code data.classes.card=block}. */
    public String name() {
        return source + "=" + action.id();
    }
}
