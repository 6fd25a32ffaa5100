package dev.warden.mcp;

import dev.warden.catalog.Tool;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * The data-governance hook on tool results: sees every result of an allowed call after the
 * gateway has recorded its digest as the call's outcome, and returns what the agent receives
 * (the same result, a masked copy, or an error result). Detectors for PII, secrets and prompt
 * injection plug in here ({@link ScanningOutputHook}, wired from the {@code data:} configuration).
 * Implementations MUST be thread-safe and SHOULD NOT throw; a throwing hook fails the call closed
 * (the agent gets a tool error, not the result).
 */
@FunctionalInterface
public interface OutputHook {

    /** Inspects one result. */
    CallToolResult inspect(Caller caller, Tool tool, CallToolResult result);

    /**
     * Inspects one result of the call {@code decision} allowed on {@code resource}: what the gateway
     * calls, so a hook can name the decision whose output it judged (labels, audit records). By
     * default the three-argument form.
     */
    default CallToolResult inspect(Caller caller, Tool tool, Decision.Allow decision, String resource, CallToolResult result) {
        return inspect(caller, tool, result);
    }

    /**
     * Inspects what a {@code resources/read} that {@code decision} allowed brought back (decided as
     * {@code action}, e.g. {@code files.resources.read}): returns what the agent receives, or throws
     * an {@link io.modelcontextprotocol.spec.McpError} to withhold it. By default the result passes.
     */
    default McpSchema.ReadResourceResult inspectResource(Caller caller, String action, Decision.Allow decision, String uri,
                                                         McpSchema.ReadResourceResult result) {
        return result;
    }

    /**
     * Inspects what a {@code prompts/get} that {@code decision} allowed brought back (decided as
     * {@code action}, e.g. {@code everything.prompts.get}; {@code name} the prompt's gateway name):
     * returns what the agent receives, or throws an {@link io.modelcontextprotocol.spec.McpError} to
     * withhold it. By default the result passes.
     */
    default McpSchema.GetPromptResult inspectPrompt(Caller caller, String action, Decision.Allow decision, String name,
                                                    McpSchema.GetPromptResult result) {
        return result;
    }

    /** The default: the result digest is recorded by the gateway; the result passes unchanged. */
    static OutputHook passThrough() {
        return (caller, tool, result) -> result;
    }
}
