package dev.warden.alert;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert as a component raises it, before it is recorded and routed.
 *
 * @param severity how urgent
 * @param kind     what fired, e.g. {@code limit.exceeded}, {@code breaker.opened}, {@code agent.killed},
 *                 {@code owner.notify}
 * @param agent    the agent concerned, if one is
 * @param project  the agent's project, if known (routing is per project)
 * @param summary  one line for a human
 * @param numbers  the figures behind it (limit, used, window...), plain JSON values
 * @param evidence the decision ids it rests on
 */
public record AlertDraft(AlertSeverity severity, String kind, Optional<String> agent, Optional<String> project,
                         String summary, Map<String, Object> numbers, List<String> evidence) {

    /** Validates and copies. */
    public AlertDraft {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(summary, "summary");
        numbers = Map.copyOf(numbers);
        evidence = List.copyOf(evidence);
    }
}
