package dev.warden.maturity;

import dev.warden.agent.MaturityLevel;
import java.util.Objects;

/**
 * Whether one control the ATF requires at a maturity level is in force for one agent.
 *
 * @param control      the control's id, e.g. {@code rate_limits}
 * @param requiredFrom the lowest level at which the ATF makes it a MUST
 * @param inForce      whether it is in force for this agent under the live configuration
 * @param why          the evidence: what makes it in force, or what is missing (naming tools where it is about tools)
 */
public record ControlCheck(String control, MaturityLevel requiredFrom, boolean inForce, String why) {
    /** Validates. */
    public ControlCheck {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(requiredFrom, "requiredFrom");
        Objects.requireNonNull(why, "why");
    }
}
