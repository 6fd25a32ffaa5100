package dev.warden.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * A change of an agent (level, status, or version and configuration digest) that is in force, as
 * {@link AgentRegistry} listeners see it.
 *
 * @param kind   the audit record kind, e.g. {@code agent.killed}, {@code agent.quarantined},
 *               {@code agent.level_changed}, {@code agent.restored}, {@code agent.identity_changed}
 * @param before the agent before the change
 * @param after  the agent now
 * @param actor  who made it ({@code kind:name})
 * @param reason the reason given ("" when none)
 * @param cause  what caused it in structured form, when the caller said (an automatic demotion names
 *               its rule and incidents; an operator's change has none)
 */
public record AgentChange(String kind, Agent before, Agent after, String actor, String reason, Optional<ChangeCause> cause) {
    /** Validates. */
    public AgentChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(actor, "actor");
        reason = reason == null ? "" : reason;
        cause = cause == null ? Optional.empty() : cause;
    }

    /** A change without a structured cause. */
    public AgentChange(String kind, Agent before, Agent after, String actor, String reason) {
        this(kind, before, after, actor, reason, Optional.empty());
    }
}
