package dev.warden.grant;

import dev.warden.catalog.JsonSchema;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import java.util.List;
import java.util.Map;

/**
 * Shows policies the grants that may apply: runs before the policy guard and, when the agent has
 * active grants covering the tool, puts their ids (sorted) in the context entry
 * {@value #CONTEXT_KEY} (for Cedar {@code context.grants}, a set of strings; empty when there are
 * none). The policy engine's verdict memo keys on context entries, so a verdict remembered before a
 * grant existed never answers a call made after. Using a grant is the approval guard's part
 * ({@link dev.warden.approval.ApprovalGuard}); this guard never denies.
 */
public final class GrantGuard implements Guard {
    /** The context entry's name. */
    public static final String CONTEXT_KEY = "grants";
    /** The entry declared for a policy engine: an array of grant ids. */
    public static final Map<String, JsonSchema> CONTEXT_ENTRIES = Map.of(CONTEXT_KEY,
            JsonSchema.of(Map.of("type", "array", "items", Map.of("type", "string"))));

    private final GrantService grants;

    /** A guard showing the grants of {@code grants}. */
    public GrantGuard(GrantService grants) {
        this.grants = grants;
    }

    @Override
    public Verdict check(DecisionContext decision) {
        List<String> ids = grants.activeIds(decision.agent().name(), decision.tool().name(), decision.now());
        if (!ids.isEmpty()) {
            decision.put(CONTEXT_KEY, ids);
        }
        return Verdict.PASS;
    }
}
