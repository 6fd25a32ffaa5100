package dev.warden.agent;

import java.util.List;
import java.util.Optional;

/**
 * Persistence SPI for the agent registry. Implementations MUST be thread-safe and MUST throw
 * {@link dev.warden.WardenException} with {@link dev.warden.ErrorCode#STORE_UNAVAILABLE} when the
 * backing store cannot be reached, so callers fail closed.
 */
public interface AgentStore {

    /**
     * Inserts a new agent.
     *
     * @return false if an agent with the same name already exists (nothing is changed)
     */
    boolean insert(Agent agent);

    /** The agent with this name, if registered. */
    Optional<Agent> find(String name);

    /** All agents, ordered by name. */
    List<Agent> list();

    /** Replaces the stored agent with the same name (level, status and token epoch may change). */
    void update(Agent agent);

    /**
     * Removes an agent whose registration could not be recorded (the undo of {@link #insert};
     * agents are never removed otherwise).
     *
     * @return true if there was one
     */
    boolean remove(String name);
}
