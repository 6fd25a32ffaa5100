package dev.warden.policy;

import dev.warden.agent.Agent;
import dev.warden.catalog.Tool;
import java.util.Map;
import java.util.Set;

/**
 * What a policy engine is asked: may this agent, in this session, call this tool on this resource
 * with these arguments?
 *
 * @param agent     the registered agent (its level, project and environment come from the registry)
 * @param sessionId the session the call belongs to
 * @param tool      the catalog entry of the action
 * @param resource  the resource acted on (the tool name when the caller named none)
 * @param args      the call arguments, already validated against the tool's input schema, in
 *                  Warden's plain Java JSON form (see {@link dev.warden.catalog.JsonSchema})
 * @param context   the entries guards before the policy guard added to the decision
 *                  ({@link dev.warden.decision.DecisionContext#put}), by name, read-only; empty when
 *                  none did. An engine whose verdict reads an entry MUST make it part of its
 *                  {@link PolicyEngine#verdictKey} ({@link MemoizingPolicyEngine} adds the entries to
 *                  every key in any case). The Cedar engine gives them to Cedar as
 *                  {@code context.<name>}; each must be declared with its type when that engine is
 *                  loaded, and a call with an undeclared or ill-typed entry fails
 * @param sessionLabels the data labels the session carried before this call ({@code pii},
 *                  {@code untrusted}, ...; see {@link dev.warden.flow.SessionLabels}); empty when it
 *                  carries none. An engine MUST make them part of its {@link PolicyEngine#verdictKey}
 *                  whenever its verdict may read them ({@link MemoizingPolicyEngine} adds them to every
 *                  key in any case); the Cedar engine gives them as {@code context.session.labels}
 */
public record PolicyQuery(Agent agent, String sessionId, Tool tool, String resource, Map<String, Object> args,
                          Map<String, Object> context, Set<String> sessionLabels) {
    /** Takes a missing context or label set as empty, and copies the labels. */
    public PolicyQuery {
        context = context == null ? Map.of() : context;
        sessionLabels = sessionLabels == null ? Set.of() : Set.copyOf(sessionLabels);
    }

    /** A query of a session without labels. */
    public PolicyQuery(Agent agent, String sessionId, Tool tool, String resource, Map<String, Object> args,
                       Map<String, Object> context) {
        this(agent, sessionId, tool, resource, args, context, Set.of());
    }

    /** A query without context entries. */
    public PolicyQuery(Agent agent, String sessionId, Tool tool, String resource, Map<String, Object> args) {
        this(agent, sessionId, tool, resource, args, Map.of(), Set.of());
    }
}
