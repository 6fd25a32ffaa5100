package dev.warden.mcp;

import dev.warden.catalog.Tool;
import dev.warden.decision.Caller;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * The data-governance hook on tool results: sees every result of an allowed call after the
 * gateway has recorded its digest as the call's outcome, and returns what the agent receives
 * (the same result, a masked copy, or an error result). Detectors for PII, secrets and prompt
 * injection plug in here. Implementations MUST be thread-safe and SHOULD NOT throw; a throwing hook
 * fails the call closed (the agent gets a tool error, not the result).
 */
@FunctionalInterface
public interface OutputHook {

    /** Inspects one result. */
    CallToolResult inspect(Caller caller, Tool tool, CallToolResult result);

    /** The default: the result digest is recorded by the gateway; the result passes unchanged. */
    static OutputHook passThrough() {
        return (caller, tool, result) -> result;
    }
}
