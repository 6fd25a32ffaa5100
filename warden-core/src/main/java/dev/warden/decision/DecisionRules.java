package dev.warden.decision;

import dev.warden.catalog.ToolCatalog;
import dev.warden.policy.PolicyEngine;
import java.util.Objects;

/**
 * What decisions are made against: the tool catalog and the policy engine loaded for it. Swapped
 * as one value (see {@link dev.warden.Warden#updateRules}), so a decision never sees a catalog
 * from one load and policies from another.
 *
 * @param catalog  the tools
 * @param policies the policy engine, loaded against {@code catalog}
 */
public record DecisionRules(ToolCatalog catalog, PolicyEngine policies) {
    /** Checks both are present. */
    public DecisionRules {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(policies, "policies");
    }
}
