package dev.warden.incident;

import java.util.List;
import java.util.Optional;

/**
 * Stored incidents. Implementations are thread-safe; a failure is a {@link dev.warden.WardenException}
 * with {@code store_unavailable}.
 */
public interface IncidentStore {
    /** Stores a new incident. */
    void insert(Incident incident);

    /** Replaces a stored incident (a new timeline entry, a state change). */
    void update(Incident incident);

    /** Removes an incident (takes back an insert whose audit record failed). */
    void delete(String id);

    /** The incident with this id. */
    Optional<Incident> find(String id);

    /** The agent's incident that is open or acknowledged, if there is one. */
    Optional<Incident> active(String agent);

    /** A page of incidents, newest first. */
    List<Incident> list(IncidentQuery query);

    /** Incidents with a response still in force (re-applied to the guard at start). */
    List<Incident> withResponsesInForce();
}
