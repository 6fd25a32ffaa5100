package dev.warden.server.console;

import java.util.List;

/**
 * An agent's page: who it is, what it did, its incidents, limits and breakers, how ready it is for
 * its next level, and the actions the operator may take on it.
 *
 * @param chrome     the frame
 * @param agent      the header
 * @param activity   the key figures of its recent decisions and its baseline
 * @param incidents  its incidents, newest first
 * @param limits     its limits and budgets, as configured
 * @param breakers   its circuit breakers
 * @param actions    the actions the operator may take
 */
public record AgentPageView(Chrome chrome, Header agent, List<Figure> activity, List<IncidentRow> incidents,
                            List<Figure> limits, List<BreakerRow> breakers,
                            Actions actions) {
    /** The agent as the page's header shows it. */
    public record Header(String name, String level, String basis, String status, String owner, String project,
                         String environment, String purpose) {
    }

    /** One incident: its id links to its page. */
    public record IncidentRow(String id, String opened, String severity, String state) {
    }

    /** One circuit breaker of the agent. */
    public record BreakerRow(String tool, String state, int calls, int failed, String failureRate) {
    }

    /**
     * The promotion gates and the next level's controls.
     *
     * @param next      the level a promotion would lead to
     * @param since     when the agent reached its level (the figures count from there)
     * @param gates     the evaluated gates
     * @param pending   the gates not evaluated
     * @param controls  the next level's controls
     * @param truncated whether the audit trail was read only up to its limit
     */
    public record ReadinessView(String next, String since, List<Gate> gates, List<String> pending, List<Control> controls,
                                boolean truncated) {
    }

    /** One promotion gate and its checks. */
    public record Gate(String name, boolean passed, List<Check> checks) {
    }

    /** One check of a gate, with its numbers. */
    public record Check(String name, String observed, String required, boolean passed, String why) {
    }

    /** One control the next level requires. */
    public record Control(String name, String requiredFrom, boolean inForce, String why) {
    }

    /**
     * What the operator may do on the page.
     *
     * @param kill    kill and quarantine (an admin, or the agent's owner)
     * @param restore restore (an admin)
     */
    public record Actions(boolean kill, boolean restore) {
        /** Whether any action form is shown. */
        public boolean any() {
            return kill || restore;
        }
    }
}
