package dev.warden.scan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which {@link OptionalDetectors optional detectors} run, for everyone, per maturity level and per
 * project. Like the class rules, the most specific list wins as a whole: a project's list replaces
 * its level's, which replaces the one for everyone (an empty list turns them off).
 *
 * @param everyone the ids run for every call, when no level or project list applies
 * @param levels   lists per maturity level
 * @param projects lists per project
 */
public record EnabledDetectors(Optional<Set<String>> everyone, Map<String, Set<String>> levels,
                               Map<String, Set<String>> projects) {
    /** None anywhere. */
    public static final EnabledDetectors NONE = new EnabledDetectors(Optional.empty(), Map.of(), Map.of());

    /** Copies the lists. */
    public EnabledDetectors {
        everyone = everyone.map(Set::copyOf);
        levels = copy(levels);
        projects = copy(projects);
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> m) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Set.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    /** The ids run for a call of an agent in {@code project} at {@code level} (either may be null: unknown). */
    public Set<String> forCall(String project, String level) {
        if (project != null && projects.containsKey(project)) {
            return projects.get(project);
        }
        if (level != null && levels.containsKey(level)) {
            return levels.get(level);
        }
        return everyone.orElse(Set.of());
    }

    /** Every id named anywhere, sorted. */
    public Set<String> named() {
        Set<String> all = new TreeSet<>(everyone.orElse(Set.of()));
        levels.values().forEach(all::addAll);
        projects.values().forEach(all::addAll);
        return Collections.unmodifiableSet(all);
    }
}
