/**
 * Limits on what an agent may do in a window of time (ATF S-3, S-4, S-5): rates of calls, the
 * impact of one call, budgets summed or counted over a window, and calls in flight. One guard,
 * {@link dev.warden.limits.LimitsGuard}, checks them all in the decision path.
 */
package dev.warden.limits;
