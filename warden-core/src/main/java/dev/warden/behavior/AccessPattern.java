package dev.warden.behavior;

import java.util.Optional;

/**
 * Seed rule: a tool or a resource class (the resource up to its first {@code :} or {@code /})
 * the agent never used before, once its baseline counts. During learning everything is new, so
 * it only learns.
 */
public final class AccessPattern implements Detector {
    /** The id. */
    public static final String ID = "access_pattern";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean statistical() {
        return false;
    }

    @Override
    public Optional<Finding> inspect(Observation o) {
        if (!o.learned() || !(o.event() instanceof BehaviorEvent.Decided d)) {
            return Optional.empty();
        }
        if (o.newTool()) {
            return Optional.of(new Finding(Optional.of(d.tool()), 1, Optional.of(0.0), 0,
                    "first call to tool " + d.tool() + " after " + o.baseline().operations()
                            + " operations without it"));
        }
        return o.newClass().map(c -> new Finding(Optional.of(d.tool()), 1, Optional.of(0.0), 0,
                "first access to resource class " + c + " (via " + d.tool() + ") after its baseline was learned"));
    }
}
