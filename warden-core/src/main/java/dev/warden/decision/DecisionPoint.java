package dev.warden.decision;

/**
 * The policy decision point: one decision path for the MCP gateway, the HTTP API and in-process use.
 *
 * <p>Contract (MUST):
 * <ul>
 *   <li>{@link #decide} never throws for a deny and never throws for an internal failure: any
 *       error, timeout or unreachable store yields {@link Decision.Deny} with reason
 *       {@code evaluation_error} or {@code store_unavailable}.</li>
 *   <li>Deny by default: unknown agents, tools and projects are denied; an action no policy
 *       permits is denied.</li>
 *   <li>{@link Guard}s run in the order identity (registered agent, credential not revoked), status
 *       (kill/quarantine), segmentation (project), catalog, tool holds ({@link ToolHolds}), segmentation
 *       (capability manifest), input schema, maturity ceiling, limits (when configured, {@link
 *       dev.warden.limits.LimitsGuard}), the guards added through
 *       {@link dev.warden.Warden.Builder#guard}, policy, approval obligation. The first deny ends the
 *       decision with its reasons; otherwise any approval obligation gives
 *       {@link Decision.ApprovalRequired}; otherwise allow.</li>
 *   <li>A request carrying an operator's {@link Order} (a compensation run from a rollback plan)
 *       passes the status guard for a killed or quarantined agent, and the capability guard, only
 *       when the plan's item is being run and the call is exactly the planned one; every other guard
 *       applies, and its record carries {@code ordered_by}, {@code plan_id} and {@code compensates}.</li>
 *   <li>An error in a Cedar {@code forbid} denies; an error in a {@code permit} only removes it.</li>
 *   <li>The maturity level (read from the registry, never from the credential) is a ceiling no
 *       policy can lift.</li>
 *   <li>Every decision is appended to the audit log here, the one choke point; an
 *       {@link Decision.Allow} is returned only after its record is durable.</li>
 *   <li>An approval a decision opens is stored, and one it redeems is used up, together with the
 *       decision's record: when the record fails the decision is a deny ({@code store_unavailable})
 *       and no approval was opened or used. Of concurrent redemptions of one approval at most one
 *       is an allow.</li>
 * </ul>
 */
public interface DecisionPoint {

    /** Decides one request. Never throws. */
    Decision decide(DecisionRequest request);
}
