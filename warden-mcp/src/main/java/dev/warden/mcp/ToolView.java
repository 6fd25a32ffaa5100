package dev.warden.mcp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An upstream tool as operators see it ({@code GET /v1/mcp/tools}, {@code warden mcp tools}).
 *
 * @param name         gateway name {@code <prefix>.<tool>}
 * @param upstream     upstream name
 * @param state        {@code approved}, {@code changed} (definition changed upstream, withheld) or
 *                     {@code pending} (never approved, withheld)
 * @param available    true when the upstream is up and serves the tool now
 * @param hash         SHA-256 of the approved definition (empty when none)
 * @param pendingHash  SHA-256 of the unapproved definition the upstream serves, when withheld
 * @param pendingDefinition that definition (canonical JSON), when withheld
 * @param effects      catalog effect classes
 * @param risk         catalog risk tier
 * @param classifiedBy {@code tools.yaml}, or {@code default} for the configured default classification
 * @param updatedAt    when the pin last changed
 * @param approvedBy   who approved the pinned definition
 */
public record ToolView(String name, String upstream, String state, boolean available, String hash,
                       Optional<String> pendingHash, Optional<String> pendingDefinition, List<String> effects,
                       String risk, String classifiedBy, Instant updatedAt, String approvedBy) {
}
