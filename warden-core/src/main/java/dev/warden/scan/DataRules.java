package dev.warden.scan;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data-governance configuration: an action per data class, overridden per maturity level and
 * per project (the most specific wins: project over level over the defaults), the scan limits and
 * the output checks of tools, and which {@link OptionalDetectors optional detectors} run where
 * ({@link EnabledDetectors}).
 *
 * <p>Immutable; the rules of each project and level are resolved once and kept.
 */
public final class DataRules {
    private final Map<DataClass, ClassRule> classes;
    private final Map<String, Map<DataClass, ClassRule>> levels;
    private final Map<String, Map<DataClass, ClassRule>> projects;
    private final ScanLimits limits;
    private final Map<String, OutputRule> outputs;
    private final EnabledDetectors detectors;
    private final ConcurrentHashMap<String, ClassRules> resolved = new ConcurrentHashMap<>();

    /**
     * What applies when nothing is configured: every class is {@code detect} (found, recorded and
     * labelled), except toxicity, which blocks at a score of 0.7 or more.
     */
    public static final Map<DataClass, ClassRule> BUILT_IN = Map.of(DataClass.TOXICITY,
            new ClassRule(DataAction.BLOCK, 0.7, "default"));

    /** The built-in rules and limits, no output checks. */
    public static final DataRules DEFAULTS = new DataRules(Map.of(), Map.of(), Map.of(), ScanLimits.DEFAULTS, Map.of());

    /**
     * The configuration.
     *
     * @param classes  the rules for everyone (over {@link #BUILT_IN})
     * @param levels   overrides per maturity level ({@code intern}, ...)
     * @param projects overrides per project (over the level's)
     * @param limits   the bounds of each scan
     * @param outputs  output checks by tool name
     */
    public DataRules(Map<DataClass, ClassRule> classes, Map<String, Map<DataClass, ClassRule>> levels,
                     Map<String, Map<DataClass, ClassRule>> projects, ScanLimits limits, Map<String, OutputRule> outputs) {
        this(classes, levels, projects, limits, outputs, EnabledDetectors.NONE);
    }

    /**
     * The configuration with optional detectors.
     *
     * @param detectors which optional detectors run for whom
     * @see #DataRules(Map, Map, Map, ScanLimits, Map)
     */
    public DataRules(Map<DataClass, ClassRule> classes, Map<String, Map<DataClass, ClassRule>> levels,
                     Map<String, Map<DataClass, ClassRule>> projects, ScanLimits limits, Map<String, OutputRule> outputs,
                     EnabledDetectors detectors) {
        this.detectors = Objects.requireNonNull(detectors, "detectors");
        this.classes = Map.copyOf(classes);
        this.levels = copy(levels);
        this.projects = copy(projects);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.outputs = Map.copyOf(outputs);
    }

    /** The rules for everyone, as configured (without the built-in ones). */
    public Map<DataClass, ClassRule> classes() {
        return classes;
    }

    /** The overrides per level. */
    public Map<String, Map<DataClass, ClassRule>> levels() {
        return levels;
    }

    /** The overrides per project. */
    public Map<String, Map<DataClass, ClassRule>> projects() {
        return projects;
    }

    /** The bounds of each scan. */
    public ScanLimits limits() {
        return limits;
    }

    /** The output checks by tool. */
    public Map<String, OutputRule> outputs() {
        return outputs;
    }

    /** Which optional detectors run for whom. */
    public EnabledDetectors detectors() {
        return detectors;
    }

    private static Map<String, Map<DataClass, ClassRule>> copy(Map<String, Map<DataClass, ClassRule>> m) {
        Map<String, Map<DataClass, ClassRule>> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Map.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The rules of a call of an agent in {@code project} at {@code level} (either may be null: unknown). */
    public ClassRules forCall(String project, String level) {
        String key = project + "\u0000" + level;
        ClassRules known = resolved.get(key);
        return known != null ? known : resolved.computeIfAbsent(key, k -> resolve(project, level));
    }

    private ClassRules resolve(String project, String level) {
        EnumMap<DataClass, ClassRule> out = new EnumMap<>(DataClass.class);
        out.putAll(BUILT_IN);
        out.putAll(classes);
        if (level != null) {
            out.putAll(levels.getOrDefault(level, Map.of()));
        }
        if (project != null) {
            out.putAll(projects.getOrDefault(project, Map.of()));
        }
        return new ClassRules(out, detectors.forCall(project, level));
    }

    /** The output checks of a tool, if any. */
    public Optional<OutputRule> output(String tool) {
        return Optional.ofNullable(outputs.get(tool));
    }
}
