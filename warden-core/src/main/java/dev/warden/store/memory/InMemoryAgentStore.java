package dev.warden.store.memory;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AgentStore} in memory, for tests and embedded use without persistence. */
public final class InMemoryAgentStore implements AgentStore {
    private final ConcurrentHashMap<String, Agent> agents = new ConcurrentHashMap<>();

    @Override
    public boolean insert(Agent agent) {
        return agents.putIfAbsent(agent.name(), agent) == null;
    }

    @Override
    public Optional<Agent> find(String name) {
        return Optional.ofNullable(agents.get(name));
    }

    @Override
    public List<Agent> list() {
        return agents.values().stream().sorted(Comparator.comparing(Agent::name)).toList();
    }

    @Override
    public void update(Agent agent) {
        if (agents.replace(agent.name(), agent) == null) {
            throw new WardenException(ErrorCode.AGENT_NOT_FOUND, "no agent named '" + agent.name() + "'");
        }
    }

    @Override
    public boolean remove(String name) {
        return agents.remove(name) != null;
    }
}
