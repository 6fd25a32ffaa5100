package dev.warden.maturity;

import dev.warden.agent.MaturityLevel;
import java.util.List;
import java.util.Objects;

/**
 * The controls a maturity level requires, checked for one agent: every control the ATF makes a MUST
 * at that level or below, in the order of {@link Control}.
 *
 * @param agent    the agent
 * @param level    the level checked for
 * @param controls one check per required control
 */
public record ControlsReport(String agent, MaturityLevel level, List<ControlCheck> controls) {
    /** Validates and copies. */
    public ControlsReport {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(level, "level");
        controls = List.copyOf(controls);
    }

    /** The ids of the controls not in force. */
    public List<String> missing() {
        return controls.stream().filter(c -> !c.inForce()).map(ControlCheck::control).toList();
    }

    /** True when every required control is in force. */
    public boolean allInForce() {
        return controls.stream().allMatch(ControlCheck::inForce);
    }
}
