package dev.warden.behavior;

import java.util.Map;

/** Where baselines survive restarts: one opaque snapshot per agent ({@link AgentBaseline#snapshot()}). */
public interface BaselineStore {
    /** Writes these snapshots, replacing older ones of the same agents. */
    void save(Map<String, byte[]> snapshots);

    /** Every stored snapshot by agent. */
    Map<String, byte[]> loadAll();
}
