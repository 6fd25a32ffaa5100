package dev.warden.store.memory;

import dev.warden.incident.Incident;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentStore;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** {@link IncidentStore} in memory (embedded use and tests); thread-safe. */
public final class InMemoryIncidentStore implements IncidentStore {
    private final TreeMap<String, Incident> incidents = new TreeMap<>();

    @Override
    public synchronized void insert(Incident incident) {
        incidents.put(incident.id(), incident);
    }

    @Override
    public synchronized void update(Incident incident) {
        incidents.put(incident.id(), incident);
    }

    @Override
    public synchronized void delete(String id) {
        incidents.remove(id);
    }

    @Override
    public synchronized Optional<Incident> find(String id) {
        return Optional.ofNullable(incidents.get(id));
    }

    @Override
    public synchronized Optional<Incident> active(String agent) {
        return incidents.descendingMap().values().stream()
                .filter(i -> i.agent().equals(agent) && i.state().isActive()).findFirst();
    }

    @Override
    public synchronized List<Incident> list(IncidentQuery query) {
        return incidents.descendingMap().values().stream().filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public synchronized List<Incident> withResponsesInForce() {
        return incidents.values().stream().filter(Incident::hasResponsesInForce).toList();
    }
}
