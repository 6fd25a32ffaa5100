package dev.warden.simulation.lifecycle;

import java.time.Duration;

/**
 * The result of a lifecycle run.
 *
 * @param timeline           what happened
 * @param decisions          decisions the agent asked for
 * @param tokens             access tokens it obtained
 * @param signOffRoles       whether the server took {@code maturity.sign_off_roles}
 * @param promotionsEndpoint whether promotions went through {@code POST /v1/agents/{name}/promotions}
 *                           (else an admin granted the level once the owner had checked the gates readiness shows)
 * @param wallTime           how long the run took
 */
public record LifecycleRun(Timeline timeline, long decisions, long tokens, boolean signOffRoles, boolean promotionsEndpoint,
                           Duration wallTime) {
}
