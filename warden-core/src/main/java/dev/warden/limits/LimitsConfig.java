package dev.warden.limits;

import java.util.Map;
import java.util.Objects;

/**
 * Every limit Warden enforces: defaults for all agents, overrides per agent, and rates per project.
 *
 * @param defaults        limits of every agent (tool limits and budgets included)
 * @param agents          per agent, the values that differ from the defaults
 * @param projects        calls per window of all agents of a project together, by project
 * @param policyContext   whether decisions carry the {@code limits} context entry for policies
 *                        ({@code context.limits.<budget>.used_pct}); off when no policy reads it,
 *                        which keeps the policy verdict memo hitting
 */
public record LimitsConfig(AgentLimits defaults, Map<String, AgentLimits> agents, Map<String, Rate> projects,
                           boolean policyContext) {
    /** No limits at all. */
    public static final LimitsConfig NONE = new LimitsConfig(AgentLimits.NONE, Map.of(), Map.of(), false);

    /** Validates and copies. */
    public LimitsConfig {
        Objects.requireNonNull(defaults, "defaults");
        agents = Map.copyOf(agents);
        projects = Map.copyOf(projects);
    }

    /** True when no limit is configured at all. */
    public boolean isEmpty() {
        return defaults.equals(AgentLimits.NONE) && agents.isEmpty() && projects.isEmpty();
    }

    /** The same limits, with the policy context entry on or off. */
    public LimitsConfig withPolicyContext(boolean on) {
        return new LimitsConfig(defaults, agents, projects, on);
    }

    /** The limits of {@code agent}: its own values over the defaults. */
    public AgentLimits forAgent(String agent) {
        AgentLimits own = agents.get(agent);
        return own == null ? defaults : own.over(defaults);
    }

    /** The names of every budget, defaults' and agents' (for the policy schema). */
    public java.util.Set<String> budgetNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(defaults.budgets().keySet());
        agents.values().forEach(a -> names.addAll(a.budgets().keySet()));
        return names;
    }

    /** The longest window of any budget, zero when there is none (how far back a restart looks). */
    public java.time.Duration longestBudgetWindow() {
        java.time.Duration longest = java.time.Duration.ZERO;
        for (Budget b : defaults.budgets().values()) {
            longest = b.window().compareTo(longest) > 0 ? b.window() : longest;
        }
        for (AgentLimits a : agents.values()) {
            for (Budget b : a.budgets().values()) {
                longest = b.window().compareTo(longest) > 0 ? b.window() : longest;
            }
        }
        return longest;
    }
}
