package dev.warden.agent;

import java.util.List;

/**
 * What a scoped kill did.
 *
 * @param killed        the agents it killed, by name
 * @param alreadyKilled the agents in scope that were killed before it and were left as they were
 */
public record KillReport(List<String> killed, List<String> alreadyKilled) {
    /** Copies the lists. */
    public KillReport {
        killed = List.copyOf(killed);
        alreadyKilled = List.copyOf(alreadyKilled);
    }
}
