package dev.warden.catalog;

import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import java.util.List;

/** Input schema: the arguments must match the tool's JSON Schema; the deny lists every violation. */
public final class SchemaGuard implements Guard {
    @Override
    public Verdict check(DecisionContext decision) {
        List<String> violations = decision.tool().inputSchema().validate(decision.request().args(), "args");
        if (!violations.isEmpty()) {
            return Verdict.deny(Reason.of("schema", "invalid_arguments", String.join("; ", violations)));
        }
        return Verdict.PASS;
    }
}
