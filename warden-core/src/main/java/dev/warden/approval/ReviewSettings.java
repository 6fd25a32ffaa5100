package dev.warden.approval;

import java.time.Duration;
import java.util.Objects;

/**
 * Rubber-stamp resistance ({@code approvals.review} in {@code warden.yaml}): an approval decided
 * faster than {@code minDecision} after it was opened, or more than {@code bulkCount} approvals
 * by one operator within {@code bulkWindow}, raise an {@code approval.rubber_stamp} alert.
 *
 * @param minDecision the fastest an approval should be approved (zero: no floor)
 * @param bulkCount   approvals by one operator in the window beyond which it is a bulk run (0: no bulk check)
 * @param bulkWindow  the window of the bulk check, also the period within which one operator
 *                    raises at most one alert of each kind
 * @param notifyPerAgentPerMinute approval requests of one agent notified one by one per minute;
 *                    beyond, one folded notice says the agent floods approvers (0: no bound)
 */
public record ReviewSettings(Duration minDecision, int bulkCount, Duration bulkWindow, int notifyPerAgentPerMinute) {
    /** The defaults: a 10 s floor, more than 20 approvals in 10 minutes is a bulk run, 20 notices per agent a minute. */
    public static final ReviewSettings DEFAULTS = new ReviewSettings(Duration.ofSeconds(10), 20, Duration.ofMinutes(10), 20);

    /** Validates. */
    public ReviewSettings {
        Objects.requireNonNull(minDecision, "minDecision");
        Objects.requireNonNull(bulkWindow, "bulkWindow");
        if (minDecision.isNegative() || bulkCount < 0 || !bulkWindow.isPositive() || notifyPerAgentPerMinute < 0) {
            throw new IllegalArgumentException("min decision >= 0, bulk count >= 0, a positive bulk window, notices >= 0");
        }
    }

    /** Settings with the default bound on notices per agent. */
    public ReviewSettings(Duration minDecision, int bulkCount, Duration bulkWindow) {
        this(minDecision, bulkCount, bulkWindow, 20);
    }
}
