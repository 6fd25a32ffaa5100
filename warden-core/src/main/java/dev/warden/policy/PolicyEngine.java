package dev.warden.policy;

/**
 * SPI of a policy engine (the Cedar adapter is the stock one).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #evaluate} MUST NOT throw; any internal failure MUST be returned as
 *       {@link PolicyVerdict.Failed}, which the decision point turns into a deny.</li>
 *   <li>Deny by default: with no matching permit the verdict MUST be {@link PolicyVerdict.NoPermit}.</li>
 *   <li>A matching forbid MUST win over any permit. An engine may offer forbids a human approval
 *       lifts (the Cedar engine's {@code @approval("required")} on a forbid): when only such forbids
 *       match and a permit does too, it reports them in {@link PolicyVerdict.Permit#heldBy}, which
 *       asks for an approval; never as an allow without one.</li>
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
     * The approver groups the loaded policies name ({@code @approvers}), each with where it is
     * first named ({@code file:line}), so the server can refuse to start on a group its
     * configuration does not define. Engines without approver groups return an empty map.
     */
    default java.util.Map<String, String> approverGroups() {
        return java.util.Map.of();
    }

    /**
     * Could any policy ever permit this agent to use this tool (ignoring arguments and resource)?
     * Used to hide tools from an agent's tool list. Engines that cannot tell MUST return true.
     */
    default boolean mayEverPermit(dev.warden.agent.Agent agent, dev.warden.catalog.Tool tool) {
        return true;
    }

    /**
     * The value this engine's verdict for the query is a function of, for {@link MemoizingPolicyEngine}
     * to remember verdicts under. Two queries with equal keys MUST get equal verdicts from this
     * engine instance (a failure of the engine itself aside, which is never remembered), so a key must
     * hold everything evaluation reads, including whatever decides whether the query can be evaluated
     * at all. It must have value equality and never change once returned. Empty, the default, means
     * the query is evaluated every time; an engine that cannot tell, or whose verdicts depend on
     * anything but the query (a clock, rules replaced while running), MUST return empty, because a
     * key that leaves out something the verdict depends on lets one call's verdict answer another's.
     */
    default java.util.Optional<Object> verdictKey(PolicyQuery query) {
        return java.util.Optional.empty();
    }
}
