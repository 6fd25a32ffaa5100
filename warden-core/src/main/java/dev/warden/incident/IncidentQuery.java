package dev.warden.incident;

import java.util.Objects;
import java.util.Optional;

/**
 * A page of incidents, newest (highest id) first.
 *
 * @param agent  only this agent's
 * @param state  only in this state
 * @param before only with ids below this one (the next page after an incident)
 * @param limit  at most this many (1..10,000)
 */
public record IncidentQuery(Optional<String> agent, Optional<IncidentState> state, Optional<String> before, int limit) {
    /** Validates. */
    public IncidentQuery {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(before, "before");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000");
        }
    }

    /** The newest {@code limit} incidents. */
    public static IncidentQuery newest(int limit) {
        return new IncidentQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    /** Whether {@code i} is in the query's bounds (the limit aside). */
    public boolean matches(Incident i) {
        return agent.map(a -> a.equals(i.agent())).orElse(true)
                && state.map(s -> s == i.state()).orElse(true)
                && before.map(b -> i.id().compareTo(b) < 0).orElse(true);
    }
}
