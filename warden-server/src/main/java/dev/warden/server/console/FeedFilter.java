package dev.warden.server.console;

import java.util.Optional;
import java.util.Set;

/**
 * What a subscriber of the live feed asked for: one agent, one kind of decision, or all.
 *
 * @param agent    only this agent's decisions, when present
 * @param decision only decisions of this wire value ({@code allow}, {@code deny},
 *                 {@code approval_required}), when present
 */
public record FeedFilter(Optional<String> agent, Optional<String> decision) {
    /** The decision values a filter may name. */
    public static final Set<String> DECISIONS = Set.of("allow", "deny", "approval_required");
    /** Everything. */
    public static final FeedFilter ALL = new FeedFilter(Optional.empty(), Optional.empty());

    /** Checks the decision value. */
    public FeedFilter {
        decision.ifPresent(d -> {
            if (!DECISIONS.contains(d)) {
                throw new IllegalArgumentException("unknown decision " + d);
            }
        });
    }

    /**
     * The filter of a request's query parameters; blank means no filter, an unknown decision
     * value is no filter either (the page offers only known ones).
     */
    public static FeedFilter of(String agent, String decision) {
        Optional<String> a = Optional.ofNullable(agent).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> d = Optional.ofNullable(decision).map(String::strip).filter(DECISIONS::contains);
        return new FeedFilter(a, d);
    }

    /** Whether a decision of {@code agentName} with value {@code wire} passes. */
    public boolean matches(String agentName, String wire) {
        return (agent.isEmpty() || agent.get().equals(agentName)) && (decision.isEmpty() || decision.get().equals(wire));
    }
}
