package dev.warden.policy.cedar;

import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.Value;
import dev.warden.catalog.Tool;
import java.util.Map;
import java.util.Set;

/**
 * What the engine precomputes for one catalog tool.
 *
 * @param tool          the catalog entry
 * @param action        its Cedar action, {@code Action::"<tool name>"}
 * @param actionIds     the action's own id and the ids of the effect groups it belongs to
 * @param args          the type of {@code context.args}, from the tool's input schema
 * @param fixedContext  the context attributes that depend only on the tool
 *                      ({@code effects, risk, risk_rank, tool})
 */
record ToolBinding(Tool tool, EntityUID action, Set<String> actionIds, CedarType.RecordType args,
                   Map<String, Value> fixedContext) {

    /** Copies the collections. */
    ToolBinding {
        actionIds = Set.copyOf(actionIds);
        fixedContext = Map.copyOf(fixedContext);
    }
}
