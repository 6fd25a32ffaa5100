package dev.warden.testing;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.decision.Caller;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.DecisionId;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.DecisionRules;
import dev.warden.policy.PolicyEngine;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Agents and decisions for testing one guard on its own. */
public final class GuardFixtures {
    private GuardFixtures() {
    }

    /** An active agent of project shop/prod claiming {@link Fixtures#CAPABILITIES}, at token epoch 0. */
    public static Agent agent(String name, MaturityLevel level) {
        return agent(name, level, AgentStatus.ACTIVE, Fixtures.CAPABILITIES, "shop", "prod");
    }

    public static Agent agent(String name, MaturityLevel level, AgentStatus status, List<String> capabilities,
                              String project, String environment) {
        return new Agent(new AgentId("warden.local", name), "alice@example.com", "tests", capabilities, "1.0.0",
                "sha256:" + "ab".repeat(32), project, environment, level, status, List.of(), 0, Instant.EPOCH);
    }

    /** A decision of {@code agent}'s call, against the fixture catalog and {@code policies}. */
    public static DecisionContext decision(String agent, String action, Map<String, Object> args, PolicyEngine policies) {
        return decision(DecisionRequest.of(new Caller(agent, "sess-" + agent, 0), action, args), policies);
    }

    public static DecisionContext decision(DecisionRequest request, PolicyEngine policies) {
        DecisionRules rules = new DecisionRules(Fixtures.catalog(), policies);
        return new DecisionContext(new DecisionId("dec_" + "0".repeat(32)), request, Instant.EPOCH, () -> rules);
    }

    /** A decision that got past identity and catalog: its agent and tool are set. */
    public static DecisionContext identified(Agent agent, String action, Map<String, Object> args, PolicyEngine policies) {
        DecisionContext d = decision(agent.name(), action, args, policies);
        d.agent(agent);
        d.tool(Fixtures.catalog().find(action).orElseThrow());
        return d;
    }
}
