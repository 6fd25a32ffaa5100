package dev.warden.decision;

import dev.warden.approval.ApprovalId;
import java.util.Map;
import java.util.Optional;

/**
 * A request to perform one action.
 *
 * @param caller     the authenticated agent and session
 * @param action     tool name from the catalog
 * @param resource   what the action touches (defaults to the tool name when absent)
 * @param args       arguments in Warden's plain Java JSON form
 * @param rationale  the agent's stated intent, stored with the decision (ATF B-5)
 * @param approvalId a granted approval being redeemed for exactly this call
 * @param order      the operator's order when the call is a compensation of a rollback plan
 *                   (set only by the rollback runner, never from what an agent sends)
 * @param prompt     the input prompt the agent is acting on, when it sends it: scanned by the data
 *                   guard (an injection in it labels the session {@code untrusted}), never recorded
 */
public record DecisionRequest(Caller caller, String action, Optional<String> resource, Map<String, Object> args,
                              Optional<String> rationale, Optional<ApprovalId> approvalId, Optional<Order> order,
                              Optional<String> prompt) {

    /** Copies the arguments, keeping their order. */
    public DecisionRequest {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        java.util.Objects.requireNonNull(prompt, "prompt");
    }

    /** A request without a prompt. */
    public DecisionRequest(Caller caller, String action, Optional<String> resource, Map<String, Object> args,
                           Optional<String> rationale, Optional<ApprovalId> approvalId, Optional<Order> order) {
        this(caller, action, resource, args, rationale, approvalId, order, Optional.empty());
    }

    /** A request without an operator's order. */
    public DecisionRequest(Caller caller, String action, Optional<String> resource, Map<String, Object> args,
                           Optional<String> rationale, Optional<ApprovalId> approvalId) {
        this(caller, action, resource, args, rationale, approvalId, Optional.empty());
    }

    /** A request with no resource, rationale or approval. */
    public static DecisionRequest of(Caller caller, String action, Map<String, Object> args) {
        return new DecisionRequest(caller, action, Optional.empty(), args, Optional.empty(), Optional.empty());
    }

    /** The resource, or the action name when none was given. */
    public String effectiveResource() {
        return resource.filter(r -> !r.isBlank()).orElse(action);
    }
}
