package dev.warden.agent;

import java.util.Map;
import java.util.Set;

/**
 * The projects Warden knows and the environments of each. Agents belong to one project and
 * environment; an unknown project or environment is denied.
 *
 * @param environments project name to its environment names
 */
public record Projects(Map<String, Set<String>> environments) {

    /** Copies the map. */
    public Projects {
        environments = environments.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    }

    /** True when the project exists and has this environment. */
    public boolean contains(String project, String environment) {
        Set<String> envs = environments.get(project);
        return envs != null && envs.contains(environment);
    }

    /** True when the project exists. */
    public boolean containsProject(String project) {
        return environments.containsKey(project);
    }
}
