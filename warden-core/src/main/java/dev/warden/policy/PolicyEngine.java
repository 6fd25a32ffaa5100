package dev.warden.policy;

/**
 * SPI of a policy engine (the Cedar adapter is the stock one).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #evaluate} MUST NOT throw; any internal failure MUST be returned as
 *       {@link PolicyVerdict.Failed}, which the decision point turns into a deny.</li>
 *   <li>Deny by default: with no matching permit the verdict MUST be {@link PolicyVerdict.NoPermit}.</li>
 *   <li>A matching forbid MUST win over any permit.</li>
 *   <li>An error while evaluating a forbid policy MUST yield {@link PolicyVerdict.Failed}; an error
 *       in a permit policy MUST only remove that permit.</li>
 *   <li>Implementations MUST be thread-safe.</li>
 * </ul>
 */
public interface PolicyEngine {

    /** Evaluates the policy set for one query. */
    PolicyVerdict evaluate(PolicyQuery query);

    /** Ids of every loaded policy, for audit records of policy loads. */
    java.util.List<String> policyIds();

    /**
     * Could any policy ever permit this agent to use this tool (ignoring arguments and resource)?
     * Used to hide tools from an agent's tool list. Engines that cannot tell MUST return true.
     */
    default boolean mayEverPermit(dev.warden.agent.Agent agent, dev.warden.catalog.Tool tool) {
        return true;
    }

    /**
     * Can a verdict for this tool depend on the call's context (its arguments and session)? When
     * false, the verdict depends only on the agent, the tool and the resource, and
     * {@link MemoizingPolicyEngine} remembers it across arguments. Engines that cannot tell MUST
     * return true; returning false wrongly would let one call's verdict answer another's.
     */
    default boolean readsContext(dev.warden.catalog.Tool tool) {
        return true;
    }
}
