package dev.warden.agent;

import java.util.Map;

/** Which agents a kill switch reaches: one agent, all of an owner, all of a project, or all of them. */
public sealed interface KillScope {

    /** True when the agent is within this scope. */
    boolean covers(Agent agent);

    /** The scope as it is recorded in the audit trail, e.g. {@code {"owner": "x"}}. */
    Map<String, Object> describe();

    /** One agent, by name. */
    record OneAgent(String name) implements KillScope {
        @Override
        public boolean covers(Agent agent) {
            return agent.name().equals(name);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("agent", name);
        }
    }

    /** Every agent with this owner. */
    record Owner(String owner) implements KillScope {
        @Override
        public boolean covers(Agent agent) {
            return agent.owner().equals(owner);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("owner", owner);
        }
    }

    /** Every agent of this project. */
    record Project(String project) implements KillScope {
        @Override
        public boolean covers(Agent agent) {
            return agent.project().equals(project);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("project", project);
        }
    }

    /** Every agent registered at the time of the kill (agents registered later are not affected). */
    record All() implements KillScope {
        @Override
        public boolean covers(Agent agent) {
            return true;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("all", true);
        }
    }
}
