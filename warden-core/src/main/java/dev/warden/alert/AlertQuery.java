package dev.warden.alert;

import java.util.Objects;
import java.util.Optional;

/**
 * A page of alerts, newest first.
 *
 * @param agent    only this agent's
 * @param severity only this severity
 * @param state    only open or only acked
 * @param before   only alerts with an id below this one (the next page after a page ending there)
 * @param limit    at most this many (1..1000)
 */
public record AlertQuery(Optional<String> agent, Optional<AlertSeverity> severity, Optional<AlertState> state,
                         Optional<String> before, int limit) {
    /** Validates. */
    public AlertQuery {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(before, "before");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
    }

    /** The newest {@code limit} alerts, unfiltered. */
    public static AlertQuery newest(int limit) {
        return new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    /** Whether an alert passes the filters (not the page bound). */
    public boolean matches(Alert a) {
        return agent.map(x -> a.agent().equals(Optional.of(x))).orElse(true)
                && severity.map(s -> a.severity() == s).orElse(true)
                && state.map(s -> a.state() == s).orElse(true)
                && before.map(b -> a.id().compareTo(b) < 0).orElse(true);
    }
}
