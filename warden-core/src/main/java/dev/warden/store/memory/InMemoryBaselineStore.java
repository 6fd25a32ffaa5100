package dev.warden.store.memory;

import dev.warden.behavior.BaselineStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Baselines in memory: they survive a monitor's restart within one process (tests, embedded use). */
public final class InMemoryBaselineStore implements BaselineStore {
    private final Map<String, byte[]> snapshots = new ConcurrentHashMap<>();

    @Override
    public void save(Map<String, byte[]> batch) {
        batch.forEach((agent, bytes) -> snapshots.put(agent, bytes.clone()));
    }

    @Override
    public Map<String, byte[]> loadAll() {
        return Map.copyOf(snapshots);
    }
}
