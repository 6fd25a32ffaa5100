package dev.warden.catalog;

import java.time.Instant;
import java.util.Optional;

/**
 * The pinned definition of an upstream tool: the hash of its name, description and input schema
 * as an operator (or trust on first use) approved it, and any different definition seen since.
 *
 * @param tool              gateway tool name, e.g. {@code files.read_file}
 * @param hash              SHA-256 hex of the approved canonical definition (empty when none yet)
 * @param definition        the approved canonical definition JSON (empty when none yet)
 * @param state             {@link State#APPROVED} or {@link State#CHANGED}
 * @param pendingHash       hash of the unapproved definition now served upstream, when CHANGED
 * @param pendingDefinition that definition, when CHANGED
 * @param updatedAt         last change
 * @param approvedBy        who approved the current pin ({@code system:trust_on_first_use} or an operator)
 */
public record ToolPin(String tool, String hash, String definition, State state, Optional<String> pendingHash,
                      Optional<String> pendingDefinition, Instant updatedAt, String approvedBy) {

    /** Pin state. */
    public enum State {
        /** The upstream serves the approved definition: the tool may be offered. */
        APPROVED,
        /** The upstream serves a definition nobody approved: the tool is withheld and calls are denied. */
        CHANGED
    }
}
