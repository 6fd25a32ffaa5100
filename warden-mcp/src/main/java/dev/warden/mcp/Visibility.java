package dev.warden.mcp;

import dev.warden.Warden;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.AgentStatus;
import dev.warden.catalog.Tool;
import dev.warden.decision.DecisionRules;
import dev.warden.decision.MaturityCeiling;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which tools an agent is shown: only those it could ever be allowed to use. A tool is listed when
 * its upstream is up, its pinned definition is approved, it is in the catalog, the agent's
 * capability manifest claims it, it is not above the agent's maturity ceiling, and some policy
 * could permit it ({@link dev.warden.policy.PolicyEngine#mayEverPermit}). Arguments are not known
 * at listing time, so a listed tool can still be denied for particular arguments.
 */
final class Visibility {
    private final Warden warden;
    private final Upstreams upstreams;
    private final ToolDirectory directory;
    private final ToolPins pins;

    Visibility(Warden warden, Upstreams upstreams, ToolDirectory directory, ToolPins pins) {
        this.warden = warden;
        this.upstreams = upstreams;
        this.directory = directory;
        this.pins = pins;
    }

    /** The tools the agent may see, by name. */
    List<GatewayTool> tools(String agentName) {
        Optional<Agent> agent = warden.agents().find(agentName);
        if (agent.isEmpty() || agent.get().status() != AgentStatus.ACTIVE) {
            return List.of();
        }
        DecisionRules rules = warden.rules();
        return directory.all().stream()
                .filter(t -> upstreams.up(t.upstream()) && pins.approved(t) && mayUse(agent.get(), t.name(), rules))
                .sorted(Comparator.comparing(GatewayTool::name))
                .toList();
    }

    /** True when the agent could ever use this catalog action. */
    boolean mayUse(Agent agent, String action, DecisionRules rules) {
        Optional<Tool> entry = rules.catalog().find(action);
        return entry.isPresent()
                && AgentRegistry.claims(agent, action)
                && MaturityCeiling.check(agent.level(), entry.get()) != MaturityCeiling.Verdict.DENIED
                && rules.policies().mayEverPermit(agent, entry.get());
    }

    /** True when the agent could ever read resources of the upstream with this prefix. */
    boolean mayReadResources(String agentName, String prefix) {
        return mayUse(agentName, prefix + ".resources.read");
    }

    /** True when the agent could ever get prompts of the upstream with this prefix. */
    boolean mayGetPrompts(String agentName, String prefix) {
        return mayUse(agentName, prefix + ".prompts.get");
    }

    /** True when the (active) agent could ever be allowed this catalog action. */
    boolean mayUse(String agentName, String action) {
        return warden.agents().find(agentName)
                .filter(a -> a.status() == AgentStatus.ACTIVE)
                .map(a -> mayUse(a, action, warden.rules()))
                .orElse(false);
    }
}
