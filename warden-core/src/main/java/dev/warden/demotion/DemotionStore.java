package dev.warden.demotion;

import java.util.List;
import java.util.Optional;

/**
 * Stored demotion records. Implementations are thread-safe; a failure is a
 * {@link dev.warden.WardenException} with {@code store_unavailable}.
 */
public interface DemotionStore {
    /** Stores a new record. */
    void insert(Demotion demotion);

    /** Replaces a stored record (a new step, closed, undone). */
    void update(Demotion demotion);

    /** Removes a record (takes back an insert whose audit record failed). */
    void delete(String id);

    /** The record with this id. */
    Optional<Demotion> find(String id);

    /** The agent's records, newest first. */
    List<Demotion> list(String agent);

    /** The agent's open records, oldest first. */
    List<Demotion> open(String agent);
}
