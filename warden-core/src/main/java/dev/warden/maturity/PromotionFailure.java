package dev.warden.maturity;

import java.util.Objects;

/**
 * One reason a promotion request was refused: a gate check that did not pass, a gate not
 * evaluated, or a control of the target level not in force.
 *
 * @param gate  the gate's wire name ({@code performance}, {@code governance_sign_off}...), or
 *              {@code controls} for a control of the target level
 * @param check the check's or control's name, e.g. {@code time_at_level}, {@code rate_limits}
 * @param why   one sentence with the numbers
 */
public record PromotionFailure(String gate, String check, String why) {
    /** Validates. */
    public PromotionFailure {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(why, "why");
    }
}
