package dev.warden.outcome;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent decisions of this process, so recording an outcome for one of them needs no
 * store lookup. Holds at most {@code capacity} entries, oldest out first; a decision that has
 * dropped out (or was made before a restart) is looked up in the audit store instead. Thread-safe.
 */
public final class RecentDecisions {

    /**
     * What is known about one decision.
     *
     * @param agent      the agent it was made for
     * @param decision   its wire value
     * @param hasOutcome whether an outcome was recorded for it by this process
     */
    public record Known(String agent, String decision, boolean hasOutcome) {
    }

    private final Map<String, Known> known;

    /** Keeps at most {@code capacity} decisions. */
    public RecentDecisions(int capacity) {
        this.known = new LinkedHashMap<>(Math.min(capacity, 4096) * 2) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers a decision once its audit record is durable. */
    public synchronized void remember(String decisionId, String agent, String decision) {
        known.put(decisionId, new Known(agent, decision, false));
    }

    /** What is known about a decision, if it is still remembered. */
    public synchronized Optional<Known> find(String decisionId) {
        return Optional.ofNullable(known.get(decisionId));
    }

    /** Notes that an outcome was durably recorded for a remembered decision. */
    public synchronized void outcomeRecorded(String decisionId) {
        known.computeIfPresent(decisionId, (k, v) -> new Known(v.agent(), v.decision(), true));
    }
}
