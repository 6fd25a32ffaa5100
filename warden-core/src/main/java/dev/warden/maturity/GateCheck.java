package dev.warden.maturity;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One measured check of a promotion gate.
 *
 * @param name     e.g. {@code time_at_level}
 * @param unit     what the numbers count: {@code seconds}, {@code operations}, {@code share}, {@code incidents}, {@code attestations}, {@code sign_offs},
 *                 {@code metrics}, {@code baselines} or {@code ratio}
 * @param observed the measured value; empty when there is no evidence to measure
 * @param required the threshold
 * @param rule     how {@code observed} compares with {@code required} to pass: {@code at_least},
 *                 {@code above}, {@code at_most} or {@code not_applicable}
 * @param passed   whether the check passed
 * @param why      one sentence with the numbers, for a human
 */
public record GateCheck(String name, String unit, OptionalDouble observed, double required, String rule, boolean passed,
                        String why) {
    /** Validates. */
    public GateCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(why, "why");
    }

    /** A check that passes when {@code observed >= required}. */
    static GateCheck atLeast(String name, String unit, double observed, double required, String why) {
        return new GateCheck(name, unit, OptionalDouble.of(observed), required, "at_least", observed >= required, why);
    }

    /** A check that passes when {@code observed > required}. */
    static GateCheck above(String name, String unit, double observed, double required, String why) {
        return new GateCheck(name, unit, OptionalDouble.of(observed), required, "above", observed > required, why);
    }

    /** A check that passes when {@code observed <= required}. */
    static GateCheck atMost(String name, String unit, double observed, double required, String why) {
        return new GateCheck(name, unit, OptionalDouble.of(observed), required, "at_most", observed <= required, why);
    }

    /** A check the target level does not require: it passes, and says so. */
    static GateCheck notApplicable(String name, String unit, String why) {
        return new GateCheck(name, unit, OptionalDouble.empty(), 0, "not_applicable", true, why);
    }

    /** A check that fails because nothing could be measured. */
    static GateCheck noEvidence(String name, String unit, double required, String rule, String why) {
        return new GateCheck(name, unit, OptionalDouble.empty(), required, rule, false, "no evidence: " + why);
    }
}
