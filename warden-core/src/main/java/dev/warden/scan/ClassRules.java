package dev.warden.scan;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The rule of every data class for one scan: the configuration resolved for a project and level
 * ({@link DataRules#forCall}). Classes left unconfigured are {@code detect}.
 */
public final class ClassRules {
    private static final ClassRule DETECT = new ClassRule(DataAction.DETECT, 0.0, "default");

    private final EnumMap<DataClass, ClassRule> rules;
    private final boolean blocks;
    private final boolean changes;

    /** The rules given; classes absent are detect-only. */
    public ClassRules(Map<DataClass, ClassRule> rules) {
        this.rules = new EnumMap<>(DataClass.class);
        rules.forEach((c, r) -> this.rules.put(Objects.requireNonNull(c), Objects.requireNonNull(r)));
        this.blocks = this.rules.values().stream().anyMatch(r -> r.action() == DataAction.BLOCK);
        this.changes = this.rules.values().stream().anyMatch(r -> r.action() != DataAction.DETECT);
    }

    /** The rule of a class. */
    public ClassRule rule(DataClass c) {
        return rules.getOrDefault(c, DETECT);
    }

    /** Whether some class is {@code block}. */
    public boolean anyBlock() {
        return blocks;
    }

    /** Whether some class is anything but {@code detect}: content that cannot be scanned is then refused. */
    public boolean anyAction() {
        return changes;
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
