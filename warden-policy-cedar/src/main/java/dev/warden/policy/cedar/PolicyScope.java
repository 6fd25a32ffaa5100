package dev.warden.policy.cedar;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The scope (principal and action constraints) of a policy, read from Cedar's JSON form, used to
 * answer {@link CedarPolicyEngine#mayEverPermit} soundly without evaluating conditions.
 *
 * <p>Agents have no parents, so {@code principal in Agent::"x"} holds exactly when the principal is
 * {@code Agent::"x"}; an action is in itself and in the effect groups of its tool. Any scope form not
 * understood here answers {@link Match#MAYBE}.
 *
 * @param principal     the principal constraint
 * @param action        the action constraint
 * @param resourceAll   whether the resource constraint matches every {@code Resource}
 * @param unconditional whether the policy has no {@code when}/{@code unless} clause
 */
record PolicyScope(JsonNode principal, JsonNode action, boolean resourceAll, boolean unconditional) {

    /** Whether a constraint certainly holds, certainly does not, or might. */
    enum Match { YES, NO, MAYBE }

    /** Reads the scope from a policy's JSON form. */
    static PolicyScope of(JsonNode policyJson) {
        JsonNode resource = policyJson.path("resource");
        String resourceOp = resource.path("op").asText();
        boolean resourceAll = resourceOp.equals("All")
                || (resourceOp.equals("is") && CedarNames.RESOURCE.equals(resource.path("entity_type").asText())
                    && !resource.has("in"));
        JsonNode conditions = policyJson.path("conditions");
        boolean unconditional = conditions.isArray() && conditions.isEmpty();
        return new PolicyScope(policyJson.path("principal"), policyJson.path("action"), resourceAll, unconditional);
    }

    /** Whether the principal constraint holds for the agent of this name. */
    Match principalMatches(String agentName) {
        return switch (principal.path("op").asText()) {
            case "All" -> Match.YES;
            case "==", "in" -> is(principal.path("entity"), CedarNames.AGENT, agentName);
            case "is" -> !CedarNames.AGENT.equals(principal.path("entity_type").asText()) ? Match.NO
                    : principal.has("in") ? is(principal.path("in").path("entity"), CedarNames.AGENT, agentName)
                    : Match.YES;
            default -> Match.MAYBE;
        };
    }

    /**
     * Whether the action constraint holds for a tool's action.
     *
     * @param toolName  the tool (action id)
     * @param actionIds the action's own id and its effect groups
     */
    Match actionMatches(String toolName, Set<String> actionIds) {
        return switch (action.path("op").asText()) {
            case "All" -> Match.YES;
            case "==" -> is(action.path("entity"), CedarNames.ACTION, toolName);
            case "in" -> action.has("entities") ? anyIn(action.path("entities"), actionIds) : in(action.path("entity"), actionIds);
            default -> Match.MAYBE;
        };
    }

    private static Match anyIn(JsonNode entities, Set<String> actionIds) {
        if (!entities.isArray()) {
            return Match.MAYBE;
        }
        Match result = Match.NO;
        for (JsonNode entity : entities) {
            Match m = in(entity, actionIds);
            if (m == Match.YES) {
                return Match.YES;
            }
            if (m == Match.MAYBE) {
                result = Match.MAYBE;
            }
        }
        return result;
    }

    private static Match in(JsonNode entity, Set<String> actionIds) {
        if (!entity.path("type").isTextual() || !entity.path("id").isTextual()) {
            return Match.MAYBE;
        }
        return CedarNames.ACTION.equals(entity.path("type").asText()) && actionIds.contains(entity.path("id").asText())
                ? Match.YES : Match.NO;
    }

    private static Match is(JsonNode entity, String type, String id) {
        if (!entity.path("type").isTextual() || !entity.path("id").isTextual()) {
            return Match.MAYBE;
        }
        return type.equals(entity.path("type").asText()) && id.equals(entity.path("id").asText()) ? Match.YES : Match.NO;
    }
}
