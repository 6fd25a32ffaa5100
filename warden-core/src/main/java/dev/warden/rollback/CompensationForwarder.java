package dev.warden.rollback;

import dev.warden.decision.Caller;
import dev.warden.decision.DecisionId;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out allowed compensations of tools Warden itself can call (the MCP gateway's upstream
 * tools). Compensations of other tools are handed to the agent's owner instead.
 */
public interface CompensationForwarder {

    /** True when this forwarder can call {@code tool}. */
    boolean serves(String tool);

    /**
     * Calls {@code tool} for an allowed compensation and records its outcome under {@code decision}.
     *
     * @return empty when the call completed; else what went wrong
     */
    Optional<String> forward(Caller caller, DecisionId decision, String tool, Map<String, Object> args);
}
