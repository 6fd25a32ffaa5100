package dev.warden.catalog;

import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import java.util.Optional;

/**
 * Catalog: the action must be a tool of the catalog in force (deny by default). Puts the tool
 * into the decision.
 */
public final class CatalogGuard implements Guard {
    @Override
    public Verdict check(DecisionContext decision) {
        String action = decision.request().action();
        Optional<Tool> tool = decision.rules().catalog().find(action);
        if (tool.isEmpty()) {
            return Verdict.deny(Reason.of("catalog", "unknown_tool", "'" + action + "' is not in the tool catalog"));
        }
        decision.tool(tool.get());
        return Verdict.PASS;
    }
}
