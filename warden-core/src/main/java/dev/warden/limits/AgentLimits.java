package dev.warden.limits;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The limits of one agent, or the defaults of every agent. Every value is optional: a missing one
 * is taken from the defaults, and a missing default means no such limit.
 *
 * @param rate            calls per window of the agent, all tools together
 * @param ratePerTool     calls per window of the agent to each tool (a tool's own {@code rate} wins)
 * @param ratePerSession  calls per window in each session of the agent
 * @param concurrency     allowed calls in flight (without an outcome) at once
 * @param inFlightTimeout how long an allowed call without an outcome counts as in flight
 * @param tools           limits on calls to single tools, by tool name
 * @param budgets         cumulative limits, by name
 */
public record AgentLimits(Optional<Rate> rate, Optional<Rate> ratePerTool, Optional<Rate> ratePerSession,
                          OptionalInt concurrency, Optional<Duration> inFlightTimeout,
                          Map<String, ToolLimits> tools, Map<String, Budget> budgets) {
    /** No limits. */
    public static final AgentLimits NONE = new AgentLimits(Optional.empty(), Optional.empty(), Optional.empty(),
            OptionalInt.empty(), Optional.empty(), Map.of(), Map.of());

    /** How long an allowed call counts as in flight when nothing says otherwise. */
    public static final Duration DEFAULT_IN_FLIGHT_TIMEOUT = Duration.ofMinutes(5);

    /** Validates and copies. */
    public AgentLimits {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(ratePerTool, "ratePerTool");
        Objects.requireNonNull(ratePerSession, "ratePerSession");
        Objects.requireNonNull(concurrency, "concurrency");
        Objects.requireNonNull(inFlightTimeout, "inFlightTimeout");
        if (concurrency.isPresent() && concurrency.getAsInt() < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (inFlightTimeout.isPresent() && (inFlightTimeout.get().isNegative() || inFlightTimeout.get().isZero())) {
            throw new IllegalArgumentException("the in-flight timeout must be positive");
        }
        tools = Map.copyOf(tools);
        budgets = Map.copyOf(new LinkedHashMap<>(budgets));
    }

    /**
     * These values, each missing one taken from {@code base}; tool limits merge value by value and
     * a budget named here replaces the one of that name in {@code base}.
     */
    public AgentLimits over(AgentLimits base) {
        Map<String, ToolLimits> t = new LinkedHashMap<>(base.tools);
        tools.forEach((name, own) -> t.merge(name, own, (inBase, mine) -> mine.over(inBase)));
        Map<String, Budget> b = new LinkedHashMap<>(base.budgets);
        b.putAll(budgets);
        return new AgentLimits(rate.or(base::rate), ratePerTool.or(base::ratePerTool),
                ratePerSession.or(base::ratePerSession),
                concurrency.isPresent() ? concurrency : base.concurrency, inFlightTimeout.or(base::inFlightTimeout), t, b);
    }

    /** The limits on calls to {@code tool}, with the agent's per-tool rate where the tool sets none. */
    ToolLimits tool(String tool) {
        ToolLimits own = tools.getOrDefault(tool, ToolLimits.NONE);
        return own.rate().isPresent() || ratePerTool.isEmpty() ? own : new ToolLimits(ratePerTool, own.maxImpact());
    }
}
