package dev.warden.scan;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rule of every data class for one scan: the configuration resolved for a project and level
 * ({@link DataRules#forCall}). Classes left unconfigured are {@code detect}. Also names the
 * {@link OptionalDetectors optional detectors} enabled for it, which run besides the scanner's own.
 */
public final class ClassRules {
    private static final ClassRule DETECT = new ClassRule(DataAction.DETECT, 0.0, "default");

    private final EnumMap<DataClass, ClassRule> rules;
    private final boolean blocks;
    private final boolean changes;
    private final Set<String> detectors;

    /** The rules given; classes absent are detect-only; no optional detector. */
    public ClassRules(Map<DataClass, ClassRule> rules) {
        this(rules, Set.of());
    }

    /** The rules given, and the ids of the optional detectors to run besides the scanner's own. */
    public ClassRules(Map<DataClass, ClassRule> rules, Set<String> detectors) {
        this.detectors = Set.copyOf(detectors);
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

    /** The ids of the optional detectors enabled for this scan (empty by default). */
    public Set<String> detectors() {
        return detectors;
    }

    @Override
    public String toString() {
        return detectors.isEmpty() ? rules.toString() : rules + " +" + detectors;
    }
}
