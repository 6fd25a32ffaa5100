package dev.warden.limits;

import dev.warden.catalog.EffectClass;
import dev.warden.catalog.Tool;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A cumulative limit of one agent (ATF S-5, blast radius): what its allowed calls to the matching
 * tools add up to within a sliding window must stay at or below {@code max}.
 *
 * @param name     the budget's name, a Cedar identifier (policies read {@code context.limits.<name>})
 * @param tool     only calls to this tool count, when given
 * @param effect   only calls to tools with this effect class count, when given
 * @param measure  what is added up
 * @param argument for {@link Measure#DISTINCT}: the argument whose distinct values are counted
 * @param max      the most the window may hold (not negative)
 * @param window   the window's length
 */
public record Budget(String name, Optional<String> tool, Optional<EffectClass> effect, Measure measure,
                     Optional<String> argument, BigDecimal max, Duration window) {

    /** Validates. */
    public Budget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(argument, "argument");
        Objects.requireNonNull(window, "window");
        if (!name.matches("[a-z_][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("budget names are lower-case letters, digits and '_', starting with a letter or '_'");
        }
        if (max.signum() < 0) {
            throw new IllegalArgumentException("max must not be negative");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive");
        }
        if (measure == Measure.DISTINCT && argument.isEmpty()) {
            throw new IllegalArgumentException("a distinct budget names the argument it counts");
        }
        if (measure == Measure.IMPACT && tool.isEmpty()) {
            throw new IllegalArgumentException("an impact budget names the tool whose impact it sums");
        }
    }

    /** True when calls to {@code t} count against this budget. */
    public boolean matches(Tool t) {
        return tool.map(n -> n.equals(t.name())).orElse(true) && effect.map(e -> t.effects().contains(e)).orElse(true);
    }

    /** For people: {@code 2000 a day}. */
    String describe() {
        return max.stripTrailingZeros().toPlainString() + " " + Rate.perUnit(window);
    }

    /** What one unit of the budget is, for messages. */
    String what() {
        return switch (measure) {
            case CALLS -> "calls" + tool.map(t -> " to " + t).orElse("") + effect.map(e -> " with effect " + e.wire()).orElse("");
            case IMPACT -> tool.orElseThrow() + " impact";
            case DISTINCT -> "distinct " + argument.orElseThrow() + " values";
        };
    }
}
